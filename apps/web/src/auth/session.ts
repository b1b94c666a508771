/**
 * The browser's one session, shared by every tab (ADR 0017). The refresh token lives in an
 * HttpOnly cookie that no script reads, sent only to /auth; the access token (15 minutes) lives
 * in memory, and tabs hand it to each other over a BroadcastChannel, so a new tab (Ctrl+click,
 * a colleague's link, a duplicated tab) is signed in without asking, and only one tab at a time
 * refreshes (a Web Lock; the server also forgives two refreshes at the same moment). Signing
 * out in one tab signs every tab out.
 */
export interface TokenAnswer {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly sessionExpiresAt: string;
}

type Listener = (signedIn: boolean, reason?: SessionEndReason) => void;
export type SessionEndReason = 'signed-out' | 'expired' | 'revoked' | 'idle';

type TabMessage =
  | { readonly type: 'token-request' }
  | { readonly type: 'token'; readonly token: string; readonly expiresAt: number }
  | { readonly type: 'signed-out'; readonly reason: SessionEndReason }
  | { readonly type: 'activity'; readonly at: number };

/** Refresh this long before the access token expires. */
const EARLY_MS = 30_000;
/** How long a new tab waits for another to hand it a token before using the cookie. */
const ASK_TABS_MS = 250;
const CHANNEL = 'relais-session';
const REFRESH_LOCK = 'relais-refresh';

let accessToken: string | undefined;
let accessExpiresAt = 0;
let refreshing: Promise<string | undefined> | undefined;
const listeners = new Set<Listener>();
const activityListeners = new Set<(at: number) => void>();
const channel: BroadcastChannel | undefined =
  typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);

function post(message: TabMessage): void {
  channel?.postMessage(message);
}

function adopt(token: string, expiresAt: number): void {
  if (expiresAt <= accessExpiresAt) return;
  const wasSignedIn = accessToken !== undefined;
  accessToken = token;
  accessExpiresAt = expiresAt;
  if (!wasSignedIn) for (const listener of listeners) listener(true);
}

channel?.addEventListener('message', (event: MessageEvent<TabMessage>) => {
  const message = event.data;
  switch (message.type) {
    case 'token-request':
      if (valid()) post({ type: 'token', token: accessToken ?? '', expiresAt: accessExpiresAt });
      return;
    case 'token':
      adopt(message.token, message.expiresAt);
      return;
    case 'signed-out':
      forget(message.reason);
      return;
    case 'activity':
      for (const listener of activityListeners) listener(message.at);
      return;
  }
});

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isSignedIn(): boolean {
  return accessToken !== undefined;
}

/** The access token's subject: an account's id, or `person:<id>` for a person's session. */
function tokenSubject(token: string | undefined): string | undefined {
  try {
    const payload = token?.split('.')[1];
    if (!payload) return undefined;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    return (JSON.parse(json) as { sub?: string }).sub;
  } catch {
    return undefined;
  }
}

/** Who the session is for: a professional's account, or a followed person in their space. */
export type SessionKind = 'account' | 'person';

const PERSON_SUBJECT = 'person:';

/** The kind of the session this tab holds; none when signed out. */
export function sessionKind(): SessionKind | undefined {
  const subject = tokenSubject(accessToken);
  if (!subject) return undefined;
  return subject.startsWith(PERSON_SUBJECT) ? 'person' : 'account';
}

/**
 * Who the session belongs to (the access token's subject: an account's id, or `person:<id>`),
 * for drafts kept aside.
 */
export function sessionAccountId(): string | undefined {
  return tokenSubject(accessToken);
}

/** Another tab saw the person at work: they are not idle. */
export function onActivityElsewhere(listener: (at: number) => void): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

export function announceActivity(at: number): void {
  post({ type: 'activity', at });
}

function store(answer: TokenAnswer): void {
  accessLifetimeMs = answer.expiresIn * 1000;
  const expiresAt = Date.now() + accessLifetimeMs;
  const wasSignedIn = accessToken !== undefined;
  accessToken = answer.accessToken;
  accessExpiresAt = expiresAt;
  post({ type: 'token', token: answer.accessToken, expiresAt });
  if (!wasSignedIn) for (const listener of listeners) listener(true);
}

/** Forgets the token in this tab (the server's session is ended by signOut). */
function forget(reason: SessionEndReason): void {
  const had = accessToken !== undefined;
  accessToken = undefined;
  accessExpiresAt = 0;
  if (had) for (const listener of listeners) listener(false, reason);
}

/** Ends the session in every tab of this browser. */
export function endSession(reason: SessionEndReason): void {
  post({ type: 'signed-out', reason });
  forget(reason);
}

async function postJson<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    // A domain refusal names its reason (PERSON_LINK_USED, ...): the page says which.
    const refusal = (await response.json().catch(() => undefined)) as
      { reason?: unknown } | undefined;
    const reason = typeof refusal?.reason === 'string' ? refusal.reason : undefined;
    throw new AuthRequestError(response.status, reason);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export class AuthRequestError extends Error {
  constructor(
    readonly status: number,
    readonly reason?: string,
  ) {
    super(`HTTP ${status}`);
  }
}

/** Runs `task` while no other tab of this browser refreshes (where Web Locks exist). */
function alone<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request(REFRESH_LOCK, task) : task();
}

let accessLifetimeMs = 15 * 60_000;

/** Refreshed a little before expiry: 30 s, or a quarter of a (test's) shorter lifetime. */
function valid(): string | undefined {
  const early = Math.min(EARLY_MS, accessLifetimeMs / 4);
  return accessToken && Date.now() < accessExpiresAt - early ? accessToken : undefined;
}

