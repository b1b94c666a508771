import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import {
  type LoginAttempt,
  OpenIdRelyingParty,
  type RelyingPartyProfile,
  type RelyingPartySettings,
} from '@relais/identity';
import { type IdentityPivot, identityPivotOf } from './identity-pivot.js';

/** What FranceConnect says of the person: who they are at FranceConnect, and the pivot. */
export interface FranceConnectIdentity {
  readonly subject: string;
  /** Undefined when a claim of the pivot is missing or malformed. */
  readonly pivot: IdentityPivot | undefined;
  /** The raw ID token, kept with the session for FranceConnect's logout (`id_token_hint`). */
  readonly rawIdToken: string;
}

/**
 * The citizens' provider (FranceConnect). The pivot's claims come from UserInfo (a signed JWT,
 * its signature checked against FranceConnect's published keys), the scopes of
 * FRANCECONNECT_SCOPES asking for them; `acr_values=eidas1` asks for the level every
 * FranceConnect identity provider offers (a substantial level is not needed to read one's own
 * file, which the referent enabled).
 */
@Injectable()
export class FranceConnectClient extends OpenIdRelyingParty {
  protected readonly profile: RelyingPartyProfile = {
    providerName: 'FranceConnect',
    startPath: '/auth/person/franceconnect',
    authorizationParameters: { acr_values: 'eidas1' },
    // FranceConnect v2 signs its ID tokens and UserInfo, ES256 its recommended algorithm.
    signedUserInfo: 'ES256',
  };

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async identityFrom(
    callback: URLSearchParams,
    attempt: LoginAttempt,
  ): Promise<FranceConnectIdentity> {
    const { subject, idToken, rawIdToken, userInfo } = await this.verifiedClaims(callback, attempt);
    return { subject, pivot: identityPivotOf({ ...idToken, ...userInfo }), rawIdToken };
  }

  protected configuredSettings(): RelyingPartySettings | undefined {
    return this.config.franceConnect;
  }
}
