import type { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { migrations } from './migrations/index.js';
import { postgresConnectionOptions } from './postgres-connection.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for entity classes
export type EntityList = MixedList<Function | string | EntitySchema>;

export interface DataSourceSettings {
  readonly url: string;
  /** The CA of the server's certificate; DATABASE_CA_FILE by default (see postgresConnectionOptions). */
  readonly caFile?: string;
  readonly entities?: EntityList;
  readonly poolSize?: number;
  /** Shows in pg_stat_activity, so a DBA can tell the API from a migration run. */
  readonly applicationName?: string;
}

/**
 * The one place the PostgreSQL connection is described; `synchronize` is never on. Asynchronous
 * because `sslmode=prefer` asks the server whether it offers TLS.
 */
export async function buildDataSourceOptions(
  settings: DataSourceSettings,
): Promise<DataSourceOptions> {
  const connection = await postgresConnectionOptions(settings.url, settings.caFile);
  return {
    type: 'postgres',
    url: connection.connectionString,
    ssl: connection.ssl,
    entities: settings.entities ?? [],
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; extensions are created by migrations only.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'relais',
    extra: {
      // A request waits at most this long for a pooled connection before failing cleanly.
      connectionTimeoutMillis: 5_000,
      // Prepared statements (preparedQuery's hot statements, PL/pgSQL triggers) are planned once
      // per connection. Left to choose, PostgreSQL kept re-planning a file's parts at every call
      // (2 ms, more than running it). Unnamed statements, like search's, are planned as before.
      options: '-c plan_cache_mode=force_generic_plan',
    },
  };
}