/** Trades the cookie's refresh token for an access token; one tab at a time. */
function refreshOnce(): Promise<string | undefined> {
  refreshing ??= alone(async () => {
    // Another tab may have refreshed while this one waited for the lock.
    const handed = valid();
    if (handed) return handed;
    try {
      store(await postJson<TokenAnswer>('/auth/refresh', {}));
      return accessToken;
    } catch (error) {
      // 401: the session is over (expired, ended, or never here); anything else: try later.
      if (error instanceof AuthRequestError && error.status < 500 && error.status !== 429) {
        endSession('expired');
      }
      return undefined;
    }
  }).finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/** A token handed over by another open tab, if one answers quickly. */
function askOtherTabs(): Promise<string | undefined> {
  if (!channel) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(undefined);
    }, ASK_TABS_MS);
    const onMessage = (event: MessageEvent<TabMessage>) => {
      if (event.data.type !== 'token') return;
      off();
      resolve(event.data.token);
    };
    const off = () => {
      clearTimeout(timer);
      channel.removeEventListener('message', onMessage);
    };
    channel.addEventListener('message', onMessage);
    post({ type: 'token-request' });
  });
}

/**
 * At a tab's start: the session of the browser, if there is one (another tab's token, else the
 * cookie's). Resolves true when signed in.
 */
export async function restoreSession(): Promise<boolean> {
  if (valid()) return true;
  if (await askOtherTabs()) return true;
  const restored = await alone(async () => {
    if (valid()) return true;
    try {
      store(await postJson<TokenAnswer>('/auth/refresh', {}));
      return true;
    } catch {
      return false;
    }
  });
  return restored;
}

/** A valid access token, refreshed first when it is about to expire; none when signed out. */
export async function currentAccessToken(): Promise<string | undefined> {
  return valid() ?? (accessToken ? refreshOnce() : undefined);
}

/** After the server said UNAUTHENTICATED: one refresh, else the session is over. */
export async function renewAfterRefusal(): Promise<string | undefined> {
  if (!accessToken) return undefined;
  accessExpiresAt = 0;
  return refreshOnce();
}

export async function signInWithEmail(email: string): Promise<void> {
  store(await postJson<TokenAnswer>('/auth/dev/sign-in', { email, cookie: true }));
}

/** What the person's sign-in answers once a code was emailed: where to type it, until when. */
export interface CodeChallenge {
  readonly challenge: string;
  readonly expiresAt: string;
}

/** The invitation's one-time link opened: a code is emailed to the person's address. */
export function openPersonLink(token: string): Promise<CodeChallenge> {
  return postJson<CodeChallenge>('/auth/person/link', { token });
}

/** A code asked with the address the person gave their referent (same answer for any). */
export function requestPersonCode(email: string): Promise<CodeChallenge> {
  return postJson<CodeChallenge>('/auth/person/code', { email });
}

/** The emailed code typed: the person's session, its refresh token in the cookie. */
export async function signInPerson(challenge: string, code: string): Promise<void> {
  store(await postJson<TokenAnswer>('/auth/person/sign-in', { challenge, code, cookie: true }));
}

/** This tab's provider logout under way: its `state`, and why the session ended. */
const PROVIDER_LOGOUT_KEY = 'relais.providerLogout';

interface ProviderLogout {
  readonly state: string;
  readonly reason: SessionEndReason;
}

/**
 * Ends the session in every tab, then on the server (its live connections close, the cookie is
 * cleared). A session opened through FranceConnect or ProConnect then sends this tab to the
 * provider's logout, whose session would otherwise sign the next person at this computer in
 * with one click; the provider sends it back to the sign-in page, which says so
 * (`providerLogoutReturn`). The same after an idle sign-out: a person who walked away from a
 * shared computer is the case the provider's logout is for.
 */
export async function signOut(reason: SessionEndReason = 'signed-out'): Promise<void> {
  const token = valid() ?? (await currentAccessToken());
  const path = sessionKind() === 'person' ? '/auth/person/sign-out' : '/auth/sign-out';
  endSession(reason);
  if (!token) return;
  const answer = await postJson<{ providerLogoutUrl?: unknown } | undefined>(path, {}, token).catch(
    () => undefined,
  );
  const url = typeof answer?.providerLogoutUrl === 'string' ? answer.providerLogoutUrl : undefined;
  if (url && /^https?:\/\//.test(url)) {
    const state = new URL(url).searchParams.get('state');
    if (state) {
      const pending: ProviderLogout = { state, reason };
      sessionStorage.setItem(PROVIDER_LOGOUT_KEY, JSON.stringify(pending));
    }
    window.location.assign(url);
  }
}

/**
 * Back on a sign-in page from the provider's logout (its `state` in the query, the one this
 * tab sent): why the session ended. Undefined for any other visit (a provider that was down
 * and never sent the browser back included). Reads only: `forgetProviderLogout` then clears it.
 */
export function providerLogoutReturn(): SessionEndReason | undefined {
  const state = new URLSearchParams(window.location.search).get('state');
  const stored = sessionStorage.getItem(PROVIDER_LOGOUT_KEY);
  if (!state || !stored) return undefined;
  try {
    const pending = JSON.parse(stored) as Partial<ProviderLogout>;
    return pending.state === state ? pending.reason : undefined;
  } catch {
    return undefined;
  }
}

/** The provider's logout is over: said once, its `state` out of the address bar. */
export function forgetProviderLogout(): void {
  sessionStorage.removeItem(PROVIDER_LOGOUT_KEY);
  window.history.replaceState(window.history.state, '', window.location.pathname);
}
