import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig, DomainError, DomainErrorCode } from '@relais/core';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'relais';
const AUDIENCE = 'relais-api';

export interface AccessTokenClaims {
  readonly accountId: string;
  readonly sessionId: string;
}

/** What a verified token says: an account's session, or a partner client with its scopes. */
export type VerifiedToken =
  | ({ readonly kind: 'account' } & AccessTokenClaims)
  | {
      readonly kind: 'client';
      readonly clientId: string;
      readonly scopes: string[];
      /** When the secret was last set: a token from an older secret is refused. */
      readonly secretVersion: number;
    };

/** Short-lived signed access tokens (JWT, HS256). They name a session, checked at every request. */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new TextEncoder().encode(config.authTokenSecret);
  }

  async issue(claims: AccessTokenClaims): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /** A partner client's token: `sub` is `client:<id>`, `scope` its granted scopes. */
  async issueForClient(
    clientId: string,
    scopes: readonly string[],
    secretVersion: number,
  ): Promise<string> {
    return new SignJWT({ scope: scopes.join(' '), sv: secretVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(`client:${clientId}`)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const verified = await this.verifyAny(token);
    if (verified.kind !== 'account') {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'This operation needs a signed-in person.',
      );
    }
    return verified;
  }

  async verifyAny(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      if (typeof payload.sub === 'string' && payload.sub.startsWith('client:')) {
        return {
          kind: 'client',
          clientId: payload.sub.slice('client:'.length),
          scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
          secretVersion: typeof payload.sv === 'number' ? payload.sv : -1,
        };
      }
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw new Error('claims missing');
      }
      return { kind: 'account', accountId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      const expired = error instanceof errors.JWTExpired;
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        expired
          ? 'Your access token has expired: refresh it.'
          : 'Your access token is not valid: sign in again.',
      );
    }
  }
}
