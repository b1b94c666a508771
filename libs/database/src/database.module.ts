import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, JOB_LOCK } from '@relais/core';
import { buildDataSourceOptions, type EntityList } from './data-source-options.js';
import { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository.js';
import { IdempotencyPurgeRepository } from './idempotency/idempotency-purge.repository.js';
import { PostgresJobLock } from './postgres-job-lock.js';

@Module({})
export class DatabaseModule {
  /** The app passes every entity it knows; the same list feeds the migration tooling. */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      // Global for the jobs' lock: the job runner (libs/core) finds it without importing us.
      global: true,
      providers: [
        { provide: JOB_LOCK, useClass: PostgresJobLock },
        IdempotencyPurgeRepository,
        IdempotencyKeyRepository,
      ],
      exports: [JOB_LOCK, IdempotencyPurgeRepository, IdempotencyKeyRepository],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => ({
            ...(await buildDataSourceOptions({
              url: config.databaseUrl,
              caFile: config.databaseCaFile,
              entities,
              poolSize: config.databasePoolSize,
              applicationName: 'relais-api',
            })),
            // Boot fails fast with a clear line instead of retrying for half a minute; once
            // running, the pool reconnects by itself.
            retryAttempts: 0,
          }),
        }),
      ],
    };
  }
}
