/**
 * The browser's session, in this tab's sessionStorage: a reload keeps you signed in, closing the
 * tab signs you out. The access token (15 minutes) is kept there too, so that a reload does not
 * spend a refresh (the API rate-limits refreshes per address, and an office shares one).
 * Refresh tokens work once: every refresh stores the new one. A refresh that fails ends the
 * session.
 */
export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
}

const REFRESH_KEY = 'relais.refresh';
const ACCESS_KEY = 'relais.access';
/** Refresh this long before the access token expires. */
const EARLY_MS = 30_000;

type Listener = (signedIn: boolean, reason?: SessionEndReason) => void;
export type SessionEndReason = 'signed-out' | 'expired' | 'revoked';

let { accessToken, accessExpiresAt } = storedAccessToken();
let refreshing: Promise<string | undefined> | undefined;
const listeners = new Set<Listener>();

function storedAccessToken(): { accessToken?: string; accessExpiresAt: number } {
  try {
    const stored = JSON.parse(sessionStorage.getItem(ACCESS_KEY) ?? 'null') as {
      token: string;
      expiresAt: number;
    } | null;
    if (stored && typeof stored.token === 'string' && typeof stored.expiresAt === 'number') {
      return { accessToken: stored.token, accessExpiresAt: stored.expiresAt };
    }
  } catch {
    // Unreadable: as if absent.
  }
  return { accessToken: undefined, accessExpiresAt: 0 };
}

function storedRefreshToken(): string | undefined {
  try {
    return sessionStorage.getItem(REFRESH_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function store(tokens: IssuedTokens): void {
  accessToken = tokens.accessToken;
  accessExpiresAt = Date.now() + tokens.expiresIn * 1000;
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  sessionStorage.setItem(
    ACCESS_KEY,
    JSON.stringify({ token: accessToken, expiresAt: accessExpiresAt }),
  );
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasSession(): boolean {
  return accessToken !== undefined || storedRefreshToken() !== undefined;
}

export function startSession(tokens: IssuedTokens): void {
  store(tokens);
  for (const listener of listeners) listener(true);
}

/** Forgets the tokens here (the server's session is ended by signOut). */
export function endSession(reason: SessionEndReason): void {
  const had = hasSession();
  accessToken = undefined;
  accessExpiresAt = 0;
  sessionStorage.removeItem(REFRESH_KEY);
  sessionStorage.removeItem(ACCESS_KEY);
  if (had) for (const listener of listeners) listener(false, reason);
}

async function postJson<T>(path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new AuthRequestError(response.status);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export class AuthRequestError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** Exchanges a refresh token (from storage, or from a sign-in's return) for fresh tokens. */
async function refreshWith(refreshToken: string): Promise<void> {
  store(await postJson<IssuedTokens>('/auth/refresh', { refreshToken }));
}

/**
 * Back from ProConnect with a refresh token in the URL's fragment: it is used (so spent) at
 * once, and the session starts with the new one.
 */
export async function signInWithReturnedToken(refreshToken: string): Promise<void> {
  startSession(await postJson<IssuedTokens>('/auth/refresh', { refreshToken }));
}

function refreshOnce(): Promise<string | undefined> {
  refreshing ??= (async () => {
    const refreshToken = storedRefreshToken();
    if (!refreshToken) return undefined;
    try {
      await refreshWith(refreshToken);
      return accessToken;
    } catch (error) {
      // 401: the session is over (expired, revoked or reused); anything else: try again later.
      if (error instanceof AuthRequestError && error.status < 500 && error.status !== 429) {
        endSession('expired');
      }
      return undefined;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** A valid access token, refreshed first when it is about to expire; none when signed out. */
export async function currentAccessToken(): Promise<string | undefined> {
  if (accessToken && Date.now() < accessExpiresAt - EARLY_MS) return accessToken;
  return refreshOnce();
}

/** After the server said UNAUTHENTICATED: one refresh, else the session is over. */
export async function renewAfterRefusal(): Promise<string | undefined> {
  accessToken = undefined;
  sessionStorage.removeItem(ACCESS_KEY);
  return refreshOnce();
}

export async function signInWithEmail(email: string): Promise<void> {
  startSession(await postJson<IssuedTokens>('/auth/dev/sign-in', { email }));
}

export async function signOut(): Promise<void> {
  const token = accessToken;
  endSession('signed-out');
  if (token) await postJson('/auth/sign-out', {}, token).catch(() => undefined);
}
