import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '@relais/core';
import type { IssuedTokens } from '@relais/identity';
import { refreshCookie } from './refresh-cookie.js';

/** The tokens as answered: without the refresh token when it went into the cookie. */
export type AnsweredTokens = IssuedTokens | Omit<IssuedTokens, 'refreshToken'>;

/**
 * The answer of a sign-in or a refresh, an account's or a person's alike. The web client asks
 * (`cookie: true`, or by refreshing from the cookie) to keep the refresh token in the HttpOnly
 * cookie: it is then left out of the body (ADR 0017). Scripts get it in the body.
 */
export function answerTokens(
  config: AppConfig,
  tokens: IssuedTokens,
  inCookie: boolean,
  request: IncomingMessage,
  response: ServerResponse,
): AnsweredTokens {
  response.setHeader('Cache-Control', 'no-store');
  if (!inCookie) return tokens;
  response.setHeader(
    'Set-Cookie',
    refreshCookie(config, request, tokens.refreshToken, tokens.sessionExpiresAt),
  );
  return {
    accessToken: tokens.accessToken,
    tokenType: tokens.tokenType,
    expiresIn: tokens.expiresIn,
    sessionExpiresAt: tokens.sessionExpiresAt,
  };
}
