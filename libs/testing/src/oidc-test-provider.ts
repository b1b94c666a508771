import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { Account, Adapter, AdapterPayload, Provider, ProviderContext } from 'oidc-provider';
import { trackServer } from './process-registry.js';

/**
 * What the provider says about a person: ProConnect's claims, and `email_verified` if wanted;
 * or FranceConnect's identity pivot.
 */
export interface OidcTestAccount {
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  usual_name?: string;
  uid?: string;
  siret?: string;
  /** FranceConnect: the birth name. */
  family_name?: string;
  birthdate?: string;
  gender?: 'female' | 'male';
  /** FranceConnect: the INSEE code of the town of birth, empty when born abroad. */
  birthplace?: string;
  /** FranceConnect: the INSEE code of the country of birth, 99100 for France. */
  birthcountry?: string;
}

/** A relying party registered at the provider (client_secret_post, code flow, PKCE). */
export interface OidcTestClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /** ID tokens and UserInfo signed with ES256, UserInfo as a JWT (FranceConnect v2); RS256 ID tokens and JSON UserInfo otherwise. */
  readonly signedUserInfo?: 'ES256';
  /** Where the provider may send the browser back after its logout (`post_logout_redirect_uris`). */
  readonly postLogoutRedirectUri?: string;
}

/** How the person at the browser answers the provider: signs in as `sub`, or declines. */
export type OidcTestAnswer =
  { readonly sub: string; readonly amr?: readonly string[] } | { readonly deny: true };

/** What the provider did when a browser opened an authorization URL. */
export type OidcTestVisit =
  /** It asked who is there (its login interaction): no session of its own in this browser. */
  | { readonly loginAsked: true; readonly back?: never }
  /** It sent the browser straight back to the client: its session in this browser was open. */
  | { readonly loginAsked: false; readonly back: URL };

/**
 * One browser at the provider, keeping the provider's cookies (its session there) from one
 * visit to the next, as the shared computer of a France Services counter would.
 */
export interface OidcTestBrowser {
  /** Signs in at the provider (answering its login when asked) up to the way back. */
  authorize(authorizationUrl: string, answer: OidcTestAnswer): Promise<URL>;
  /** Opens an authorization URL and says whether the provider asked who is there. */
  visit(authorizationUrl: string): Promise<OidcTestVisit>;
  /**
   * Follows a logout URL (RP-initiated logout): opens the provider's end_session_endpoint,
   * confirms as the person would, and returns the provider's redirect back (to the
   * `post_logout_redirect_uri`, with `state`), without following it. Throws with the
   * provider's answer when it refuses (an unknown `id_token_hint`, an unregistered URI).
   */
  logout(endSessionUrl: string): Promise<URL>;
}

export interface OidcTestProvider {
  /** `http://127.0.0.1:<port>`; metadata at `/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** The people the provider knows, by `sub`; change one to change what it says next time. */
  readonly accounts: Map<string, OidcTestAccount>;
  /**
   * Plays the browser at the provider: opens the authorization URL, answers the login
   * interaction, follows the provider's redirects and returns the one back to the client's
   * redirect URI (with `code` and `state`, or `error`), without following it.
   */
  authorize(authorizationUrl: string, answer: OidcTestAnswer): Promise<URL>;
  /** A browser that keeps its session at the provider between visits. */
  browser(): OidcTestBrowser;
  close(): Promise<void>;
}

export interface OidcTestProviderOptions {
  readonly clients: readonly OidcTestClient[];
  readonly accounts?: Readonly<Record<string, OidcTestAccount>>;
  /** Whether the metadata names an end_session_endpoint (RP-initiated logout); true unless said. */
  readonly endSession?: boolean;
}

/**
 * ProConnect's scopes and the claims each one gives (its documentation, scope-claims), then
 * FranceConnect's (one scope per claim of the identity pivot), and the claims about the
 * authentication itself, which go in the ID token when asked for with the `claims` parameter,
 * as ProConnect does for `amr`.
 */
