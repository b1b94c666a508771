import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRunner } from '@relais/core';
import { IdempotencyKeyService } from './idempotency-key.service.js';

/** Between two purges of the expired Idempotency-Keys. */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Keys older than 24 hours count as unused already (the claim deletes a stale one before its
 * insert); this job deletes the rest every 10 minutes, under the job's advisory lock so one
 * instance does it (decision 0019).
 */
@Injectable()
export class IdempotencyPurgeJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly keys: IdempotencyKeyService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'idempotency.purge',
      schedule: { everyMs: IDEMPOTENCY_PURGE_INTERVAL_MS },
      lock: true,
      logLevel: 'debug',
      run: async () => `${await this.keys.purge()} expired keys deleted`,
    });
  }
}
