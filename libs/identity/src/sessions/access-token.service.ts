import { Inject, Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';

/** The default lifetime of an access token (ACCESS_TOKEN_TTL_SECONDS sets another). */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'relais';
const AUDIENCE = 'relais-api';

export interface AccessTokenClaims {
  readonly accountId: string;
  readonly sessionId: string;
}

/** A followed person's session in their personal space (issue 22). */
export interface PersonTokenClaims {
  readonly personId: string;
  readonly sessionId: string;
}

/** `sub` of a person's token: never an account's uuid alone, never `client:`. */
const PERSON_SUBJECT = 'person:';

/**
 * What a verified token says: an account's session, a person's session in their space, or a
 * partner client with its scopes.
 */
export type VerifiedToken =
  | ({ readonly kind: 'account' } & AccessTokenClaims)
  | ({ readonly kind: 'person' } & PersonTokenClaims)
  | {
      readonly kind: 'client';
      readonly clientId: string;
      readonly scopes: string[];
      /** When the secret was last set: a token from an older secret is refused. */
      readonly secretVersion: number;
    };

/** Tokens whose signature was checked, kept until they expire: a client sends the same one for 15 minutes. */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface VerifiedEntry {
  readonly token: VerifiedToken;
  readonly expiresAtMs: number;
}

/**
 * Short-lived signed access tokens (JWT, HS256). They name a session, checked at every request.
 * A verified signature is remembered until the token expires (HMAC verification through WebCrypto
 * was a tenth of a request's CPU); the session behind it is still read at every request.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;
  private readonly verified = new LRUCache<string, VerifiedEntry>({ max: VERIFIED_TOKENS_KEPT });

  /** How long the tokens it issues live, in seconds. */
  readonly ttlSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new TextEncoder().encode(config.authTokenSecret);
    this.ttlSeconds = config.accessTokenTtlSeconds;
  }

  /** `ttlSeconds` other than the default only in tests of what happens at expiry. */
  async issue(claims: AccessTokenClaims, ttlSeconds = this.ttlSeconds): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.accountId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  /** A person's token: `sub` is `person:<id>`, `sid` the person's session. */
  async issueForPerson(claims: PersonTokenClaims): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(`${PERSON_SUBJECT}${claims.personId}`)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
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
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AccessTokenClaims> {
    const verified = await this.verifyAny(token);
    if (verified.kind !== 'account') {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.AccountRequired,
        'This operation needs a signed-in person.',
      );
    }
    return verified;
  }

  async verifyAny(token: string): Promise<VerifiedToken> {
    return (await this.verifyWithExpiry(token)).token;
  }

  /** The same, with the token's expiry: a live connection must not outlive its token. */
  async verifyWithExpiry(token: string): Promise<VerifiedEntry> {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known;
    if (known) this.verified.delete(token);
    const verified = await this.verifySignature(token);
    this.verified.set(token, verified);
    return verified;
  }

  private async verifySignature(token: string): Promise<VerifiedEntry> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
      });
      const expiresAtMs = (payload.exp ?? 0) * 1000;
      if (typeof payload.sub === 'string' && payload.sub.startsWith('client:')) {
        const client: VerifiedToken = {
          kind: 'client',
          clientId: payload.sub.slice('client:'.length),
          scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
          secretVersion: typeof payload.sv === 'number' ? payload.sv : -1,
        };
        return { token: client, expiresAtMs };
      }
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw new Error('claims missing');
      }
      if (payload.sub.startsWith(PERSON_SUBJECT)) {
        const person: VerifiedToken = {
          kind: 'person',
          personId: payload.sub.slice(PERSON_SUBJECT.length),
          sessionId: payload.sid,
        };
        return { token: person, expiresAtMs };
      }
      return {
        token: { kind: 'account', accountId: payload.sub, sessionId: payload.sid },
        expiresAtMs,
      };
    } catch (error) {
      const expired = error instanceof errors.JWTExpired;
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        expired ? DomainErrorReason.TokenExpired : DomainErrorReason.TokenInvalid,
        expired
          ? 'Your access token has expired: refresh it.'
          : 'Your access token is not valid: sign in again.',
      );
    }
  }
}
