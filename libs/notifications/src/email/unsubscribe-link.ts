import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { EmailCategory } from './templates/email-message.js';

/** The categories an account may turn off: every one but INVITATION and PERSON_SPACE (always sent). */
export type ConfigurableEmailCategory = Exclude<EmailCategory, 'INVITATION' | 'PERSON_SPACE'>;

/**
 * How the page "Mon compte", the unsubscribe page and the emails' unsubscribe line name each
 * configurable category, in the order the page lists them.
 */
export const EMAIL_CATEGORY_LABELS: Readonly<Record<ConfigurableEmailCategory, string>> = {
  HANDOVERS: 'Transferts d’accompagnement',
  ORIENTATIONS: 'Décisions d’orientation',
  JOIN_REQUESTS: 'Demandes pour rejoindre une équipe',
  RIGHTS_REQUESTS: 'Demandes des personnes sur leurs droits',
  CASELOAD: 'Personnes entrant dans mon portefeuille',
  DIGEST: 'Récapitulatif quotidien',
};

export function isConfigurableEmailCategory(value: string): value is ConfigurableEmailCategory {
  return Object.hasOwn(EMAIL_CATEGORY_LABELS, value);
}

const PURPOSE = 'relais email unsubscribe';

/** What an unsubscribe token says once its signature checked out. */
export interface UnsubscribeClaim {
  readonly accountId: string;
  readonly category: ConfigurableEmailCategory;
}

function keyOf(secret: string): Buffer {
  // Its own key, derived from AUTH_TOKEN_SECRET, so an unsubscribe signature is good for nothing else.
  return Buffer.from(hkdfSync('sha256', secret, '', PURPOSE, 32));
}

function signatureOf(secret: string, payload: string): Buffer {
  return createHmac('sha256', keyOf(secret)).update(payload).digest();
}

/**
 * A token for one account and one category: `<payload>.<signature>`, both base64url, the
 * payload being `accountId:category` and the signature its HMAC-SHA-256. It does not expire:
 * an old email's link must still work, and all it can do is turn that one category off.
 */
export function makeUnsubscribeToken(
  secret: string,
  accountId: string,
  category: ConfigurableEmailCategory,
): string {
  const payload = `${accountId}:${category}`;
  return `${Buffer.from(payload).toString('base64url')}.${signatureOf(secret, payload).toString('base64url')}`;
}

/** The account and category a token names, or null when it is malformed, forged or altered. */
export function readUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [encodedPayload, encodedSignature] = parts as [string, string];
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (!base64url.test(encodedPayload) || !base64url.test(encodedSignature)) return null;
  const payloadBytes = Buffer.from(encodedPayload, 'base64url');
  // Only the canonical encoding: another spelling of the same bytes is an altered token.
  if (payloadBytes.toString('base64url') !== encodedPayload) return null;
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (signature.toString('base64url') !== encodedSignature) return null;
  const payload = payloadBytes.toString('utf8');
  const expected = signatureOf(secret, payload);
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;
  const separator = payload.lastIndexOf(':');
  const accountId = payload.slice(0, separator);
  const category = payload.slice(separator + 1);
  if (separator <= 0 || !isConfigurableEmailCategory(category)) return null;
  return { accountId, category };
}

/**
 * The one-click unsubscribe address for an email of this category to this account (RFC 8058:
 * POST it with `List-Unsubscribe=One-Click`; opened in a browser, it asks for confirmation).
 */
export function unsubscribeUrl(
  config: { readonly publicUrl: string; readonly authTokenSecret: string },
  accountId: string,
  category: ConfigurableEmailCategory,
): string {
  const token = makeUnsubscribeToken(config.authTokenSecret, accountId, category);
  return `${config.publicUrl}/email/unsubscribe?token=${encodeURIComponent(token)}`;
}
