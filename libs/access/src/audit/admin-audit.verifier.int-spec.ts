import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@relais/database';
import { verifyAdminAudit } from './admin-audit.verifier.js';

const url = (): string => process.env.DATABASE_URL as string;

/** Records an admin change as the app does (the trigger numbers and chains it); returns its id. */
async function record(db: pg.Pool, after: Record<string, unknown>): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO admin_audit_event (actor_account_id, actor_membership_id, action, subject_type,
       subject_id, territory_id, structure_id, before, after)
     VALUES ($1, $2, 'structure.update', 'Structure', $3, $4, NULL, $5, $6) RETURNING id`,
    [randomUUID(), randomUUID(), randomUUID(), randomUUID(), { name: 'avant' }, after],
  );
  return rows[0].id;
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
  const ids: string[] = [];

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: url(), max: 4 });
    dataSource = await new DataSource(buildDataSourceOptions({ url: url() })).initialize();
    // JSON in an order of keys and with characters that a naive canonical form would get wrong.
    ids.push(await record(pool, { zeta: 1, alpha: 'é "quoted"', nested: { b: [1, 2], a: null } }));
    // Concurrent writers: the head row serializes them into one chain.
    ids.push(...(await Promise.all(Array.from({ length: 8 }, (_, n) => record(pool, { n })))));
  });

  afterAll(async () => {
    await dataSource.destroy();
    await pool.end();
  });

  it('finds the chain intact, rows written at once included', async () => {
    expect(await verifyAdminAudit(dataSource)).toEqual({ rowsChecked: 9, firstBreak: null });
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
        detail: 'its hash does not match its content',
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
    const middle = await removeAndCheck(ids[5]);
    expect(middle.firstBreak?.reason).toBe('broken link');
    const { rows } = await pool.query<{ id: string }>(
      'SELECT id FROM admin_audit_event ORDER BY seq DESC LIMIT 2',
    );
    const tail = await removeAndCheck(rows[0].id);
    expect(tail.firstBreak).toMatchObject({ id: rows[1].id, reason: 'head mismatch' });
    expect((await verifyAdminAudit(dataSource)).firstBreak).toBeNull();
  });
});
