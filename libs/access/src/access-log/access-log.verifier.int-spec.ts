import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { auditChainHash, auditChainKeyFrom } from '@relais/core';
import { buildDataSourceOptions } from '@relais/database';
import { deleteAndRechainAccessLog } from '@relais/testing';
import { AccessGround } from './access-ground.js';
import { verifyAccessLog, type TerritoryChainReport } from './access-log.verifier.js';
import { appendAccessLogRows } from './access-log.writer.js';

const url = (): string => process.env.DATABASE_URL as string;

/** Logs one read as the app does (numbered, stamped and chained with the key); returns its id. */
async function logRead(db: DataSource, territoryId: string): Promise<string> {
  const [id] = await db.transaction((manager) =>
    appendAccessLogRows(manager, auditChainKeyFrom(process.env), [
      {
        territoryId,
        personId: randomUUID(),
        accountId: randomUUID(),
        membershipId: randomUUID(),
        clientId: null,
        ground: AccessGround.TEAM_MEMBER,
      },
    ]),
  );
  return id;
}

async function logReads(db: DataSource, territoryId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) ids.push(await logRead(db, territoryId));
  return ids;
}

/**
 * Runs statements as a tamperer with superuser rights would: with the triggers off
 * (`session_replication_role = replica`, as the test harness does to empty tables).
 */
async function asTamperer(work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await work(client);
  } finally {
    await client.end();
  }
}

/** Deletes a row as a tamperer would; returns how to put it back exactly as it was. */
async function deleteAsTamperer(id: string): Promise<() => Promise<void>> {
  let removed: unknown;
  await asTamperer(async (client) => {
    const { rows } = await client.query<{ removed: unknown }>(
      'DELETE FROM access_log WHERE id = $1 RETURNING row_to_json(access_log.*) AS removed',
      [id],
    );
    removed = rows[0].removed;
  });
  return () =>
    asTamperer((client) =>
      client.query(
        'INSERT INTO access_log SELECT * FROM json_populate_record(NULL::access_log, $1)',
        [removed],
      ),
    );
}

const intact = (territoryId: string, rowsChecked: number): Partial<TerritoryChainReport> => ({
  territoryId,
  territoryCode: null,
  rowsChecked,
  firstBreak: null,
  head: expect.objectContaining({ rows: rowsChecked }) as TerritoryChainReport['head'],
  lastPurged: null,
});

