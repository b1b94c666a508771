import { decodeJwt } from 'jose';
import {
  type AccountEntity,
  OpenIdRelyingParty,
  type RelyingPartyProfile,
  type RelyingPartySettings,
  Role,
  SessionEntity,
} from '@relais/identity';
import type { TerritoryEntity } from '@relais/organizations';
import { Gender, TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type OidcTestBrowser,
  type OidcTestProvider,
  startOidcTestProvider,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import {
  membershipOf,
  INVITE_TO_SPACE,
  FRANCECONNECT_PIVOT,
} from '../person-space/person-space.fixtures.js';

// Sign-out through the provider, as FranceConnect and ProConnect require of a service
// ("déconnexion obligatoire"): on a shared computer (a France Services counter, a library),
// the provider's session must not outlive Relais', or the next person signs in as the previous
// one with one click. The tests play the browser at the provider (its cookies kept between
// visits) and at Relais.
const FC_REDIRECT_URI = 'http://127.0.0.1:3000/auth/person/franceconnect/callback';
const PC_REDIRECT_URI = 'http://127.0.0.1:3000/auth/oidc/callback';
const FC_POST_LOGOUT = 'http://127.0.0.1:3000/mon-espace/connexion';
const PC_POST_LOGOUT = 'http://127.0.0.1:3000/connexion';
const FC_CLIENT = {
  clientId: 'relais-fc',
  clientSecret: 'relais-franceconnect-test-secret',
  redirectUri: FC_REDIRECT_URI,
  signedUserInfo: 'ES256' as const,
  postLogoutRedirectUri: FC_POST_LOGOUT,
};
const PC_CLIENT = {
  clientId: 'relais',
  clientSecret: 'relais-test-client-secret',
  redirectUri: PC_REDIRECT_URI,
  postLogoutRedirectUri: PC_POST_LOGOUT,
};
const VARIABLES = {
  FRANCECONNECT_CLIENT_ID: FC_CLIENT.clientId,
  FRANCECONNECT_CLIENT_SECRET: FC_CLIENT.clientSecret,
  FRANCECONNECT_REDIRECT_URI: FC_REDIRECT_URI,
  FRANCECONNECT_POST_LOGOUT_REDIRECT_URI: FC_POST_LOGOUT,
  OIDC_CLIENT_ID: PC_CLIENT.clientId,
  OIDC_CLIENT_SECRET: PC_CLIENT.clientSecret,
  OIDC_REDIRECT_URI: PC_REDIRECT_URI,
  OIDC_POST_LOGOUT_REDIRECT_URI: PC_POST_LOGOUT,
  DEV_SIGN_IN: 'true',
  // Shared by the second instance of the last test, which checks the same tokens.
  AUTH_TOKEN_SECRET: 'provider-logout-test-token-secret-0123456789',
};
const NAMES = [...Object.keys(VARIABLES), 'FRANCECONNECT_ISSUER', 'OIDC_ISSUER'];

interface SignedIn {
  readonly accessToken: string;
  /** `relais_refresh=...` for a web session, as the browser sends it back. */
  readonly cookie?: string;
  readonly refreshToken?: string;
}

const previous = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
let sequence = 0;

describe('signing out ends the provider’s session too', () => {
  startFromEmptyTables();
  let provider: OidcTestProvider;
  let providerUp = true;
  let relais: TestApp;
  let territory: TerritoryEntity;
  let referent: AccountEntity;

  beforeAll(async () => {
    provider = await startOidcTestProvider({ clients: [FC_CLIENT, PC_CLIENT] });
    Object.assign(process.env, VARIABLES, {
      FRANCECONNECT_ISSUER: provider.issuer,
      OIDC_ISSUER: provider.issuer,
    });
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    referent = await createAccount(relais.dataSource, [{ role: Role.PROFESSIONAL, structure }]);
  });

  afterAll(async () => {
    await relais.close();
    if (providerUp) await provider.close();
    for (const name of NAMES) {
      if (previous[name] === undefined) delete process.env[name];
      else process.env[name] = previous[name];
    }
  });

  /**
   * A file the referent follows, its space enabled, and FranceConnect's account matching it (a
   * birth date of its own, so that exactly one enabled file matches); gives the account's sub.
   */
  async function enabledFile(): Promise<string> {
    sequence += 1;
    const birthdate = `1984-06-${String(sequence).padStart(2, '0')}`;
    const person = await createPerson(relais.dataSource, territory, {
      givenName: 'Angèle Marie',
      familyName: `Martin ${sequence}`,
      birthName: 'Dupont-Lefèvre',
      birthDate: birthdate,
      gender: Gender.FEMALE,
      birthplace: '44109',
      birthCountry: '99100',
    });
    await addTeamMember(
      relais.dataSource,
      person,
      referent,
      await membershipOf(relais, referent),
      TeamRole.REFERENT,
    );
    const referentClient = await relais.graphqlAs(referent.id);
    await referentClient.data(INVITE_TO_SPACE, {
      input: { personId: person.id, email: `angele.${sequence}.${Date.now()}@example.test` },
    });
    const sub = `fc-${sequence}`;
    provider.accounts.set(sub, { ...FRANCECONNECT_PIVOT, birthdate });
    return sub;
  }

  /** FranceConnect's button, FranceConnect in this browser, back to Relais, the page's token. */
  async function franceConnectSignIn(browser: OidcTestBrowser, sub: string): Promise<SignedIn> {
    const start = await fetch(`${relais.baseUrl}/auth/person/franceconnect`, {
      redirect: 'manual',
    });
    const attempt = start.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const back = await browser.authorize(start.headers.get('location') ?? '', { sub });
    const callback = await fetch(
      `${relais.baseUrl}/auth/person/franceconnect/callback${back.search}`,
      { headers: { cookie: attempt }, redirect: 'manual' },
    );
    expect(callback.headers.get('location')).toBe('/mon-espace');
    const cookie = callback.headers.getSetCookie()[1]?.split(';')[0] ?? '';
    const refreshed = await refreshWith(cookie);
    expect(refreshed.status).toBe(200);
    const { accessToken } = (await refreshed.json()) as { accessToken: string };
    return { accessToken, cookie };
  }

  /** ProConnect's button, ProConnect in this browser, back to Relais (tokens in the body). */
  async function proConnectSignIn(browser: OidcTestBrowser, sub: string): Promise<SignedIn> {
    const login = await fetch(`${relais.baseUrl}/auth/oidc/login`, { redirect: 'manual' });
    const attempt = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const back = await browser.authorize(login.headers.get('location') ?? '', { sub });
    const callback = await fetch(`${relais.baseUrl}/auth/oidc/callback${back.search}`, {
      headers: { cookie: attempt },
    });
    expect(callback.status).toBe(200);
    return (await callback.json()) as SignedIn;
  }

  /** Whether this browser, sent to the provider for a new sign-in, is asked who is there. */
  async function loginAskedAgain(browser: OidcTestBrowser, startPath: string): Promise<boolean> {
    const start = await fetch(`${relais.baseUrl}${startPath}`, { redirect: 'manual' });
    return (await browser.visit(start.headers.get('location') ?? '')).loginAsked;
  }

  const refreshWith = (cookie: string) =>
    fetch(`${relais.baseUrl}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{}',
    });

  const signOut = (path: string, accessToken: string) =>
    fetch(`${relais.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });

  /** The session's provider and the ID token kept for its logout (never read with the row). */
  async function kept(accessToken: string) {
    const sessionId = decodeJwt(accessToken).sid as string | undefined;
    const [row] = await relais.dataSource.query<
      { provider: string | null; id_token: string | null; revoked_reason: string | null }[]
    >(`SELECT provider, provider_id_token AS id_token, revoked_reason FROM session WHERE id = $1`, [
      sessionId,
    ]);
    return row;
  }

  it('FranceConnect: the person’s sign-out gives FranceConnect’s logout, which ends its session there', async () => {
    const sub = await enabledFile();
    const browser = provider.browser();
    const signedIn = await franceConnectSignIn(browser, sub);

    const before = await kept(signedIn.accessToken);
    expect(before?.provider).toBe('franceconnect');
    const idToken = before?.id_token ?? '';
    expect(decodeJwt(idToken)).toMatchObject({
      iss: provider.issuer,
      aud: FC_CLIENT.clientId,
      sub,
    });
    // The row's ID token is never read with the entity.
    const [entity] = await relais.dataSource.manager.find(SessionEntity, {
      where: { provider: 'franceconnect' },
    });
    expect(entity?.providerIdToken).toBeUndefined();
    // The shared computer's problem: FranceConnect would sign the next person in as this one.
    expect(await loginAskedAgain(browser, '/auth/person/franceconnect')).toBe(false);

    const out = await signOut('/auth/person/sign-out', signedIn.accessToken);
    expect(out.status).toBe(200);
    expect(out.headers.get('cache-control')).toBe('no-store');
    expect(out.headers.getSetCookie()[0]).toMatch(/^relais_refresh=; .*Max-Age=0/);
    const { providerLogoutUrl } = (await out.json()) as { providerLogoutUrl: string };
    const logout = new URL(providerLogoutUrl);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({
      id_token_hint: idToken,
      post_logout_redirect_uri: FC_POST_LOGOUT,
      state: expect.stringMatching(/^[\w-]{32,}$/) as string,
      client_id: FC_CLIENT.clientId,
    });

    // Relais' session is over, and the row no longer keeps the ID token.
    expect((await refreshWith(signedIn.cookie ?? '')).status).toBe(401);
    expect(await kept(signedIn.accessToken)).toEqual({
      provider: 'franceconnect',
      id_token: null,
      revoked_reason: 'sign_out',
    });
    expect((await signOut('/auth/person/sign-out', signedIn.accessToken)).status).toBe(401);

    // The browser follows it: FranceConnect ends its session and comes back to the sign-in page.
    const back = await browser.logout(providerLogoutUrl);
    expect(`${back.origin}${back.pathname}`).toBe(FC_POST_LOGOUT);
    expect(back.searchParams.get('state')).toBe(logout.searchParams.get('state'));
    expect(await loginAskedAgain(browser, '/auth/person/franceconnect')).toBe(true);
  });

  it('ProConnect: the professional’s sign-out gives ProConnect’s logout, which ends its session there', async () => {
    const sub = `pc-${(sequence += 1)}`;
    const account = await createAccount(relais.dataSource, [], {
      email: `camille.${sequence}@structure.example`,
    });
    provider.accounts.set(sub, { email: account.email, given_name: 'Camille' });
    const browser = provider.browser();
    const signedIn = await proConnectSignIn(browser, sub);
    const idToken = (await kept(signedIn.accessToken))?.id_token ?? '';
    expect(decodeJwt(idToken)).toMatchObject({ aud: PC_CLIENT.clientId, sub });
    expect(await loginAskedAgain(browser, '/auth/oidc/login')).toBe(false);

    const out = await signOut('/auth/sign-out', signedIn.accessToken);
    expect(out.status).toBe(200);
    const { providerLogoutUrl } = (await out.json()) as { providerLogoutUrl: string };
    const logout = new URL(providerLogoutUrl);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${provider.issuer}/session/end`);
    expect(logout.searchParams.get('id_token_hint')).toBe(idToken);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(PC_POST_LOGOUT);
    expect(logout.searchParams.get('state')).toMatch(/^[\w-]{32,}$/);
    const refreshed = await fetch(`${relais.baseUrl}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: signedIn.refreshToken }),
    });
    expect(refreshed.status).toBe(401);

    const back = await browser.logout(providerLogoutUrl);
    expect(`${back.origin}${back.pathname}`).toBe(PC_POST_LOGOUT);
    expect(back.searchParams.get('state')).toBe(logout.searchParams.get('state'));
    expect(await loginAskedAgain(browser, '/auth/oidc/login')).toBe(true);
  });

  it('a session opened without a provider (the development sign-in) signs out with 204, as before', async () => {
    const account = await createAccount(relais.dataSource);
    const signIn = await fetch(`${relais.baseUrl}/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    expect(await kept(accessToken)).toMatchObject({ provider: null, id_token: null });
    const out = await signOut('/auth/sign-out', accessToken);
    expect(out.status).toBe(204);
    expect(await out.text()).toBe('');
  });

  // Last: the provider goes down for good.
  it('ends Relais’ session when the provider cannot be reached, and then gives no logout', async () => {
    const sub = await enabledFile();
    const fc = await franceConnectSignIn(provider.browser(), sub);
    const pcSub = `pc-${(sequence += 1)}`;
    const account = await createAccount(relais.dataSource, [], {
      email: `dominique.${sequence}@structure.example`,
    });
    provider.accounts.set(pcSub, { email: account.email });
    const pc = await proConnectSignIn(provider.browser(), pcSub);

    await provider.close();
    providerUp = false;
    // Another instance of Relais, which has not read the provider's metadata yet.
    const other = await startRelais();
    try {
      for (const [path, token] of [
        ['/auth/person/sign-out', fc.accessToken],
        ['/auth/sign-out', pc.accessToken],
      ] as const) {
        const out = await fetch(`${other.baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(out.status).toBe(204);
        expect(await kept(token)).toMatchObject({ id_token: null, revoked_reason: 'sign_out' });
      }
    } finally {
      await other.close();
    }
    expect((await refreshWith(fc.cookie ?? '')).status).toBe(401);
  });
});

