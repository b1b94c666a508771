import {
  AccountEntity,
  AccountStatus,
  type IssuedTokens,
  Role,
  SessionEntity,
} from '@relais/identity';
import {
  createAccount,
  createStructure,
  createTerritory,
  GraphqlHttpClient,
  type OidcTestAnswer,
  type OidcTestProvider,
  startOidcTestProvider,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

// The redirect URI Relais registers at the provider. The tests play the browser: they read the
// provider's redirect to it and call the API under test with its query and the cookie.
const REDIRECT_URI = 'http://127.0.0.1:3000/auth/oidc/callback';
const CLIENT = {
  clientId: 'relais',
  clientSecret: 'relais-test-client-secret',
  redirectUri: REDIRECT_URI,
};
const OIDC_VARIABLES = [
  'OIDC_ISSUER',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_REDIRECT_URI',
  'OIDC_SCOPES',
  'OIDC_MFA_REQUIRED_FOR_ADMINS',
] as const;

interface CallbackResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

interface BrowserAtCallback {
  /** The query of the provider's redirect back to Relais (`?code=...&state=...&iss=...`). */
  readonly query: URLSearchParams;
  /** `relais_oidc_attempt=...`, as the browser would send it back. */
  readonly cookie: string;
  readonly login: Response;
}

const ME = '{ me { email } }';

let provider: OidcTestProvider;
const previous = Object.fromEntries(OIDC_VARIABLES.map((name) => [name, process.env[name]]));
let sequence = 0;
const nextSub = () => `sub-${(sequence += 1)}-${Date.now()}`;

describe('oidc', () => {
  startFromEmptyTables();
  beforeAll(async () => {
    provider = await startOidcTestProvider({ clients: [CLIENT] });
  });

  afterAll(async () => {
    await provider.close();
    for (const name of OIDC_VARIABLES) {
      if (previous[name] === undefined) delete process.env[name];
      else process.env[name] = previous[name];
    }
  });

  /** Relais configured for the test provider, fresh (and so with fresh rate-limit counters). */
  function startRelaisWithOidc(extra: Record<string, string> = {}): Promise<TestApp> {
    for (const name of OIDC_VARIABLES) delete process.env[name];
    Object.assign(process.env, {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.clientId,
      OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      ...extra,
    });
    return startRelais();
  }

  /** The browser: asks Relais to sign in, then signs in at the provider, up to the way back. */
  async function throughProvider(
    relais: TestApp,
    answer: OidcTestAnswer,
  ): Promise<BrowserAtCallback> {
    const login = await fetch(`${relais.baseUrl}/auth/oidc/login`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    expect(cookie).toMatch(/^relais_oidc_attempt=.+/);
    const back = await provider.authorize(login.headers.get('location') ?? '', answer);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    return { query: back.searchParams, cookie, login };
  }

  async function callback(
    relais: TestApp,
    query: URLSearchParams,
    cookie?: string,
  ): Promise<CallbackResult> {
    const response = await fetch(`${relais.baseUrl}/auth/oidc/callback?${query.toString()}`, {
      headers: cookie ? { cookie } : {},
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  async function signIn(relais: TestApp, answer: OidcTestAnswer): Promise<CallbackResult> {
    const browser = await throughProvider(relais, answer);
    return callback(relais, browser.query, browser.cookie);
  }

  const sessionsOf = (relais: TestApp, accountId: string) =>
    relais.dataSource.manager.find(SessionEntity, { where: { accountId } });
  const countSessions = (relais: TestApp) => relais.dataSource.manager.count(SessionEntity);
  const reload = (relais: TestApp, account: AccountEntity) =>
    relais.dataSource.manager.findOneByOrFail(AccountEntity, { id: account.id });
  const me = (relais: TestApp, tokens: IssuedTokens) =>
    new GraphqlHttpClient(`${relais.baseUrl}/graphql`, {
      authorization: `Bearer ${tokens.accessToken}`,
    }).execute<{ me: { email: string } }>(ME);

  describe('OIDC sign-in against a real provider', () => {
    let relais: TestApp;

    beforeAll(async () => {
      relais = await startRelaisWithOidc();
    });

    afterAll(async () => {
      await relais.close();
    });

    it('sends the browser to the provider with PKCE, state, nonce and the amr request, in a sealed cookie', async () => {
      const login = await fetch(`${relais.baseUrl}/auth/oidc/login`, { redirect: 'manual' });
      expect(login.status).toBe(302);
      expect(login.headers.get('cache-control')).toBe('no-store');
      const url = new URL(login.headers.get('location') ?? '');
      expect(`${url.origin}${url.pathname}`).toBe(`${provider.issuer}/auth`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: 'relais',
        redirect_uri: REDIRECT_URI,
        scope: 'openid email given_name usual_name',
        code_challenge_method: 'S256',
        claims: '{"id_token":{"amr":{"essential":true}}}',
      });
      expect(url.searchParams.get('state')).toMatch(/^.{32,}$/);
      expect(url.searchParams.get('nonce')).toMatch(/^.{32,}$/);
      expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);

      const [cookie] = login.headers.getSetCookie();
      expect(cookie).toMatch(
        /^relais_oidc_attempt=[\w-]+(\.[\w-]*){4}; Path=\/auth\/oidc\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/,
      );
      // The PKCE verifier is in the cookie, encrypted: the state is not even readable.
      expect(cookie).not.toContain(url.searchParams.get('state') ?? 'state');
    });

    it('sends the web client back to /connexion with its session in the HttpOnly cookie, never in the address', async () => {
      const territory = await createTerritory(relais.dataSource);
      const structure = await createStructure(relais.dataSource, territory);
      const account = await createAccount(relais.dataSource, [
        { role: Role.PROFESSIONAL, structure },
      ]);
      const sub = nextSub();
      provider.accounts.set(sub, { email: account.email, email_verified: true });

      const login = await fetch(`${relais.baseUrl}/auth/oidc/login?client=web`, {
        redirect: 'manual',
      });
      expect(login.status).toBe(302);
      const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
      expect(cookies).toEqual([
        expect.stringMatching(/^relais_oidc_attempt=.+/) as string,
        'relais_oidc_web=1',
      ]);
      const back = await provider.authorize(login.headers.get('location') ?? '', { sub });
      const answer = await fetch(
        `${relais.baseUrl}/auth/oidc/callback?${back.searchParams.toString()}`,
        {
          headers: { cookie: cookies.join('; ') },
          redirect: 'manual',
        },
      );
      expect(answer.status).toBe(303);
      expect(answer.headers.get('cache-control')).toBe('no-store');
      // Back to the web client with nothing in the address: the session is in the cookie.
      expect(answer.headers.get('location')).toBe('/connexion');
      const setCookies = answer.headers.getSetCookie();
      // Both attempt cookies are cleared: the attempt is over.
      expect(setCookies.slice(0, 2).map((cookie) => cookie.split(';')[0])).toEqual([
        'relais_oidc_attempt=',
        'relais_oidc_web=',
      ]);
      const sessionCookie = setCookies[2] ?? '';
      expect(sessionCookie).toMatch(/^relais_refresh=[\w-]{20,}; /);
      expect(sessionCookie).toContain('Path=/auth');
      expect(sessionCookie).toContain('HttpOnly');
      expect(sessionCookie).toContain('SameSite=Strict');

      // The page takes its access token from the cookie, which rotates.
      const refresh = (cookie: string) =>
        fetch(`${relais.baseUrl}/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: '{}',
        });
      const spent = await refresh(sessionCookie.split(';')[0] ?? '');
      expect(spent.status).toBe(200);
      const tokens = (await spent.json()) as IssuedTokens;
      expect(tokens.refreshToken).toBeUndefined();
      expect((await me(relais, tokens)).data).toEqual({ me: { email: account.email } });
      expect(spent.headers.getSetCookie()[0]).toMatch(/^relais_refresh=[\w-]{20,}; /);
    });

    it('sends the web client back with the error code when the sign-in fails, and no session', async () => {
      const login = await fetch(`${relais.baseUrl}/auth/oidc/login?client=web`, {
        redirect: 'manual',
      });
      const cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
      // The attempt cookie is lost (another browser, or too late): only the web marker arrives.
      const sub = nextSub();
      provider.accounts.set(sub, { email: 'personne@ailleurs.example', email_verified: true });
      const back = await provider.authorize(login.headers.get('location') ?? '', { sub });
      const answer = await fetch(
        `${relais.baseUrl}/auth/oidc/callback?${back.searchParams.toString()}`,
        {
          headers: { cookie: cookies[1] ?? '' },
          redirect: 'manual',
        },
      );
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/connexion#erreur=UNAUTHENTICATED');
      expect(answer.headers.getSetCookie().join('\n')).not.toContain('relais_refresh=');
    });

    it('links an invited account by its verified email at first, then by (issuer, sub) for good', async () => {
      const territory = await createTerritory(relais.dataSource);
      const structure = await createStructure(relais.dataSource, territory);
      const account = await createAccount(relais.dataSource, [
        { role: Role.PROFESSIONAL, structure },
      ]);
      const sub = nextSub();
      provider.accounts.set(sub, {
        email: account.email.toUpperCase(),
        email_verified: true,
        given_name: 'Camille',
        usual_name: 'Martin',
      });

      const first = await signIn(relais, { sub, amr: ['pwd', 'totp'] });
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('no-store');
      // The attempt is over: the cookie is cleared.
      expect(first.headers.getSetCookie()[0]).toMatch(/^relais_oidc_attempt=; .*Max-Age=0/);
      expect(first.body).toEqual({
        accessToken: expect.any(String) as string,
        refreshToken: expect.any(String) as string,
        tokenType: 'Bearer',
        expiresIn: 900,
        sessionExpiresAt: expect.any(String) as string,
      });
      const tokens = first.body as unknown as IssuedTokens;
      expect((await me(relais, tokens)).data).toEqual({ me: { email: account.email } });

      expect(await reload(relais, account)).toMatchObject({
        oidcIssuer: provider.issuer,
        oidcSubject: sub,
      });
      expect((await sessionsOf(relais, account.id)).map((session) => session.amr)).toEqual([
        ['pwd', 'totp'],
      ]);

      // The person's email changes at the provider: the (issuer, sub) still finds the account.
      provider.accounts.set(sub, {
        email: 'camille.martin@ailleurs.example',
        email_verified: true,
      });
      const again = await signIn(relais, { sub, amr: ['pwd'] });
      expect(again.status).toBe(200);
      expect((await me(relais, again.body as unknown as IssuedTokens)).data).toEqual({
        me: { email: account.email },
      });
      expect(await sessionsOf(relais, account.id)).toHaveLength(2);

      // Its tokens are ordinary Relais tokens: revoked at sign-out, refused afterwards. The
      // sign-out also gives the provider's logout (test/auth/provider-logout.e2e.ts).
      const out = await fetch(`${relais.baseUrl}/auth/sign-out`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
      expect(out.status).toBe(200);
      const { providerLogoutUrl } = (await out.json()) as { providerLogoutUrl: string };
      expect(providerLogoutUrl.startsWith(`${provider.issuer}/session/end?`)).toBe(true);
      expect((await me(relais, tokens)).errors?.[0]?.extensions).toEqual({
        code: 'UNAUTHENTICATED',
        reason: 'SESSION_ENDED',
      });
    });

    it('trusts the email when the provider, like ProConnect, sends no email_verified', async () => {
      const account = await createAccount(relais.dataSource);
      const sub = nextSub();
      provider.accounts.set(sub, { email: account.email, given_name: 'Camille' });
      const result = await signIn(relais, { sub });
      expect(result.status).toBe(200);
      expect((await reload(relais, account)).oidcSubject).toBe(sub);
    });

    it('does not relink an account already linked to another identity of the provider', async () => {
      const account = await createAccount(relais.dataSource);
      const sub = nextSub();
      provider.accounts.set(sub, { email: account.email, email_verified: true });
      expect((await signIn(relais, { sub })).status).toBe(200);
      const other = nextSub();
      provider.accounts.set(other, { email: account.email, email_verified: true });
      const result = await signIn(relais, { sub: other });
      expect(result).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
      expect(result.body.message).toContain('linked to another sign-in identity');
      expect((await reload(relais, account)).oidcSubject).toBe(sub);
    });

    it('refuses an account disabled after it was linked', async () => {
      const account = await createAccount(relais.dataSource);
      const sub = nextSub();
      provider.accounts.set(sub, { email: account.email, email_verified: true });
      expect((await signIn(relais, { sub })).status).toBe(200);
      await relais.dataSource.manager.update(
        AccountEntity,
        { id: account.id },
        { status: AccountStatus.DISABLED },
      );
      const result = await signIn(relais, { sub });
      expect(result).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
      expect(await sessionsOf(relais, account.id)).toHaveLength(1);
    });
  });

  describe('OIDC sign-in refusals', () => {
    let relais: TestApp;

    beforeAll(async () => {
      relais = await startRelaisWithOidc();
    });

    afterAll(async () => {
      await relais.close();
    });

    async function invited(overrides: { status?: AccountStatus } = {}) {
      const account = await createAccount(relais.dataSource, [], overrides);
      const sub = nextSub();
      provider.accounts.set(sub, { email: account.email, email_verified: true });
      return { account, sub };
    }

    it('refuses a response whose state is not the one of the attempt, and writes nothing', async () => {
      const { account, sub } = await invited();
      const browser = await throughProvider(relais, { sub });
      const forged = new URLSearchParams(browser.query);
      forged.set('state', 'a-state-the-attacker-chose-0123456789abcdef');
      const before = await countSessions(relais);

      const result = await callback(relais, forged, browser.cookie);
      expect(result).toMatchObject({
        status: 401,
        body: {
          error: 'UNAUTHENTICATED',
          field: 'state',
          message:
            "The sign-in response does not belong to this browser's sign-in attempt (its state differs): start again from /auth/oidc/login.",
        },
      });
      expect(result.headers.getSetCookie()[0]).toMatch(/^relais_oidc_attempt=; .*Max-Age=0/);
      expect(await countSessions(relais)).toBe(before);
      expect((await reload(relais, account)).oidcSubject).toBeNull();

      // Nor does the genuine response work without the browser's cookie.
      const withoutCookie = await callback(relais, browser.query);
      expect(withoutCookie).toMatchObject({
        status: 401,
        body: {
          error: 'UNAUTHENTICATED',
          message:
            'No sign-in is in progress in this browser, or it took longer than 10 minutes: start again from /auth/oidc/login.',
        },
      });
      expect(await countSessions(relais)).toBe(before);
    });

    it('refuses a replayed authorization code', async () => {
      const { account, sub } = await invited();
      const browser = await throughProvider(relais, { sub });
      expect((await callback(relais, browser.query, browser.cookie)).status).toBe(200);

      // The same redirect and cookie again, as an attacker who copied them would send them.
      const replay = await callback(relais, browser.query, browser.cookie);
      expect(replay).toMatchObject({
        status: 401,
        body: {
          error: 'UNAUTHENTICATED',
          message:
            'The sign-in provider refused the authorization code (already used or expired): start again from /auth/oidc/login.',
        },
      });
      expect(await sessionsOf(relais, account.id)).toHaveLength(1);
    });

    it('says so when the person declines at the provider', async () => {
      const result = await signIn(relais, { deny: true });
      expect(result).toMatchObject({
        status: 401,
        body: {
          error: 'UNAUTHENTICATED',
          message:
            'The sign-in provider did not sign you in (access_denied): start again from /auth/oidc/login.',
        },
      });
    });

    it('refuses an unknown sub whose email matches no account: accounts come by invitation', async () => {
      const sub = nextSub();
      provider.accounts.set(sub, { email: 'stranger@example.test', email_verified: true });
      const [accounts, sessions] = [
        await relais.dataSource.manager.count(AccountEntity),
        await countSessions(relais),
      ];

      const result = await signIn(relais, { sub });
      expect(result).toEqual({
        status: 403,
        headers: expect.anything() as Headers,
        body: {
          error: 'FORBIDDEN',
          reason: 'ACCOUNT_NOT_FOUND',
          message:
            'No Relais account has this email address: accounts are opened by invitation, ask an administrator of your structure.',
        },
      });
      expect(await relais.dataSource.manager.count(AccountEntity)).toBe(accounts);
      expect(await countSessions(relais)).toBe(sessions);
    });

    it('does not link an account by an email the provider has not verified', async () => {
      const { account, sub } = await invited();
      provider.accounts.set(sub, { email: account.email, email_verified: false });
      const result = await signIn(relais, { sub });
      expect(result).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
      expect(result.body.message).toContain('has not verified your email address');
      expect(await reload(relais, account)).toMatchObject({ oidcIssuer: null, oidcSubject: null });
      expect(await sessionsOf(relais, account.id)).toEqual([]);
    });

    it('refuses a disabled invited account', async () => {
      const { account, sub } = await invited({ status: AccountStatus.DISABLED });
      const result = await signIn(relais, { sub });
      expect(result).toMatchObject({
        status: 401,
        body: {
          error: 'UNAUTHENTICATED',
          message: 'This Relais account is disabled: ask an administrator of your structure.',
        },
      });
      expect(await reload(relais, account)).toMatchObject({ oidcSubject: null });
      expect(await sessionsOf(relais, account.id)).toEqual([]);
    });
  });

  describe('OIDC sign-in when admins must use two factors', () => {
    let relais: TestApp;

    beforeAll(async () => {
      relais = await startRelaisWithOidc({ OIDC_MFA_REQUIRED_FOR_ADMINS: 'true' });
    });

    afterAll(async () => {
      await relais.close();
    });

    async function person(role: Role.PROFESSIONAL | Role.STRUCTURE_ADMIN) {
      const territory = await createTerritory(relais.dataSource);
      const structure = await createStructure(relais.dataSource, territory);
      const account = await createAccount(relais.dataSource, [{ role, structure }]);
      const sub = nextSub();
      provider.accounts.set(sub, { email: account.email, email_verified: true });
      return { account, sub };
    }

    it('refuses an admin who signed in with a password alone, and writes nothing', async () => {
      const { account, sub } = await person(Role.STRUCTURE_ADMIN);
      const result = await signIn(relais, { sub, amr: ['pwd'] });
      expect(result).toMatchObject({
        status: 403,
        body: {
          error: 'FORBIDDEN',
          message:
            'Your account holds an administrator role, which requires two-factor authentication (MFA): sign in again with a second factor at your sign-in provider.',
        },
      });
      expect(await reload(relais, account)).toMatchObject({ oidcSubject: null });
      expect(await sessionsOf(relais, account.id)).toEqual([]);
    });

    it('lets an admin in with two factors, and records them', async () => {
      const { account, sub } = await person(Role.STRUCTURE_ADMIN);
      expect((await signIn(relais, { sub, amr: ['pwd', 'totp', 'mfa'] })).status).toBe(200);
      expect((await sessionsOf(relais, account.id))[0]?.amr).toEqual(['pwd', 'totp', 'mfa']);
    });

    it('does not ask a professional for a second factor', async () => {
      const { account, sub } = await person(Role.PROFESSIONAL);
      expect((await signIn(relais, { sub, amr: ['pwd'] })).status).toBe(200);
      expect((await sessionsOf(relais, account.id))[0]?.amr).toEqual(['pwd']);
    });

    it('does not ask an admin whose admin membership was revoked', async () => {
      const { account, sub } = await person(Role.STRUCTURE_ADMIN);
      await relais.dataSource.query(
        'UPDATE membership SET revoked_at = now() WHERE account_id = $1',
        [account.id],
      );
      expect((await signIn(relais, { sub, amr: ['pwd'] })).status).toBe(200);
    });
  });

  describe('OIDC sign-in when it is not set up, or the provider is down', () => {
    it('answers 404 when not configured, 503 when the provider cannot be reached', async () => {
      for (const name of OIDC_VARIABLES) delete process.env[name];
      const unconfigured = await startRelais();
      try {
        const login = await fetch(`${unconfigured.baseUrl}/auth/oidc/login`, {
          redirect: 'manual',
        });
        expect(login.status).toBe(404);
        expect(await login.json()).toEqual({
          error: 'NOT_FOUND',
          reason: 'SIGN_IN_METHOD_OFF',
          message: 'Signing in with ProConnect is not set up on this server.',
        });
      } finally {
        await unconfigured.close();
      }

      const down = await startRelaisWithOidc({ OIDC_ISSUER: 'http://127.0.0.1:9' });
      try {
        const login = await fetch(`${down.baseUrl}/auth/oidc/login`, { redirect: 'manual' });
        expect(login.status).toBe(503);
        expect(await login.json()).toEqual({
          error: 'UNAVAILABLE',
          reason: 'SIGN_IN_PROVIDER_UNAVAILABLE',
          message: 'The sign-in provider cannot be reached: try again in a moment.',
        });
      } finally {
        await down.close();
      }
    });
  });
});
