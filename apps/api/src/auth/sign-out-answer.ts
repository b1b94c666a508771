import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '@relais/core';
import { clearedRefreshCookie } from './refresh-cookie.js';

/** The body of a sign-out that has a provider's logout to follow. */
export interface SignOutAnswer {
  /** The provider's end-session URL, with this session's `id_token_hint`: go there next. */
  readonly providerLogoutUrl: string;
}

/**
 * The answer of a sign-out, an account's or a person's, once Relais' session has ended: the
 * cookie cleared, and 204 as before when there is nothing more to do (the emailed code, the
 * development sign-in, a provider that offers no logout); 200 with `{ providerLogoutUrl }` for
 * a session opened through ProConnect or FranceConnect, whose own session the browser ends
 * next. Never stored (the URL carries the ID token).
 */
export function answerSignOut(
  config: AppConfig,
  request: IncomingMessage,
  response: ServerResponse,
  providerLogoutUrl: string | undefined,
): void {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Set-Cookie', clearedRefreshCookie(config, request));
  if (!providerLogoutUrl) {
    response.statusCode = 204;
    response.end();
    return;
  }
  const answer: SignOutAnswer = { providerLogoutUrl };
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(answer));
}
