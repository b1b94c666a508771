import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import type { LoginAttempt } from './login-attempt.js';
import {
  OpenIdRelyingParty,
  type RelyingPartyProfile,
  type RelyingPartySettings,
  stringClaim,
} from './openid-relying-party.js';

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
  /** The raw ID token, kept with the session for ProConnect's logout (`id_token_hint`). */
  readonly rawIdToken: string;
}

/** ProConnect returns `amr` in the ID token only when asked for it this way. */
const CLAIMS_REQUEST = JSON.stringify({ id_token: { amr: { essential: true } } });
const AMR_VALUE = /^[A-Za-z0-9._:-]{1,64}$/;

function booleanClaim(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/**
 * The professionals' provider (ProConnect): the identity claims are in UserInfo, `amr` in the
 * ID token when asked for with the `claims` parameter.
 */
@Injectable()
export class OidcClient extends OpenIdRelyingParty {
  protected readonly profile: RelyingPartyProfile = {
    providerName: 'ProConnect',
    startPath: '/auth/oidc/login',
    authorizationParameters: { claims: CLAIMS_REQUEST },
  };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  /** Checks the provider's answer against the attempt, trades the code, reads the identity. */
  async identityFrom(callback: URLSearchParams, attempt: LoginAttempt): Promise<OidcIdentity> {
    const { issuer, subject, idToken, rawIdToken, userInfo } = await this.verifiedClaims(
      callback,
      attempt,
    );
    const amr = Array.isArray(idToken.amr) ? idToken.amr : [];
    return {
      issuer,
      subject,
      email: stringClaim(userInfo.email) ?? stringClaim(idToken.email),
      emailVerified: booleanClaim(userInfo.email_verified ?? idToken.email_verified),
      amr: amr
        .filter((value): value is string => typeof value === 'string' && AMR_VALUE.test(value))
        .slice(0, 10),
      rawIdToken,
    };
  }

  protected configuredSettings(): RelyingPartySettings | undefined {
    return this.config.oidc;
  }
}
