import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { SessionService } from '@relais/identity';
import { type OidcTestProvider, startOidcTestProvider } from '@relais/testing';
import {
  launchBrowser,
  newDesk,
  personFollowedBy,
  startWebRelais,
  onFreshDemoCopy,
} from './browser-support.js';
import type { TestApp } from '@relais/testing';
import { INVITE_TO_SPACE } from '../person-space/person-space.fixtures.js';

// Signing out of a session opened through FranceConnect or ProConnect sends the browser to the
// provider's logout, and the provider back to the sign-in page, which says both sessions are
// closed (a shared computer: the next person must not come in with the previous one's provider
// session). The provider's side (its end_session_endpoint, the id_token_hint it checks) is
// tested against the real test provider in test/auth/provider-logout.e2e.ts; here the
// browser's visit to it is answered as the provider answers once the logout is confirmed: a
// redirect to the post_logout_redirect_uri with the state.
jest.setTimeout(240_000);

const VARIABLES = {
  FRANCECONNECT_CLIENT_ID: 'relais-fc',
  FRANCECONNECT_CLIENT_SECRET: 'relais-franceconnect-test-secret',
  FRANCECONNECT_REDIRECT_URI: 'http://127.0.0.1:3000/auth/person/franceconnect/callback',
  OIDC_CLIENT_ID: 'relais',
  OIDC_CLIENT_SECRET: 'relais-test-client-secret',
  OIDC_REDIRECT_URI: 'http://127.0.0.1:3000/auth/oidc/callback',
};
const NAMES = [...Object.keys(VARIABLES), 'FRANCECONNECT_ISSUER', 'OIDC_ISSUER'];
/** The shape of an ID token; the provider that would check it is not visited here. */
const ID_TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl';

const previous = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

describe('signing out through the provider, in the browser', () => {
  onFreshDemoCopy();
  let provider: OidcTestProvider;
  let relais: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    provider = await startOidcTestProvider({
      clients: [
        {
          clientId: VARIABLES.FRANCECONNECT_CLIENT_ID,
          clientSecret: VARIABLES.FRANCECONNECT_CLIENT_SECRET,
          redirectUri: VARIABLES.FRANCECONNECT_REDIRECT_URI,
        },
      ],
    });
    Object.assign(process.env, VARIABLES, {
      FRANCECONNECT_ISSUER: provider.issuer,
      OIDC_ISSUER: provider.issuer,
    });
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.close();
    await provider?.close();
    for (const name of NAMES) {
      if (previous[name] === undefined) delete process.env[name];
      else process.env[name] = previous[name];
    }
  });

  /** A desk whose browser holds this session's refresh cookie, as after the provider's callback. */
  async function deskWith(refreshToken: string): Promise<BrowserContext> {
    const desk = await newDesk(browser);
    await desk.addCookies([
      {
        name: 'relais_refresh',
        value: refreshToken,
        url: `${relais.baseUrl}/auth`,
        httpOnly: true,
        sameSite: 'Strict',
      },
    ]);
    return desk;
  }

  /**
   * Answers the browser's visit to the provider's logout as the provider does once confirmed;
   * gives the logout URLs visited.
   */
  async function providerAnswersLogout(desk: BrowserContext, backTo: string): Promise<URL[]> {
    const visits: URL[] = [];
    await desk.route(
      (url) => url.href.startsWith(`${provider.issuer}/session/end`),
      async (route: Route) => {
        const url = new URL(route.request().url());
        visits.push(url);
        await route.fulfill({
          status: 303,
          headers: {
            location: `${relais.baseUrl}${backTo}?state=${url.searchParams.get('state') ?? ''}`,
          },
        });
      },
    );
    return visits;
  }

  const signOutButton = (page: Page) =>
    page.getByRole('button', { name: 'Se déconnecter' }).first();

  it('the person’s space: FranceConnect’s logout, then the sign-in page says both are closed', async () => {
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const [claire] = await relais.dataSource.query<{ id: string }[]>(
      `SELECT id FROM account WHERE email = 'claire.moreau@relais.demo'`,
    );
    await (
      await relais.graphqlAs(claire?.id ?? '')
    ).data(INVITE_TO_SPACE, {
      input: { personId: person.id, email: `fc.logout.${Date.now()}@example.test` },
    });
    const tokens = await relais.dataSource.transaction((manager) =>
      relais.app.get(SessionService).startForPersonWithin(manager, person.id, ['fc'], {
        provider: 'franceconnect',
        idToken: ID_TOKEN,
      }),
    );
    const desk = await deskWith(tokens.refreshToken);
    const visits = await providerAnswersLogout(desk, '/mon-espace/connexion');
    const page = await desk.newPage();
    await page.goto(`${relais.baseUrl}/mon-espace`);
    await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();

    await signOutButton(page).click();
    await page
      .getByText(/^Déconnexion réussie\s: votre espace et votre session FranceConnect sont fermés/)
      .waitFor();
    await page.getByRole('heading', { level: 1, name: 'Se connecter à mon espace' }).waitFor();
    expect(visits).toHaveLength(1);
    expect(visits[0]?.searchParams.get('id_token_hint')).toBe(ID_TOKEN);
    // The state is out of the address bar, and the message is said once.
    expect(new URL(page.url()).search).toBe('');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Se connecter à mon espace' }).waitFor();
    expect(await page.getByText(/^Déconnexion réussie/).count()).toBe(0);
    await desk.close();
  });

  it('a professional: ProConnect’s logout, then the sign-in page says both are closed', async () => {
    const [claire] = await relais.dataSource.query<{ id: string }[]>(
      `SELECT id FROM account WHERE email = 'claire.moreau@relais.demo'`,
    );
    const tokens = await relais.dataSource.transaction((manager) =>
      relais.app.get(SessionService).startWithin(manager, claire?.id ?? '', ['pwd'], {
        provider: 'proconnect',
        idToken: ID_TOKEN,
      }),
    );
    const desk = await deskWith(tokens.refreshToken);
    const visits = await providerAnswersLogout(desk, '/connexion');
    const page = await desk.newPage();
    await page.goto(`${relais.baseUrl}/`);
    await signOutButton(page).waitFor();

    await signOutButton(page).click();
    await page
      .getByText(/^Déconnexion réussie\s: votre session Relais et votre session ProConnect/)
      .waitFor();
    await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();
    expect(visits.map((url) => url.searchParams.get('id_token_hint'))).toEqual([ID_TOKEN]);
    await desk.close();
  });
});
