import { createHash } from 'node:crypto';
import type { RateLimitSubject } from '../security/auth-rate-limit.decorator.js';
import { clientIdOf } from './client-credentials.js';

/** The web client's refresh token, in an HttpOnly cookie on `/auth`, when not in the body. */
export const REFRESH_TOKEN_COOKIE = 'relais_refresh';

function cookieOf(cookieHeader: string | undefined, name: string): string | undefined {
  for (const pair of cookieHeader?.split(';') ?? []) {
    const separator = pair.indexOf('=');
    if (separator >= 0 && pair.slice(0, separator).trim() === name) {
      return pair.slice(separator + 1).trim() || undefined;
    }
  }
  return undefined;
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** Sign-in by email: the account tried, however its address is written. */
export const signInEmail: RateLimitSubject = ({ body }) => {
  const email = field(body, 'email');
  return typeof email === 'string' ? `email:${email.trim().toLowerCase()}` : undefined;
};

/** Refresh: the token replayed or guessed, by its hash (no token is kept, even in a key). */
export const refreshTokenHash: RateLimitSubject = ({ body, headers }) => {
  const fromBody = field(body, 'refreshToken');
  const token =
    typeof fromBody === 'string' ? fromBody : cookieOf(headers.cookie, REFRESH_TOKEN_COOKIE);
  return token === undefined
    ? undefined
    : `refresh:${createHash('sha256').update(token).digest('base64url')}`;
};

/** `/auth/token`: the partner client whose secret is tried, from HTTP Basic or the body. */
export const oauthClientId: RateLimitSubject = ({ body, headers }) => {
  const clientId = clientIdOf(headers.authorization, body);
  return clientId === undefined ? undefined : `client:${clientId}`;
};