const CLAIMS = {
  amr: null,
  acr: null,
  auth_time: null,
  sid: null,
  iss: null,
  openid: ['sub'],
  email: ['email', 'email_verified'],
  given_name: ['given_name'],
  usual_name: ['usual_name'],
  uid: ['uid'],
  siret: ['siret'],
  family_name: ['family_name'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  birthplace: ['birthplace'],
  birthcountry: ['birthcountry'],
} as const;

const ANSWER_PATH = /^\/interaction\/([\w-]+)\/answer$/;

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/** Stores the provider's state (interactions, sessions, codes, tokens) in this process. */
function memoryAdapter(): new (model: string) => Adapter {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const live = (key: string): AdapterPayload | undefined => {
    const entry = store.get(key);
    return entry && entry.expiresAt > Date.now() ? entry.payload : undefined;
  };
  return class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    private findWhere(property: string, value: string): Promise<AdapterPayload | undefined> {
      for (const [key, entry] of store) {
        if (key.startsWith(`${this.model}:`) && entry.payload[property] === value) {
          return Promise.resolve(live(key));
        }
      }
      return Promise.resolve(undefined);
    }

    upsert(id: string, payload: AdapterPayload, expiresIn = 3600): Promise<void> {
      store.set(this.key(id), {
        payload: { ...payload },
        expiresAt: Date.now() + expiresIn * 1000,
      });
      return Promise.resolve();
    }

    find(id: string): Promise<AdapterPayload | undefined> {
      return Promise.resolve(live(this.key(id)));
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('uid', uid);
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.findWhere('userCode', userCode);
    }

    /** A code used once is marked, so that a second use is refused (and its grant revoked). */
    consume(id: string): Promise<void> {
      const entry = store.get(this.key(id));
      if (entry) entry.payload = { ...entry.payload, consumed: Math.floor(Date.now() / 1000) };
      return Promise.resolve();
    }

    destroy(id: string): Promise<void> {
      store.delete(this.key(id));
      return Promise.resolve();
    }

    revokeByGrantId(grantId: string): Promise<void> {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
      return Promise.resolve();
    }
  };
}

/** The few cookies a browser would keep for the provider's origin (paths ignored). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      const value = pair.slice(separator + 1).trim();
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * A real OpenID provider (`oidc-provider`) on a random loopback port, for end-to-end tests of
 * the sign-in: discovery, authorization with PKCE (required), the code exchange, ID tokens
 * signed with its own RSA key, UserInfo, and codes that work once. The login page is replaced
 * by one route, `POST /interaction/<uid>/answer` with `{ sub, amr }` or `{ deny: true }`, which
 * `authorize()` calls as a browser would submit a form; consent is implied (a first-party
 * client). Accounts give ProConnect's claims in UserInfo; `amr` goes in the ID token.
 */
