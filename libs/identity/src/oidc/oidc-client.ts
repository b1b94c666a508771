import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import type { LoginAttempt } from './login-attempt.js';

type OidcSettings = NonNullable<AppConfig['oidc']>;

/** Who the provider says signed in, as far as Relais needs it. */
export interface OidcIdentity {
  /** The provider's issuer identifier, as its metadata states it. */
  readonly issuer: string;
  readonly subject: string;
  readonly email: string | undefined;
  /** `email_verified` when the provider sends it (ProConnect does not). */
  readonly emailVerified: boolean | undefined;
  /** How the person authenticated, from the ID token (`pwd`, `totp`, `mfa`, ...). */
  readonly amr: readonly string[];
}

/** ProConnect returns `amr` in the ID token only when asked for it this way. */
const CLAIMS_REQUEST = JSON.stringify({ id_token: { amr: { essential: true } } });
const TIMEOUT_SECONDS = 10;
const OAUTH_ERROR_CODE = /^[a-z_]{1,64}$/;
const AMR_VALUE = /^[A-Za-z0-9._:-]{1,64}$/;

const startAgain = 'start again from /auth/oidc/login';

const unreachable = (cause: unknown): DomainError =>
  new DomainError(
    DomainErrorCode.Unavailable,
    DomainErrorReason.SignInProviderUnavailable,
    'The sign-in provider cannot be reached: try again in a moment.',
    { cause },
  );

function booleanClaim(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The relying party's side of OpenID Connect, through `openid-client`: discovery, the
 * authorization URL (code flow with PKCE, state and nonce), and the callback's code exchange
 * with every check the library makes (state, issuer, nonce, PKCE, ID token claims), then
 * UserInfo, where ProConnect puts the identity claims. Errors become DomainErrors with one
 * sentence a user can act on; the library's details go to the log.
 */
@Injectable()
export class OidcClient {
  private readonly logger = new Logger(OidcClient.name);
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A fresh attempt: random state, nonce and PKCE verifier. */
  newAttempt(): LoginAttempt {
    return {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
  }

  async authorizationUrl(attempt: LoginAttempt): Promise<URL> {
    const settings = this.settings();
    const configuration = await this.discovered(settings);
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
      claims: CLAIMS_REQUEST,
    });
  }

  /** Checks the provider's answer against the attempt, trades the code, reads the identity. */
  async identityFrom(callback: URLSearchParams, attempt: LoginAttempt): Promise<OidcIdentity> {
    const settings = this.settings();
    if (callback.get('state') !== attempt.state) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.SignInStateMismatch,
        `The sign-in response does not belong to this browser's sign-in attempt (its state differs): ${startAgain}.`,
        { field: 'state' },
      );
    }
    const error = callback.get('error');
    if (error !== null) {
      const code = OAUTH_ERROR_CODE.test(error) ? ` (${error})` : '';
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.SignInFailed,
        `The sign-in provider did not sign you in${code}: ${startAgain}.`,
      );
    }
    if (!callback.get('code')) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.SignInCodeMissing,
        'The sign-in response has no authorization code.',
        { field: 'code' },
      );
    }
    const configuration = await this.discovered(settings);
    const currentUrl = new URL(settings.redirectUri);
    currentUrl.search = callback.toString();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new oidc.ClientError('the token response has no ID token');
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      const amr = Array.isArray(idToken.amr) ? idToken.amr : [];
      return {
        issuer: configuration.serverMetadata().issuer,
        subject: idToken.sub,
        email: stringClaim(userInfo.email) ?? stringClaim(idToken.email),
        emailVerified: booleanClaim(userInfo.email_verified ?? idToken.email_verified),
        amr: amr
          .filter((value): value is string => typeof value === 'string' && AMR_VALUE.test(value))
          .slice(0, 10),
      };
    } catch (caught) {
      throw this.exchangeError(caught);
    }
  }

  private exchangeError(caught: unknown): DomainError {
    if (caught instanceof DomainError) return caught;
    if (caught instanceof oidc.ResponseBodyError) {
      this.logger.warn(`The provider refused the token or UserInfo request: ${caught.error}`);
      if (caught.error === 'invalid_grant') {
        return new DomainError(
          DomainErrorCode.Unauthenticated,
          DomainErrorReason.SignInCodeRejected,
          `The sign-in provider refused the authorization code (already used or expired): ${startAgain}.`,
          { cause: caught },
        );
      }
      return new DomainError(
        DomainErrorCode.Unavailable,
        DomainErrorReason.SignInProviderUnavailable,
        'The sign-in provider refused to complete the sign-in: try again later, or tell your administrator.',
        { cause: caught },
      );
    }
    if (caught instanceof oidc.ClientError || caught instanceof oidc.AuthorizationResponseError) {
      this.logger.warn(`The provider's response failed a check: ${caught.message}`);
      return new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.SignInFailed,
        `The sign-in provider's response failed verification: ${startAgain}.`,
        { cause: caught },
      );
    }
    this.logger.warn(`The provider could not be reached: ${String(caught)}`);
    return unreachable(caught);
  }

  private settings(): OidcSettings {
    const settings = this.config.oidc;
    if (!settings) {
      throw new DomainError(
        DomainErrorCode.NotFound,
        DomainErrorReason.SignInMethodOff,
        'Signing in with ProConnect is not set up on this server.',
      );
    }
    return settings;
  }

  /** The provider's metadata, fetched once; a failed fetch is retried at the next sign-in. */
  private discovered(settings: OidcSettings): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { client_secret: settings.clientSecret },
        oidc.ClientSecretPost(settings.clientSecret),
        {
          timeout: TIMEOUT_SECONDS,
          // Only a provider on a loopback address may be plain http (the configuration checks).
          execute:
            new URL(settings.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.warn(`The provider's metadata could not be read: ${String(error)}`);
        throw unreachable(error);
      });
    return this.configuration;
  }
}
