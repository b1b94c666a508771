export { DatabaseModule } from './database.module.js';
export { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';
export { IdempotencyPurgeRepository } from './idempotency/idempotency-purge.repository.js';
export type { IdempotencyPurgeReason } from './idempotency/idempotency-purge.repository.js';
export { IdempotencyKeyRepository } from './idempotency/idempotency-key.repository.js';
export type { KeptIdempotentRequest } from './idempotency/idempotency-key.repository.js';
export { entityColumnList, entityColumns, entityFromJson, entityFromRow } from './entity-rows.js';
export { preparedQuery } from './prepared-query.js';
export { PostgresJobLock } from './postgres-job-lock.js';
export { buildDataSourceOptions } from './data-source-options.js';
export type { DataSourceSettings, EntityList } from './data-source-options.js';
export {
  describeDatabaseError,
  isDatabaseUnavailable,
  isInvalidTextValue,
} from './database-errors.js';
export { assertDatabaseReachable, ensureDatabaseExists } from './ensure-database.js';
export {
  planPostgresTls,
  postgresConnectionOptions,
  PostgresTlsError,
  SSL_MODES,
} from './postgres-connection.js';
export type {
  PostgresConnectionOptions,
  PostgresTlsOptions,
  PostgresTlsPlan,
  SslMode,
} from './postgres-connection.js';
export { runPendingMigrations, revertLastMigration } from './migration-runner.js';
export { migrations } from './migrations/index.js';
export { runDemoSeed } from './seed/demo-seed.js';
export type { DemoSeedStep } from './seed/demo-seed.js';
export {
  EmbeddedPostgresError,
  findFreePort,
  postgresUserCanReach,
  startEmbeddedPostgres,
} from './embedded/embedded-postgres-server.js';
export type {
  EmbeddedPostgresSettings,
  RunningEmbeddedPostgres,
} from './embedded/embedded-postgres-server.js';

import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const databaseEntities = [IdempotencyKeyEntity];