export async function startOidcTestProvider(
  options: OidcTestProviderOptions,
): Promise<OidcTestProvider> {
  // Loaded here, so that the test files which do not start a provider do not load it.
  const { Provider: OidcProvider } = await import('oidc-provider');
  const accounts = new Map(Object.entries(options.accounts ?? {}));

  const server = trackServer(createServer(), 'OpenID test provider');
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = {
    ...(await exportJWK(privateKey)),
    kid: 'test-key',
    alg: 'RS256',
    use: 'sig',
  };
  const ecKey = (await generateKeyPair('ES256', { extractable: true })).privateKey;
  const ecSigningKey = {
    ...(await exportJWK(ecKey)),
    kid: 'test-key-ec',
    alg: 'ES256',
    use: 'sig',
  };

  const provider: Provider = new OidcProvider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [client.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      ...(client.postLogoutRedirectUri && {
        post_logout_redirect_uris: [client.postLogoutRedirectUri],
      }),
      ...(client.signedUserInfo && {
        id_token_signed_response_alg: client.signedUserInfo,
        userinfo_signed_response_alg: client.signedUserInfo,
      }),
    })),
    claims: CLAIMS,
    findAccount: (_ctx: ProviderContext, sub: string): Promise<Account | undefined> => {
      const claims = accounts.get(sub);
      return Promise.resolve(
        claims && { accountId: sub, claims: () => ({ ...accounts.get(sub), sub }) },
      );
    },
    // Consent is implied: every scope the client asks for is granted.
    loadExistingGrant: async (ctx) => {
      const { client, session, result, params } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: client.clientId,
        accountId: session.accountId,
      });
      grant.addOIDCScope(typeof params?.scope === 'string' ? params.scope : 'openid');
      await grant.save();
      return grant;
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      // The logout's confirmation as FranceConnect and ProConnect show it: one button.
      rpInitiatedLogout: {
        enabled: options.endSession ?? true,
        logoutSource: (ctx, form) => {
          ctx.body = `<!DOCTYPE html><title>Déconnexion</title>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button>`;
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = '<!DOCTYPE html><title>Déconnexion</title><p>La déconnexion est faite.</p>';
        },
      },
    },
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingKey, ecSigningKey] },
    adapter: memoryAdapter(),
    // ProConnect's codes live 30 seconds and its access tokens 60.
    ttl: {
      AuthorizationCode: 30,
      AccessToken: 60,
      IdToken: 60,
      Interaction: 600,
      Session: 600,
      Grant: 600,
    },
  });

  provider.use(async (ctx, next) => {
    const match = ANSWER_PATH.exec(ctx.path);
    if (!match || ctx.method !== 'POST') return next();
    const answer = (await jsonBody(ctx.req)) as OidcTestAnswer;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (details.prompt.name !== 'login') {
      throw new Error(`the test provider expected a login, not ${details.prompt.name}`);
    }
    ctx.respond = false;
    await provider.interactionFinished(
      ctx.req,
      ctx.res,
      'deny' in answer
        ? { error: 'access_denied', error_description: 'The person declined to sign in.' }
        : { login: { accountId: answer.sub, amr: answer.amr ?? ['pwd'] } },
      { mergeWithLastSubmission: false },
    );
  });
  server.on('request', provider.callback());

  const browser = (): OidcTestBrowser => {
    const jar = new CookieJar();
    /** One request as the browser makes it; the response, its cookies kept. */
    const send = async (url: URL, init: RequestInit = {}): Promise<Response> => {
      const response = await fetch(url, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
      });
      jar.keep(response);
      return response;
    };
    const go = async (url: URL, init: RequestInit = {}): Promise<URL> => {
      const response = await send(url, init);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(
          `the test provider answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`,
        );
      }
      return new URL(location, url);
    };
    const backTo = (authorizationUrl: string): URL =>
      new URL(new URL(authorizationUrl).searchParams.get('redirect_uri') ?? '');
    const isBack = (url: URL, redirectUri: URL): boolean =>
      url.origin === redirectUri.origin && url.pathname === redirectUri.pathname;
    /** Follows the provider's redirects up to its login interaction or the way back. */
    const follow = async (from: URL, redirectUri: URL): Promise<URL> => {
      let next = from;
      for (let hops = 0; hops < 5; hops += 1) {
        if (isBack(next, redirectUri) || next.pathname.startsWith('/interaction/')) return next;
        next = await go(next);
      }
      throw new Error(`the test provider never redirected to ${redirectUri.href}`);
    };
    return {
      async visit(authorizationUrl) {
        const reached = await follow(await go(new URL(authorizationUrl)), backTo(authorizationUrl));
        return reached.pathname.startsWith('/interaction/')
          ? { loginAsked: true }
          : { loginAsked: false, back: reached };
      },
      async authorize(authorizationUrl, answer) {
        const redirectUri = backTo(authorizationUrl);
        const interaction = await follow(await go(new URL(authorizationUrl)), redirectUri);
        if (isBack(interaction, redirectUri)) return interaction;
        const next = await go(new URL(`${interaction.pathname}/answer`, issuer), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(answer),
        });
        const back = await follow(next, redirectUri);
        if (!isBack(back, redirectUri)) {
          throw new Error(`the test provider asked for a login again at ${back.pathname}`);
        }
        return back;
      },
      async logout(endSessionUrl) {
        // The provider's page: a form to confirm (its own session open) or one posted at once.
        const page = await send(new URL(endSessionUrl));
        const html = await page.text();
        const form = /<form[^>]*action="([^"]+)"/.exec(html);
        const xsrf = /name="xsrf" value="([^"]+)"/.exec(html);
        if (page.status !== 200 || !form?.[1] || !xsrf?.[1]) {
          throw new Error(
            `the test provider answered ${page.status} at ${new URL(endSessionUrl).pathname}: ${html.slice(0, 300)}`,
          );
        }
        return go(new URL(form[1], issuer), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ xsrf: xsrf[1], logout: 'yes' }).toString(),
        });
      },
    };
  };

  return {
    issuer,
    accounts,
    authorize: (authorizationUrl, answer) => browser().authorize(authorizationUrl, answer),
    browser,
    close: () =>
      new Promise<void>((closed, failed) => {
        server.close((error) => (error ? failed(error) : closed()));
        server.closeAllConnections();
      }),
  };
}
