import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '@relais/core';
import { parseCookie, stringifySetCookie } from 'cookie';

/**
 * The web client's refresh token, in a cookie no script can read (HttpOnly), sent only to the
 * authentication routes (Path=/auth) and only by Relais' own pages (SameSite=Strict): every tab
 * of the browser shares one session, and a script injected into a page cannot steal it (ADR
 * 0017). Secure in production and on any https request; plain http is for the developer's
 * own machine.
 */
export const REFRESH_COOKIE = 'relais_refresh';

interface CookieRequest extends IncomingMessage {
  readonly secure?: boolean;
}

function setCookie(
  config: AppConfig,
  request: CookieRequest,
  value: string,
  maxAgeSeconds: number,
): string {
  return stringifySetCookie({
    name: REFRESH_COOKIE,
    value,
    path: '/auth',
    maxAge: maxAgeSeconds,
    httpOnly: true,
    sameSite: 'strict',
    secure: config.nodeEnv === 'production' || request.secure === true,
  });
}

/** Sets the refresh token until the session's absolute end. */
export function refreshCookie(
  config: AppConfig,
  request: CookieRequest,
  refreshToken: string,
  sessionExpiresAt: Date,
): string {
  const maxAge = Math.max(0, Math.floor((sessionExpiresAt.getTime() - Date.now()) / 1000));
  return setCookie(config, request, refreshToken, maxAge);
}

export function clearedRefreshCookie(config: AppConfig, request: CookieRequest): string {
  return setCookie(config, request, '', 0);
}

/** The refresh token the browser sent in the cookie, if any. */
export function refreshTokenFromCookie(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const value = parseCookie(cookieHeader)[REFRESH_COOKIE];
  // Refresh tokens are base64url: anything else is not one.
  return value && /^[\w-]{20,200}$/.test(value) ? value : undefined;
}