describe('verifyAccessLog', () => {
  let pool: pg.Pool;
  let dataSource: DataSource;
  /** Five connections, as several API instances write. */
  let writers: DataSource;

  const chainOf = async (territoryId: string, batchSize?: number) => {
    const report = await verifyAccessLog(dataSource, { batchSize });
    return report.territories.find((territory) => territory.territoryId === territoryId);
  };

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url(), max: 5 });
    dataSource = new DataSource(await buildDataSourceOptions({ url: url(), poolSize: 1 }));
    await dataSource.initialize();
    writers = await new DataSource(
      await buildDataSourceOptions({ url: url(), poolSize: 5 }),
    ).initialize();
  });

  afterAll(async () => {
    await writers.destroy();
    await dataSource.destroy();
    await pool.end();
  });

  it('finds every chain intact, with concurrent inserts from several connections', async () => {
    const [busy, quiet] = [randomUUID(), randomUUID()];
    await logReads(writers, busy, 5);
    await logReads(writers, quiet, 3);
    // Twenty reads of one territory at once, over five connections, with the other interleaved.
    await Promise.all([
      ...Array.from({ length: 20 }, () => logRead(writers, busy)),
      ...Array.from({ length: 4 }, () => logRead(writers, quiet)),
    ]);

    const report = await verifyAccessLog(dataSource);
    expect(report.firstBreak).toBeNull();
    const chains = new Map(report.territories.map((chain) => [chain.territoryId, chain]));
    expect(chains.get(busy)).toMatchObject(intact(busy, 25));
    expect(chains.get(quiet)).toMatchObject(intact(quiet, 7));
    // Keyset pages that end inside a territory give the same answer.
    expect(await chainOf(busy, 4)).toEqual(await chainOf(busy));
  });

  it('names exactly the row a tamperer altered, by a hash mismatch', async () => {
    const territory = randomUUID();
    const ids = await logReads(writers, territory, 9);
    const altered = ids[4];
    const { rows } = await pool.query<{ person_id: string }>(
      'SELECT person_id FROM access_log WHERE id = $1',
      [altered],
    );
    const original = rows[0].person_id;

    await asTamperer((client) =>
      client.query('UPDATE access_log SET person_id = $2 WHERE id = $1', [altered, randomUUID()]),
    );
    try {
      expect(await chainOf(territory, 3)).toEqual({
        territoryId: territory,
        territoryCode: null,
        rowsChecked: 4,
        firstBreak: {
          territoryId: territory,
          id: altered,
          reason: 'hash mismatch',
          detail: expect.any(String) as string,
        },
        head: null,
        lastPurged: null,
      });
    } finally {
      await asTamperer((client) =>
        client.query('UPDATE access_log SET person_id = $2 WHERE id = $1', [altered, original]),
      );
    }
    expect((await chainOf(territory))?.firstBreak).toBeNull();
  });

  it('reports a deleted row of the middle by a broken link on the next one', async () => {
    const territory = randomUUID();
    const ids = await logReads(writers, territory, 5);
    const restore = await deleteAsTamperer(ids[2]);
    try {
      expect((await chainOf(territory))?.firstBreak).toMatchObject({
        id: ids[3],
        reason: 'broken link',
      });
    } finally {
      await restore();
    }
    expect(await chainOf(territory)).toMatchObject({ rowsChecked: 5, firstBreak: null });
  });

  it('reports rows deleted from the beginning, with no purge recorded, by a broken link', async () => {
    const territory = randomUUID();
    const ids = await logReads(writers, territory, 3);
    const restore = await deleteAsTamperer(ids[0]);
    try {
      expect((await chainOf(territory))?.firstBreak).toMatchObject({
        id: ids[1],
        reason: 'broken link',
        detail: expect.stringContaining('nothing was purged') as string,
      });
    } finally {
      await restore();
    }
    expect(await chainOf(territory)).toMatchObject({ rowsChecked: 3, firstBreak: null });
  });

  it('reports a deleted last row by a head mismatch', async () => {
    const territory = randomUUID();
    const ids = await logReads(writers, territory, 4);
    const restore = await deleteAsTamperer(ids[3]);
    try {
      const chain = await chainOf(territory);
      expect(chain?.rowsChecked).toBe(3);
      expect(chain?.firstBreak).toMatchObject({ id: ids[2], reason: 'head mismatch' });
      expect(chain?.firstBreak?.detail).toContain(`names row ${ids[3]}`);
    } finally {
      await restore();
    }
    expect(await chainOf(territory)).toMatchObject({ rowsChecked: 4, firstBreak: null });
  });

  it('joins the territory for its code', async () => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO territory (code, name) VALUES ('9A', 'Territoire du vérificateur') RETURNING id`,
    );
    const territory = rows[0].id;
    await logReads(writers, territory, 2);

    expect(await chainOf(territory)).toMatchObject({ territoryCode: '9A', rowsChecked: 2 });
  });

  it('is refused UPDATE, DELETE and TRUNCATE outside replica mode, even to a superuser', async () => {
    const territory = randomUUID();
    const [id] = await logReads(writers, territory, 1);

    await expect(
      pool.query('UPDATE access_log SET person_id = $2 WHERE id = $1', [id, randomUUID()]),
    ).rejects.toThrow('access_log is append-only');
    await expect(pool.query('DELETE FROM access_log WHERE id = $1', [id])).rejects.toThrow(
      'access_log is append-only',
    );
    await expect(pool.query('TRUNCATE access_log')).rejects.toThrow('access_log is append-only');
    expect(await chainOf(territory)).toMatchObject({ rowsChecked: 1, firstBreak: null });
  });

  describe('a chain recomputed without the key', () => {
    const sha256: (previous: Buffer, canonical: string) => Buffer = (previous, canonical) =>
      createHash('sha256').update(previous).update(canonical, 'utf8').digest();
    const otherKey = auditChainKeyFrom({
      AUDIT_CHAIN_KEY: 'not-the-key-the-writers-use-0000000000',
    });

    it.each([
      ['plain SHA-256, as before the key', sha256],
      [
        'HMAC with another key',
        (previous: Buffer, canonical: string) => auditChainHash(otherKey, previous, canonical),
      ],
    ])(
      'is found by a hash mismatch on its first row, when rehashed with %s',
      async (_, hashing) => {
        const territory = randomUUID();
        const ids = await logReads(writers, territory, 5);

        // The attack: triggers off, a row deleted, every hash recomputed, the head moved.
        await deleteAndRechainAccessLog(url(), territory, [ids[2]], hashing);

        expect(await chainOf(territory)).toMatchObject({
          rowsChecked: 0,
          firstBreak: { id: ids[0], reason: 'hash mismatch' },
          head: null,
        });
      },
    );

    it('is refused by the trigger when written without the chain, or off its head', async () => {
      const territory = randomUUID();
      await expect(
        pool.query(
          `INSERT INTO access_log (territory_id, person_id, account_id, membership_id, ground)
           VALUES ($1, $2, NULL, NULL, 'TEAM_MEMBER')`,
          [territory, randomUUID()],
        ),
      ).rejects.toThrow('does not follow the head of its territory');
      const [id] = await logReads(writers, territory, 1);
      // A row that claims to follow the genesis while the chain has a row.
      await expect(
        pool.query(
          `INSERT INTO access_log (id, territory_id, person_id, ground, accessed_at, prev_hash, hash)
           VALUES (nextval('access_log_id_seq'), $1, $2, 'TEAM_MEMBER',
             date_trunc('milliseconds', clock_timestamp()), $3, $3)`,
          [territory, randomUUID(), Buffer.alloc(32)],
        ),
      ).rejects.toThrow('does not follow the head of its territory');
      // A row of the past.
      const [head] = (
        await pool.query<{ hash: Buffer }>('SELECT hash FROM access_log WHERE id = $1', [id])
      ).rows;
      await expect(
        pool.query(
          `INSERT INTO access_log (id, territory_id, person_id, ground, accessed_at, prev_hash, hash)
           VALUES (nextval('access_log_id_seq'), $1, $2, 'TEAM_MEMBER',
             date_trunc('milliseconds', now() - interval '2 years'), $3, $3)`,
          [territory, randomUUID(), head.hash],
        ),
      ).rejects.toThrow('stamped by the database clock');
      expect(await chainOf(territory)).toMatchObject({ rowsChecked: 1, firstBreak: null });
    });
  });
});
