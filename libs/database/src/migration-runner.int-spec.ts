import pg from 'pg';
import { migrations } from './migrations/index.js';
import { revertLastMigration, runPendingMigrations } from './migration-runner.js';

async function installedExtensions(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ extname: string }>(
      `SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm') ORDER BY extname`,
    );
    return rows.map((row) => row.extname);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  const url = (): string => process.env.DATABASE_URL as string;

  afterAll(async () => {
    // Leave the worker database migrated for the test files that follow.
    await runPendingMigrations(url());
  });

  it('are all applied on the test database, so none is pending', async () => {
    expect(await runPendingMigrations(url())).toEqual([]);
    expect(await installedExtensions(url())).toEqual(['pg_trgm', 'unaccent']);
  });

  it('each revert, newest first, and apply again in order', async () => {
    const reverted: (string | undefined)[] = [];
    for (let index = 0; index < migrations.length; index += 1) {
      reverted.push(await revertLastMigration(url()));
    }
    const names = migrations.map((migration) => migration.name);
    expect(reverted).toEqual([...names].reverse());
    expect(await revertLastMigration(url())).toBeUndefined();
    expect(await installedExtensions(url())).toEqual([]);

    expect(await runPendingMigrations(url())).toEqual(names);
    expect(await installedExtensions(url())).toEqual(['pg_trgm', 'unaccent']);
  });
});
