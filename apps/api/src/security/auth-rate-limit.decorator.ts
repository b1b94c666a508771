import type { IncomingHttpHeaders } from 'node:http';
import { SetMetadata, UseGuards } from '@nestjs/common';
import { AuthThrottlerGuard } from './auth-throttler.guard.js';

/**
 * The two counters every request to an authentication endpoint counts against, per endpoint
 * and per window; either exhausted, the next requests get 429 with `Retry-After` until the
 * window has passed. Per address, generous: a whole office behind one NAT shares an address.
 * Per subject (the email, refresh token or client being tried), strict: that is what a guess
 * or a replay targets, from however many addresses. Why: ADR 0004.
 */
export const AUTH_RATE_LIMITS = {
  perAddress: { name: 'auth-address', limit: 100, ttl: 60_000 },
  perSubject: { name: 'auth-subject', limit: 10, ttl: 60_000 },
} as const;

/** What a subject is read from: the parsed body and the headers (guards run after parsing). */
export interface RateLimitedRequest {
  readonly body?: unknown;
  readonly headers: IncomingHttpHeaders;
}

/** The subject of a request, or undefined when it names none (then only the address counts). */
export type RateLimitSubject = (request: RateLimitedRequest) => string | undefined;

export const RATE_LIMIT_SUBJECT = 'relais:rate-limit-subject';

/**
 * Rate-limits a sign-in or token endpoint (a REST controller or one of its routes): per client
 * address, and per subject where @RateLimitedBy names one. Nothing else is limited: the guard
 * runs only where this decorator is.
 *
 *     @Post('token') @AuthRateLimit() @RateLimitedBy(oauthClientId) issueToken(...) {...}
 */
export function AuthRateLimit(): MethodDecorator & ClassDecorator {
  return UseGuards(AuthThrottlerGuard);
}

/** Also counts the route's requests per subject (the email, token or client they try). */
export function RateLimitedBy(subject: RateLimitSubject): MethodDecorator & ClassDecorator {
  return SetMetadata(RATE_LIMIT_SUBJECT, subject);
}
