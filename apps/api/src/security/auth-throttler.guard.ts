import { type ExecutionContext, Injectable } from '@nestjs/common';
import {
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import {
  AUTH_RATE_LIMITS,
  RATE_LIMIT_SUBJECT,
  type RateLimitedRequest,
  type RateLimitSubject,
} from './auth-rate-limit.decorator.js';

/**
 * @nestjs/throttler's guard with two throttlers: per client address (`req.ip`, which names
 * the client behind a trusted proxy: TRUST_PROXY), and per the subject the route names with
 * @RateLimitedBy; a route without one is counted per address alone. It also sends the
 * standard `Retry-After` with its 429: for a named throttler the library sends only its own
 * `Retry-After-<name>`, which clients and proxies ignore.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.throttler.name !== AUTH_RATE_LIMITS.perSubject.name) {
      return super.handleRequest(request);
    }
    const subjectOf = this.reflector.getAllAndOverride<RateLimitSubject | undefined>(
      RATE_LIMIT_SUBJECT,
      [request.context.getHandler(), request.context.getClass()],
    );
    const subject = subjectOf?.(this.getRequestResponse(request.context).req as RateLimitedRequest);
    if (subject === undefined) return true;
    return super.handleRequest({ ...request, getTracker: () => subject });
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', detail.timeToBlockExpire);
    await super.throwThrottlingException(context, detail);
  }
}
