// The part of oidc-provider 9 (which ships no types) that the test provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ProviderContext {
    readonly path: string;
    readonly method: string;
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    respond: boolean;
    body: unknown;
    readonly oidc: {
      readonly provider: Provider;
      readonly client?: { readonly clientId: string };
      readonly session?: {
        readonly accountId?: string;
        grantIdFor(clientId: string): string | undefined;
      };
      readonly params?: Readonly<Record<string, unknown>>;
      readonly result?: { readonly consent?: { readonly grantId?: string } };
    };
  }

  export interface Account {
    readonly accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface ClientMetadata {
    readonly client_id: string;
    readonly client_secret?: string;
    readonly redirect_uris: readonly string[];
    readonly grant_types?: readonly string[];
    readonly response_types?: readonly string[];
    readonly token_endpoint_auth_method?: string;
    readonly post_logout_redirect_uris?: readonly string[];
  }

  export interface Configuration {
    readonly clients?: readonly ClientMetadata[];
    readonly findAccount?: (ctx: ProviderContext, sub: string) => Promise<Account | undefined>;
    readonly claims?: Readonly<Record<string, readonly string[] | null>>;
    readonly ttl?: Readonly<Record<string, number>>;
    readonly features?: Readonly<
      Record<
        string,
        {
          readonly enabled: boolean;
          /** rpInitiatedLogout: the page that asks to confirm the logout (`form` to submit). */
          readonly logoutSource?: (ctx: ProviderContext, form: string) => void | Promise<void>;
          /** rpInitiatedLogout: the page after a logout with no redirect back. */
          readonly postLogoutSuccessSource?: (ctx: ProviderContext) => void | Promise<void>;
        }
      >
    >;
    readonly pkce?: { readonly required?: () => boolean };
    readonly cookies?: { readonly keys?: readonly string[] };
    readonly jwks?: { readonly keys: readonly Record<string, unknown>[] };
    readonly loadExistingGrant?: (ctx: ProviderContext) => Promise<Grant | undefined>;
    readonly adapter?: new (name: string) => Adapter;
  }

  export type AdapterPayload = Readonly<Record<string, unknown>>;

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface InteractionDetails {
    readonly uid: string;
    readonly prompt: { readonly name: string };
    readonly params: Readonly<Record<string, unknown>>;
  }

  export type InteractionResult =
    | { readonly login: { readonly accountId: string; readonly amr?: readonly string[] } }
    | { readonly error: string; readonly error_description?: string };

  export class Grant {
    constructor(init: { clientId: string; accountId: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): this;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    interactionDetails(
      request: IncomingMessage,
      response: ServerResponse,
    ): Promise<InteractionDetails>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: InteractionResult,
      options?: { readonly mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
