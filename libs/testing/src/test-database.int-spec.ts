import pg from 'pg';
import { truncateAllTables } from './test-database.js';

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("a worker's test database", () => {
  afterAll(async () => {
    await query('DROP TABLE IF EXISTS harness_probe');
  });

  it('is migrated, as cloned from the template', async () => {
    const rows = await query<{ name: string }>('SELECT name FROM migrations');
    expect(rows.map((row) => row.name)).toContain('Baseline1763856000000');
  });

  it('is emptied by truncateAllTables, migrations kept and sequences restarted', async () => {
    await query('CREATE TABLE harness_probe (id serial PRIMARY KEY, label text)');
    await query(`INSERT INTO harness_probe (label) VALUES ('a'), ('b')`);

    await truncateAllTables(process.env.DATABASE_URL as string);

    expect(await query('SELECT * FROM harness_probe')).toEqual([]);
    expect((await query('SELECT name FROM migrations')).length).toBeGreaterThan(0);
    await query(`INSERT INTO harness_probe (label) VALUES ('c')`);
    expect(await query('SELECT id FROM harness_probe')).toEqual([{ id: 1 }]);
  });

  it('restarts the sequence of a table its tests already emptied', async () => {
    await query(`INSERT INTO harness_probe (label) VALUES ('d')`);
    await query('DELETE FROM harness_probe');

    await truncateAllTables(process.env.DATABASE_URL as string);

    await query(`INSERT INTO harness_probe (label) VALUES ('e')`);
    expect(await query('SELECT id, label FROM harness_probe')).toEqual([{ id: 1, label: 'e' }]);
  });
});
