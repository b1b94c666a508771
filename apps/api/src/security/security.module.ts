import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig, AppConfigModule } from '@relais/core';
import { AUTH_RATE_LIMITS } from './auth-rate-limit.decorator.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/**
 * Rate limits (@nestjs/throttler), applied with @AuthRateLimit(). With `REDIS_URL` the counts
 * are kept in Redis, shared by every instance (in memory while Redis is away); without it, in
 * this process's memory. ADR 0004.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [AppConfigModule],
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [AUTH_RATE_LIMITS.perAddress, AUTH_RATE_LIMITS.perSubject],
        errorMessage: 'Too many attempts: try again later.',
        storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : undefined,
      }),
    }),
  ],
})
export class SecurityModule {}
