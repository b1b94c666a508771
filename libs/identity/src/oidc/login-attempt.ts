import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

/** What the callback must check, kept by the browser between the redirect and the callback. */
export interface LoginAttempt {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** A sign-in attempt lives this long: time to authenticate at the provider, 2FA included. */
export const LOGIN_ATTEMPT_TTL_SECONDS = 10 * 60;

const OIDC_PURPOSE = 'relais-oidc-login-attempt';

/**
 * Seals a login attempt into a string for a cookie, and opens it again: JWE `dir` + A256GCM,
 * authenticated encryption with a key derived (HKDF-SHA-256) from AUTH_TOKEN_SECRET, so the
 * browser can neither read the PKCE verifier nor forge or alter an attempt, and the server
 * keeps no state. The derived key is used for nothing else.
 */
export class LoginAttemptSeal {
  private readonly key: Uint8Array;

  /** `purpose` keeps each provider's attempts apart: one's cookie opens nothing at another. */
  constructor(
    secret: string,
    private readonly purpose = OIDC_PURPOSE,
  ) {
    this.key = new Uint8Array(hkdfSync('sha256', secret, '', purpose, 32));
  }

  seal(attempt: LoginAttempt): Promise<string> {
    return new EncryptJWT({ st: attempt.state, no: attempt.nonce, cv: attempt.codeVerifier })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setAudience(this.purpose)
      .setIssuedAt()
      .setExpirationTime(`${LOGIN_ATTEMPT_TTL_SECONDS}s`)
      .encrypt(this.key);
  }

  /** The attempt, or undefined when the value is missing, altered, foreign or expired. */
  async open(sealed: string | undefined): Promise<LoginAttempt | undefined> {
    if (!sealed) return undefined;
    try {
      const { payload } = await jwtDecrypt(sealed, this.key, {
        audience: this.purpose,
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      const { st, no, cv } = payload;
      if (typeof st !== 'string' || typeof no !== 'string' || typeof cv !== 'string') {
        return undefined;
      }
      return { state: st, nonce: no, codeVerifier: cv };
    } catch {
      return undefined;
    }
  }
}
