import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new client secret: 32 random bytes. A fast hash suffices for a secret this random. */
export function newClientSecret(): { secret: string; hash: string } {
  const secret = `rls_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashClientSecret(secret) };
}

export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function clientSecretMatches(secret: string, hash: string): boolean {
  const given = Buffer.from(hashClientSecret(secret), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