/** The relying party alone, for a provider set up as each test says. */
class RelyingParty extends OpenIdRelyingParty {
  protected readonly profile: RelyingPartyProfile = {
    providerName: 'the test provider',
    startPath: '/auth/oidc/login',
    authorizationParameters: {},
  };

  constructor(private readonly given: RelyingPartySettings | undefined) {
    super();
  }

  protected configuredSettings(): RelyingPartySettings | undefined {
    return this.given;
  }
}

describe('the provider’s logout URL', () => {
  const settingsAt = (issuer: string): RelyingPartySettings => ({
    issuer,
    clientId: PC_CLIENT.clientId,
    clientSecret: PC_CLIENT.clientSecret,
    redirectUri: PC_REDIRECT_URI,
    scopes: 'openid email',
    postLogoutRedirectUri: PC_POST_LOGOUT,
  });

  it('is none when the provider’s metadata names no end_session_endpoint, or cannot be read, or the provider is not set up', async () => {
    const withoutLogout = await startOidcTestProvider({ clients: [PC_CLIENT], endSession: false });
    try {
      const metadata = (await (
        await fetch(`${withoutLogout.issuer}/.well-known/openid-configuration`)
      ).json()) as Record<string, unknown>;
      expect(metadata.end_session_endpoint).toBeUndefined();
      expect(
        await new RelyingParty(settingsAt(withoutLogout.issuer)).endSessionUrl('an.id.token'),
      ).toBeUndefined();
    } finally {
      await withoutLogout.close();
    }
    // Its port is closed now: nothing answers there.
    expect(
      await new RelyingParty(settingsAt(withoutLogout.issuer)).endSessionUrl('an.id.token'),
    ).toBeUndefined();
    expect(await new RelyingParty(undefined).endSessionUrl('an.id.token')).toBeUndefined();
  });
});
