import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** How long an invitation link works (issue 22). */
export const PERSON_LINK_TTL_MS = 7 * 24 * 3600 * 1000;
/** How long a sign-in code works, and how many tries it takes. */
export const PERSON_CODE_TTL_MS = 10 * 60 * 1000;
export const PERSON_CODE_MAX_ATTEMPTS = 5;

/** A link token: 32 random bytes, base64url (what the link carries; only its hash is kept). */
export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function linkTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Six digits, leading zeros kept. */
export function newSignInCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * A code's hash, keyed with the server's secret and bound to its challenge: a million codes are
 * quickly tried against a bare hash, not against a keyed one whose key is not in the database.
 */
export function signInCodeHash(secret: string, challengeId: string, code: string): string {
  return createHmac('sha256', secret).update(`person-code:${challengeId}:${code}`).digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
