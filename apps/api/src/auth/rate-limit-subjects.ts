import { createHash } from 'node:crypto';
import type { RateLimitSubject } from '../security/auth-rate-limit.decorator.js';
import { clientIdOf } from './client-credentials.js';
import { refreshTokenFromCookie } from './refresh-cookie.js';

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
  // The web client's is in its HttpOnly cookie, when not in the body.
  const token = typeof fromBody === 'string' ? fromBody : refreshTokenFromCookie(headers.cookie);
  return token === undefined
    ? undefined
    : `refresh:${createHash('sha256').update(token).digest('base64url')}`;
};

/** `/auth/token`: the partner client whose secret is tried, from HTTP Basic or the body. */
export const oauthClientId: RateLimitSubject = ({ body, headers }) => {
  const clientId = clientIdOf(headers.authorization, body);
  return clientId === undefined ? undefined : `client:${clientId}`;
};
