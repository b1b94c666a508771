import { createHmac } from 'node:crypto';

/**
 * The key outside production when AUDIT_CHAIN_KEY is unset: public, so the chains it keys can be
 * rewritten by anyone, but the same in every process (the API, its tests' child servers, the
 * tools), so a chain written by one is verified by the others. `npm start` never uses it: it
 * keeps a random key in `.data/audit-key`.
 */
export const DEVELOPMENT_AUDIT_CHAIN_KEY = 'relais-development-audit-chain-key, not a secret';

/** The key of the audit chains (decision 0008): from the environment, never in the database. */
export interface AuditChainKey {
  readonly secret: Buffer;
  /** First 8 hex digits of HMAC(key, 'relais-audit-key-id'): names the key without revealing it. */
  readonly id: string;
  /** True for DEVELOPMENT_AUDIT_CHAIN_KEY. */
  readonly development: boolean;
}

/** Thrown for an unusable AUDIT_CHAIN_KEY; the message never echoes the value. */
export class AuditChainKeyError extends Error {
  override readonly name = 'AuditChainKeyError';
}

export function auditChainKeyId(secret: Buffer): string {
  return createHmac('sha256', secret).update('relais-audit-key-id').digest('hex').slice(0, 8);
}

/**
 * AUDIT_CHAIN_KEY (its UTF-8 bytes, at least 32 characters), required in production; elsewhere,
 * when unset, DEVELOPMENT_AUDIT_CHAIN_KEY. `loadAppConfig` checks the same rules at boot.
 */
export function auditChainKeyFrom(
  env: Readonly<Record<string, string | undefined>> = process.env,
): AuditChainKey {
  const value = env.AUDIT_CHAIN_KEY || undefined;
  if (value === undefined) {
    if (env.NODE_ENV === 'production') {
      throw new AuditChainKeyError('AUDIT_CHAIN_KEY is required in production');
    }
    const secret = Buffer.from(DEVELOPMENT_AUDIT_CHAIN_KEY, 'utf8');
    return { secret, id: auditChainKeyId(secret), development: true };
  }
  if (value.length < 32) {
    throw new AuditChainKeyError('AUDIT_CHAIN_KEY is invalid: expected at least 32 characters');
  }
  const secret = Buffer.from(value, 'utf8');
  return { secret, id: auditChainKeyId(secret), development: false };
}

/** A chained row's hash: HMAC-SHA-256(key, previous hash ‖ canonical text in UTF-8). */
export function auditChainHash(key: AuditChainKey, previous: Buffer, canonical: string): Buffer {
  return createHmac('sha256', key.secret).update(previous).update(canonical, 'utf8').digest();
}
