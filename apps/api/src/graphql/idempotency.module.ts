import { Module } from '@nestjs/common';
import { IdentityModule } from '@relais/identity';
import { IdempotencyKeyService } from './idempotency-key.service.js';
import { IdempotencyPurgeJob } from './idempotency-purge.job.js';
import { IdempotencyPlugin } from './idempotency.plugin.js';

/** The Idempotency-Key plugin and its store, for the GraphQL module's plugin list. */
@Module({
  imports: [IdentityModule],
  providers: [IdempotencyKeyService, IdempotencyPlugin, IdempotencyPurgeJob],
  exports: [IdempotencyPlugin],
})
export class IdempotencyModule {}
