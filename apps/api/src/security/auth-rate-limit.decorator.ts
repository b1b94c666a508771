import { UseGuards } from '@nestjs/common';
import { AuthThrottlerGuard } from './auth-throttler.guard.js';

/** Name of the throttler of authentication endpoints (see SecurityModule). */
export const AUTH_THROTTLER = 'auth';

/**
 * Requests one client address may make to one authentication endpoint, per window; the next
 * ones get 429 with `Retry-After` until the window has passed. Why: ADR 0004.
 */
export const AUTH_RATE_LIMIT = { limit: 10, ttl: 60_000 } as const;

/**
 * Rate-limits a sign-in or token endpoint (a REST controller or one of its routes) with the
 * `auth` throttler. Nothing else is limited: the guard runs only where this decorator is.
 *
 *     @Post('token') @AuthRateLimit() issueToken(...) {...}
 */
export function AuthRateLimit(): MethodDecorator & ClassDecorator {
  return UseGuards(AuthThrottlerGuard);
}
