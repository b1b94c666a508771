import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@relais/database';
import {
  adminAuditCanonical,
  verifyAdminAudit,
  type AdminAuditChainRow,
} from './admin-audit.verifier.js';
import { recordAdminChange } from './admin-audit.writer.js';

const url = (): string => process.env.DATABASE_URL as string;

/** Records an admin change as the app does (numbered and chained with the key); returns its id. */
async function record(db: DataSource, after: Record<string, unknown>): Promise<string> {
  const subjectId = randomUUID();
  await db.transaction((manager) =>
    recordAdminChange(manager, {
      actorAccountId: randomUUID(),
      actorMembershipId: randomUUID(),
      action: 'structure.update',
      subjectType: 'Structure',
      subjectId,
      territoryId: randomUUID(),
      structureId: null,
      before: { name: 'avant' },
      after,
    }),
  );
  const [row] = await db.query<{ id: string }[]>(
    'SELECT id FROM admin_audit_event WHERE subject_id = $1',
    [subjectId],
  );
  return row.id;
}

/** Runs statements as a tamperer with superuser rights would: with the triggers off. */
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

describe('verifyAdminAudit', () => {
  let pool: pg.Pool;
  let dataSource: DataSource;
  let writers: DataSource;
  const ids: string[] = [];

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url(), max: 4 });
    dataSource = await new DataSource(await buildDataSourceOptions({ url: url() })).initialize();
    writers = await new DataSource(
      await buildDataSourceOptions({ url: url(), poolSize: 4 }),
    ).initialize();
    // JSON in an order of keys and with characters that a naive canonical form would get wrong.
    ids.push(
      await record(writers, { zeta: 1, alpha: 'é "quoted"', nested: { b: [1, 2], a: null } }),
    );
    // Concurrent writers: the head row serializes them into one chain.
    ids.push(...(await Promise.all(Array.from({ length: 8 }, (_, n) => record(writers, { n })))));
  });

  afterAll(async () => {
    await writers.destroy();
    await dataSource.destroy();
    await pool.end();
  });

  it('finds the chain intact, rows written at once included', async () => {
    expect(await verifyAdminAudit(dataSource)).toMatchObject({
      rowsChecked: 9,
      firstBreak: null,
      head: { rows: 9 },
    });
  });

  it('refuses updates and deletes, even to the table owner', async () => {
    await expect(
      pool.query(`UPDATE admin_audit_event SET action = 'x' WHERE id = $1`, [ids[0]]),
    ).rejects.toThrow('append-only');
    await expect(
      pool.query(`DELETE FROM admin_audit_event WHERE id = $1`, [ids[0]]),
    ).rejects.toThrow('append-only');
  });

  it('names the row whose content a tamperer changed', async () => {
    const altered = ids[3];
    const { rows } = await pool.query<{ after: unknown }>(
      'SELECT after FROM admin_audit_event WHERE id = $1',
      [altered],
    );
    await asTamperer((client) =>
      client.query(`UPDATE admin_audit_event SET after = after || '{"n": 99}' WHERE id = $1`, [
        altered,
      ]),
    );
    try {
      const report = await verifyAdminAudit(dataSource);
      expect(report.firstBreak).toEqual({
        id: altered,
        reason: 'hash mismatch',
        detail: 'its hash does not match its content under the key',
      });
      expect(report.rowsChecked).toBeLessThan(9);
    } finally {
      await asTamperer((client) =>
        client.query('UPDATE admin_audit_event SET after = $2 WHERE id = $1', [
          altered,
          rows[0].after,
        ]),
      );
    }
    expect((await verifyAdminAudit(dataSource)).firstBreak).toBeNull();
  });

  it('names a row removed from the middle, and one removed from the end', async () => {
    const removeAndCheck = async (id: string) => {
      let removed: unknown;
      await asTamperer(async (client) => {
        const deleted = await client.query<{ removed: unknown }>(
          `DELETE FROM admin_audit_event WHERE id = $1
           RETURNING row_to_json(admin_audit_event.*) AS removed`,
          [id],
        );
        removed = deleted.rows[0].removed;
      });
      try {
        return await verifyAdminAudit(dataSource);
      } finally {
        await asTamperer((client) =>
          client.query(
            'INSERT INTO admin_audit_event SELECT * FROM json_populate_record(NULL::admin_audit_event, $1)',
            [removed],
          ),
        );
      }
    };
    // A row in the middle by its place in the chain: the concurrent writes of ids[1..8] commit
    // in any order, so ids[5] may be the last row (a head mismatch, not a broken link).
    const { rows: inTheMiddle } = await pool.query<{ id: string }>(
      'SELECT id FROM admin_audit_event ORDER BY seq OFFSET 4 LIMIT 1',
    );
    const middle = await removeAndCheck(inTheMiddle[0].id);
    expect(middle.firstBreak?.reason).toBe('broken link');
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM admin_audit_event ORDER BY seq DESC LIMIT 2',
    );
    const tail = await removeAndCheck(rows[0].id);
    expect(tail.firstBreak).toMatchObject({ id: rows[1].id, reason: 'head mismatch' });
    expect((await verifyAdminAudit(dataSource)).firstBreak).toBeNull();
  });

  it('names the first row of a chain recomputed without the key', async () => {
    const { rows } = await pool.query<AdminAuditChainRow>(
      `SELECT seq::text AS seq, id, occurred_at AS "occurredAt",
         actor_account_id AS "actorAccountId", actor_membership_id AS "actorMembershipId",
         action, subject_type AS "subjectType", subject_id AS "subjectId",
         territory_id AS "territoryId", structure_id AS "structureId",
         before::text AS "beforeText", after::text AS "afterText", prev_hash AS "prevHash", hash
       FROM admin_audit_event ORDER BY admin_audit_event.seq`,
    );
    const removed = rows[2];
    // The attack: triggers off, a row deleted, every hash recomputed by SHA-256, the head moved.
    await asTamperer(async (client) => {
      await client.query('DELETE FROM admin_audit_event WHERE id = $1', [removed.id]);
      let previous = Buffer.alloc(32);
      for (const row of rows.filter((kept) => kept.id !== removed.id)) {
        const hash = createHash('sha256')
          .update(previous)
          .update(adminAuditCanonical(row), 'utf8')
          .digest();
        await client.query('UPDATE admin_audit_event SET prev_hash = $2, hash = $3 WHERE id = $1', [
          row.id,
          previous,
          hash,
        ]);
        previous = hash;
      }
      await client.query(
        `UPDATE admin_audit_head SET last_seq = $1, last_hash = $2 WHERE chain = 'admin'`,
        [rows.at(-1)?.seq, previous],
      );
    });

    expect(await verifyAdminAudit(dataSource)).toMatchObject({
      rowsChecked: 0,
      firstBreak: { id: rows[0].id, reason: 'hash mismatch' },
    });
  });
});
