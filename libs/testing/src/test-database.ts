import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  runPendingMigrations,
  startEmbeddedPostgres,
  type RunningEmbeddedPostgres,
} from '@relais/database';

/** Where the test databases live, shared by jest's global setup and its workers via env. */
export interface TestDatabaseServer {
  /** A URL on the server (its database part is replaced per test database). */
  readonly serverUrl: string;
  /** Test databases are named `<prefix>_template` and `<prefix>_w<worker>`. */
  readonly prefix: string;
  stop(): Promise<void>;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The server of DATABASE_URL when set (its database name becomes the prefix of the test
 * databases), else a fresh embedded PostgreSQL in a temporary folder, stopped at the end.
 */
export async function startTestDatabaseServer(): Promise<TestDatabaseServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    const prefix = decodeURIComponent(new URL(configured).pathname.slice(1)) || 'relais_test';
    return { serverUrl: databaseUrl(configured, 'postgres'), prefix, stop: async () => {} };
  }
  const dataRoot = await mkdtemp(join(tmpdir(), 'relais-test-pg-'));
  // As root the server runs as the `postgres` user, who must be able to enter the folder.
  await chmod(dataRoot, 0o755);
  let server: RunningEmbeddedPostgres;
  try {
    server = await startEmbeddedPostgres({
      dataDir: join(dataRoot, 'postgres'),
      // A throwaway cluster: nothing is flushed to disk, neither by initdb nor at each commit
      // (tests commit tens of thousands of times; an fsync costs each 10 to 20 ms on a busy
      // disk). The tests never crash this server; fault tests start their own.
      initdbFlags: ['--no-sync'],
      serverFlags: [
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
    });
  } catch (error) {
    await rm(dataRoot, { recursive: true, force: true });
    throw error;
  }
  return {
    serverUrl: server.url,
    prefix: 'relais_test',
    stop: async () => {
      await server.stop();
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}

/**
 * Drops the test databases a previous run left, then builds the template every worker clones:
 * a database with every migration applied.
 */
export async function prepareTemplateDatabase(server: TestDatabaseServer): Promise<void> {
  await dropTestDatabases(server);
  await withClient(server.serverUrl, async (client) => {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(`${server.prefix}_template`)}`);
  });
  await runPendingMigrations(databaseUrl(server.serverUrl, `${server.prefix}_template`));
}

export async function dropTestDatabases(server: TestDatabaseServer): Promise<void> {
  await withClient(server.serverUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [`${server.prefix}_template`, `${server.prefix}\\_w%`],
    );
    for (const { datname } of rows) {
      await client.query(
        `DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`,
      );
    }
  });
}

/** The worker's own database, cloned from the template on first use; returns its URL. */
export async function workerDatabase(
  serverUrl: string,
  prefix: string,
  worker: string,
): Promise<string> {
  const name = `${prefix}_w${worker}`;
  await withClient(serverUrl, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!existing.rowCount) await createFromTemplate(client, name, `${prefix}_template`);
  });
  return databaseUrl(serverUrl, name);
}

/** A new database `name`, a copy of `template`; returns its URL. */
export async function cloneDatabase(
  serverUrl: string,
  template: string,
  name: string,
): Promise<string> {
  await withClient(serverUrl, (client) => createFromTemplate(client, name, template));
  return databaseUrl(serverUrl, name);
}

async function createFromTemplate(client: pg.Client, name: string, template: string) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`,
      );
      return;
    } catch (error) {
      // 55006: another worker is cloning the template at this very moment.
      if ((error as { code?: string }).code !== '55006' || attempt === 20) throw error;
      await new Promise((resolveLater) => setTimeout(resolveLater, 100 * attempt));
    }
  }
}

/**
 * Empties every table but the migrations' own, so each test file starts from a clean slate, and
 * restarts their sequences. Only the tables that hold rows or whose sequence moved are
 * truncated: a TRUNCATE replaces each table's and index's files, and a file's tests touch a few
 * of the tables (all of them: 0.2 to 0.6 s a file; decision 0021).
 */
export async function truncateAllTables(url: string): Promise<void> {
  await withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    if (tables.length === 0) return;
    const { rows: moved } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', t.schemaname, t.tablename) AS name
         FROM pg_tables t
         JOIN pg_class c ON c.oid = format('%I.%I', t.schemaname, t.tablename)::regclass
         JOIN pg_depend d ON d.refobjid = c.oid AND d.deptype IN ('a', 'i')
         JOIN pg_sequences s ON format('%I.%I', s.schemaname, s.sequencename)::regclass = d.objid
        WHERE t.schemaname = 'public' AND t.tablename <> 'migrations'
          AND s.last_value IS NOT NULL`,
    );
    const holding = tables.map(
      ({ name }, index) => `SELECT ${index} AS index WHERE EXISTS (SELECT FROM ${name})`,
    );
    const { rows: withRows } = await client.query<{ index: number }>(holding.join(' UNION ALL '));
    const names = new Set([
      ...moved.map((table) => table.name),
      ...withRows.map((row) => tables[row.index]?.name ?? ''),
    ]);
    names.delete('');
    if (names.size === 0) return;
    // As replication does: the append-only access log's triggers do not fire for a test reset.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`TRUNCATE ${[...names].join(', ')} RESTART IDENTITY CASCADE`);
  });
}
