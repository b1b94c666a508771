import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';

async function withMigrationDataSource<T>(
  url: string,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(
    await buildDataSourceOptions({ url, poolSize: 1, applicationName: 'relais-migrations' }),
  );
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Applies every pending migration, each in its own transaction; returns the names applied. */
export async function runPendingMigrations(url: string): Promise<string[]> {
  return withMigrationDataSource(url, async (dataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}

/** Reverts the latest applied migration; returns its name, or undefined when none was applied. */
export async function revertLastMigration(url: string): Promise<string | undefined> {
  return withMigrationDataSource(url, async (dataSource) => {
    const [table] = await dataSource.query<{ exists: string | null }[]>(
      `SELECT to_regclass('migrations') AS exists`,
    );
    if (!table?.exists) return undefined;
    const [latest] = await dataSource.query<{ name: string }[]>(
      `SELECT name FROM "migrations" ORDER BY "timestamp" DESC LIMIT 1`,
    );
    if (!latest) return undefined;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return latest.name;
  });
}
