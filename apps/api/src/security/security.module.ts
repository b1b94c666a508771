import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AUTH_RATE_LIMIT, AUTH_THROTTLER } from './auth-rate-limit.decorator.js';

/**
 * Rate limits (@nestjs/throttler), applied with @AuthRateLimit(). Counts are kept in this
 * process's memory: right for one API instance; several need the Redis storage (ADR 0004).
 */
@Module({
  imports: [
    ThrottlerModule.forRoot({
      throttlers: [{ name: AUTH_THROTTLER, ...AUTH_RATE_LIMIT }],
      errorMessage: 'Too many attempts: try again later.',
    }),
  ],
})
export class SecurityModule {}
