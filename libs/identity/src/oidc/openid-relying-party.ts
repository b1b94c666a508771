import { Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import {
  LOGIN_ATTEMPT_TTL_SECONDS,
  type LoginAttempt,
  type LoginAttemptSeal,
} from './login-attempt.js';

/** Where a relying party's provider is and how Relais is registered there. */
export interface RelyingPartySettings {
  /** The provider's issuer; its metadata is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The API's callback, exactly as registered at the provider. */
  readonly redirectUri: string;
  /** Space-separated, `openid` among them. */
  readonly scopes: string;
  /** Where the provider sends the browser back after its logout, as registered there. */
  readonly postLogoutRedirectUri: string;
}

/** Where the browser goes to sign in, and the sealed attempt it keeps until it comes back. */
export interface OidcSignInStart {
  readonly authorizationUrl: string;
  readonly sealedAttempt: string;
  readonly maxAgeSeconds: number;
}

/** What differs between the providers Relais signs in with (ProConnect, FranceConnect). */
export interface RelyingPartyProfile {
  /** The provider's name, for the errors' sentences. */
  readonly providerName: string;
  /** Where a sign-in starts again, for the errors' sentences. */
  readonly startPath: string;
  /** Added to the authorization request (`claims`, `acr_values`, ...). */
  readonly authorizationParameters: Readonly<Record<string, string>>;
  /**
   * The algorithm the provider signs ID tokens and UserInfo with, when it signs UserInfo too
   * (FranceConnect v2): UserInfo is then a JWT whose signature is checked like the ID token's.
   */
  readonly signedUserInfo?: 'ES256' | 'RS256';
}

/** The provider's verified answer: the ID token's claims and UserInfo's. */
export interface VerifiedClaims {
  /** The provider's issuer identifier, as its metadata states it. */
  readonly issuer: string;
  readonly subject: string;
  readonly idToken: oidc.IDToken;
  /** The ID token as the provider signed it: its logout's `id_token_hint`. */
  readonly rawIdToken: string;
  readonly userInfo: oidc.UserInfoResponse;
}

const TIMEOUT_SECONDS = 10;
const OAUTH_ERROR_CODE = /^[a-z_]{1,64}$/;

const unreachable = (cause: unknown): DomainError =>
  new DomainError(
    DomainErrorCode.Unavailable,
    DomainErrorReason.SignInProviderUnavailable,
    'The sign-in provider cannot be reached: try again in a moment.',
    { cause },
  );

/**
 * The relying party's side of OpenID Connect, through `openid-client`, for any provider:
 * discovery, the authorization URL (code flow with PKCE, state and nonce), and the callback's
 * code exchange with every check the library makes (state, issuer, nonce, PKCE, ID token
 * claims), then UserInfo. Errors become DomainErrors with one sentence a user can act on; the
 * library's details go to the log. Each provider's client says where its settings are and
 * what it asks for beyond the flow.
 */
export abstract class OpenIdRelyingParty {
  protected readonly logger = new Logger(this.constructor.name);
  private configuration: Promise<oidc.Configuration> | undefined;

  protected abstract readonly profile: RelyingPartyProfile;

  /** The provider's settings, or undefined when this server is not set up for it. */
  protected abstract configuredSettings(): RelyingPartySettings | undefined;

  /** A new sign-in: the provider's URL, and the attempt sealed for the browser's cookie. */
  async start(seal: LoginAttemptSeal): Promise<OidcSignInStart> {
    const attempt = this.newAttempt();
    const authorizationUrl = await this.authorizationUrl(attempt);
    return {
      authorizationUrl: authorizationUrl.href,
      sealedAttempt: await seal.seal(attempt),
      maxAgeSeconds: LOGIN_ATTEMPT_TTL_SECONDS,
    };
  }

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
      ...this.profile.authorizationParameters,
    });
  }

  /** Checks the provider's answer against the attempt, trades the code, reads the claims. */
  protected async verifiedClaims(
    callback: URLSearchParams,
    attempt: LoginAttempt,
  ): Promise<VerifiedClaims> {
    const settings = this.settings();
    const startAgain = `start again from ${this.profile.startPath}`;
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
      if (!idToken || !tokens.id_token) {
        throw new oidc.ClientError('the token response has no ID token');
      }
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
      return {
        issuer: configuration.serverMetadata().issuer,
        subject: idToken.sub,
        idToken,
        rawIdToken: tokens.id_token,
        userInfo,
      };
    } catch (caught) {
      throw this.exchangeError(caught, startAgain);
    }
  }

  /**
   * Where the browser goes to end its session at the provider (RP-initiated logout): the
   * provider's end_session_endpoint with the session's ID token as `id_token_hint`, a random
   * `state` and the configured `post_logout_redirect_uri`. Undefined when this server is not
   * set up for the provider, when its metadata names no end_session_endpoint, or when the
   * metadata cannot be read (the sign-out has ended Relais' session already; the log says why).
   */
  async endSessionUrl(idTokenHint: string): Promise<string | undefined> {
    const settings = this.configuredSettings();
    if (!settings) return undefined;
    let configuration: oidc.Configuration;
    try {
      configuration = await this.discovered(settings);
    } catch {
      return undefined;
    }
    if (!configuration.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: idTokenHint,
      state: oidc.randomState(),
      post_logout_redirect_uri: settings.postLogoutRedirectUri,
    }).href;
  }

  private settings(): RelyingPartySettings {
    const settings = this.configuredSettings();
    if (!settings) {
      throw new DomainError(
        DomainErrorCode.NotFound,
        DomainErrorReason.SignInMethodOff,
        `Signing in with ${this.profile.providerName} is not set up on this server.`,
      );
    }
    return settings;
  }

  private exchangeError(caught: unknown, startAgain: string): DomainError {
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

  /** The provider's metadata, fetched once; a failed fetch is retried at the next sign-in. */
  private discovered(settings: RelyingPartySettings): Promise<oidc.Configuration> {
    const alg = this.profile.signedUserInfo;
    this.configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        {
          client_secret: settings.clientSecret,
          ...(alg && { id_token_signed_response_alg: alg, userinfo_signed_response_alg: alg }),
        },
        oidc.ClientSecretPost(settings.clientSecret),
        {
          timeout: TIMEOUT_SECONDS,
          execute: [
            // Only a provider on a loopback address may be plain http (the configuration checks).
            ...(new URL(settings.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : []),
            // The signed UserInfo's signature checked against the provider's keys.
            ...(alg ? [oidc.enableNonRepudiationChecks] : []),
          ],
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

/** A claim as a trimmed non-empty string, or undefined. */
export function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
