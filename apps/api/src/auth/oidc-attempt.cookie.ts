import { parseCookie } from 'cookie';
import type { AppConfig } from '@relais/core';

/** The cookie that carries a sealed OIDC sign-in attempt from the redirect to the callback. */
export const OIDC_ATTEMPT_COOKIE = 'relais_oidc_attempt';
/** Set beside the attempt when the web client started the sign-in: the callback then returns to it. */
export const OIDC_WEB_COOKIE = 'relais_oidc_web';

interface CookieScope {
  readonly path: string;
  readonly secure: boolean;
}

/**
 * Sent back only to the callback (its path), never to scripts (HttpOnly), and along the
 * provider's top-level redirect but not cross-site subrequests (SameSite=Lax); Secure when the
 * callback is https.
 */
function scopeOf(redirectUri: string | undefined): CookieScope {
  if (!redirectUri) return { path: '/', secure: false };
  const callback = new URL(redirectUri);
  return { path: callback.pathname, secure: callback.protocol === 'https:' };
}

function serialize(
  value: string,
  maxAgeSeconds: number,
  scope: CookieScope,
  name = OIDC_ATTEMPT_COOKIE,
): string {
  return [
    `${name}=${value}`,
    `Path=${scope.path}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(scope.secure ? ['Secure'] : []),
  ].join('; ');
}

export function attemptCookie(config: AppConfig, sealed: string, maxAgeSeconds: number): string {
  return serialize(sealed, maxAgeSeconds, scopeOf(config.oidc?.redirectUri));
}

export function clearedAttemptCookie(config: AppConfig): string {
  return serialize('', 0, scopeOf(config.oidc?.redirectUri));
}

export function webReturnCookie(config: AppConfig, maxAgeSeconds: number): string {
  return serialize('1', maxAgeSeconds, scopeOf(config.oidc?.redirectUri), OIDC_WEB_COOKIE);
}

export function clearedWebReturnCookie(config: AppConfig): string {
  return serialize('', 0, scopeOf(config.oidc?.redirectUri), OIDC_WEB_COOKIE);
}

/** An attempt cookie of another provider (FranceConnect): its name, its callback. */
export function providerAttemptCookie(
  name: string,
  redirectUri: string | undefined,
  sealed: string,
  maxAgeSeconds: number,
): string {
  return serialize(sealed, maxAgeSeconds, scopeOf(redirectUri), name);
}

export function clearedProviderAttemptCookie(
  name: string,
  redirectUri: string | undefined,
): string {
  return serialize('', 0, scopeOf(redirectUri), name);
}

export function cookieOf(cookieHeader: string | undefined, name: string): string | undefined {
  return (cookieHeader && parseCookie(cookieHeader)[name]) || undefined;
}

/** The sealed attempt of a request's Cookie header, if any. */
export function attemptOf(cookieHeader: string | undefined): string | undefined {
  return cookieOf(cookieHeader, OIDC_ATTEMPT_COOKIE);
}

/** Whether the web client started this sign-in. */
export function startedByWebClient(cookieHeader: string | undefined): boolean {
  return cookieOf(cookieHeader, OIDC_WEB_COOKIE) === '1';
}
