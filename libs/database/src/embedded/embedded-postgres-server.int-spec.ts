import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  type EmbeddedPostgresSettings,
  startEmbeddedPostgres,
} from './embedded-postgres-server.js';

/**
 * Throwaway clusters, as the test server's (libs/testing): nothing flushed to disk, by initdb
 * or at commit. A clean stop still writes every page, so a restart finds the data.
 */
const THROWAWAY: Partial<EmbeddedPostgresSettings> = {
  initdbFlags: ['--no-sync'],
  serverFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
};

function start(dataDir: string): ReturnType<typeof startEmbeddedPostgres> {
  return startEmbeddedPostgres({ ...THROWAWAY, dataDir });
}

async function run(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('the embedded PostgreSQL', () => {
  let root: string;
  let initialised: Promise<string> | undefined;

  /** A folder initialised once (initdb is most of a start), for the tests that only restart it. */
  const initialisedCluster = (): Promise<string> =>
    (initialised ??= (async () => {
      const dataDir = join(root, 'initialised');
      await (await start(dataDir)).stop();
      return dataDir;
    })());

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'relais-embedded-'));
    // As root the server runs as the `postgres` user, who must be able to enter the folder.
    await chmod(root, 0o755);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('initialises its folder once and keeps the data across restarts', async () => {
    const dataDir = join(root, 'kept');
    const first = await start(dataDir);
    try {
      await run(first.url, 'CREATE TABLE kept (note text)');
      await run(first.url, `INSERT INTO kept VALUES ('still here')`);
    } finally {
      await first.stop();
    }

    const second = await start(dataDir);
    try {
      const result = await run(second.url, 'SELECT note FROM kept');
      expect(result.rows).toEqual([{ note: 'still here' }]);
      const version = await run(second.url, 'SHOW server_version');
      expect(version.rows[0]).toEqual({ server_version: expect.stringMatching(/^17\./) as string });
    } finally {
      await second.stop();
    }
  });

  it.each([
    ['a process that is gone', 999_999],
    ['a live process that is not PostgreSQL (a pid reused after a reboot)', process.pid],
  ])('starts over a postmaster.pid naming %s', async (_case, pid) => {
    const dataDir = await initialisedCluster();
    await writeFile(join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n0\n5432\n`);

    const again = await start(dataDir);
    try {
      expect((await run(again.url, 'SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
    } finally {
      await again.stop();
    }
  });

  it('accepts only its own password', async () => {
    const server = await start(await initialisedCluster());
    try {
      const wrong = new URL(server.url);
      wrong.password = 'guessed';
      await expect(run(wrong.toString(), 'SELECT 1')).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await server.stop();
    }
  });
});
