import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AccessGround, appendAccessLogRows, recordAdminChange } from '@relais/access';
import { auditChainKeyFrom } from '@relais/core';
import { buildDataSourceOptions } from '@relais/database';
import { deleteAndRechainAccessLog } from '@relais/testing';

const TOOL = fileURLToPath(
  new URL('../../dist/apps/api/src/tools/audit-verify.js', import.meta.url),
);

/** Runs `npm run audit:verify`'s tool from the build, on the worker's database. */
function auditVerify(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TOOL, ...args], {
      // The worker's DATABASE_URL (set by the harness), never the embedded database of .data/;
      // no AUDIT_CHAIN_KEY: the development key, as the writers of this test use.
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run audit:verify', () => {
  let client: pg.Client;
  let dataSource: DataSource;
  let folder: string;
  let loireAtlantique: string;
  const ids: string[] = [];
  const adminIds: string[] = [];

  /** An admin change recorded as the app records it (chained with the key); its id. */
  const recordChange = async (): Promise<string> => {
    const subjectId = randomUUID();
    await dataSource.transaction((manager) =>
      recordAdminChange(manager, {
        actorAccountId: randomUUID(),
        actorMembershipId: randomUUID(),
        action: 'membership.revoke',
        subjectType: 'Membership',
        subjectId,
        territoryId: null,
        structureId: null,
        before: null,
        after: { revoked: true },
      }),
    );
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM admin_audit_event WHERE subject_id = $1',
      [subjectId],
    );
    return rows[0].id;
  };

  /** A read logged as the app logs it (chained with the key); its id. */
  const logRead = async (territoryId: string): Promise<string> => {
    const [id] = await dataSource.transaction((manager) =>
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
  };

  /**
   * Keeps a territory's rows and head as they are; the returned function puts them back, as a
   * DBA would (triggers off), so a test that tampers leaves the log as it found it.
   */
  const keepTerritory = async (territoryId: string): Promise<() => Promise<void>> => {
    const { rows } = await client.query<{ saved: unknown }>(
      `SELECT row_to_json(access_log.*) AS saved FROM access_log WHERE territory_id = $1`,
      [territoryId],
    );
    const { rows: heads } = await client.query<{ saved: unknown }>(
      `SELECT row_to_json(access_log_head.*) AS saved FROM access_log_head
        WHERE territory_id = $1`,
      [territoryId],
    );
    return async () => {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      await client.query('DELETE FROM access_log WHERE territory_id = $1', [territoryId]);
      await client.query('DELETE FROM access_log_head WHERE territory_id = $1', [territoryId]);
      for (const { saved } of rows) {
        await client.query(
          'INSERT INTO access_log SELECT * FROM json_populate_record(NULL::access_log, $1)',
          [saved],
        );
      }
      await client.query(
        `INSERT INTO access_log_head
           SELECT * FROM json_populate_record(NULL::access_log_head, $1)`,
        [heads[0].saved],
      );
      await client.query('COMMIT');
    };
  };

  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    dataSource = await new DataSource(
      await buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 1 }),
    ).initialize();
    folder = await mkdtemp(join(tmpdir(), 'relais-audit-heads-'));
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO territory (code, name) VALUES ('44', 'Loire-Atlantique') RETURNING id`,
    );
    loireAtlantique = rows[0].id;
    for (let index = 0; index < 5; index += 1) ids.push(await logRead(loireAtlantique));
    await logRead(randomUUID());
    for (let index = 0; index < 3; index += 1) adminIds.push(await recordChange());
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await dataSource.destroy();
    await client.end();
  });

  it('prints one line per territory and exits 0 when every chain holds', async () => {
    const run = await auditVerify();

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`key ${auditChainKeyFrom(process.env).id}: the development key`);
    expect(run.stdout).toContain('access log, territory 44: 5 rows checked, OK');
    expect(run.stdout).toMatch(/access log, territory [0-9a-f-]{36}: 1 row checked, OK/);
    expect(run.stdout).toContain('admin audit, one chain: 3 rows checked, OK');
  });

  it('names the first broken row of each log and exits 1 when a row of each was altered', async () => {
    const altered = ids[2];
    const alteredChange = adminIds[1];
    await client.query('SET session_replication_role = replica');
    await client.query(`UPDATE access_log SET ground = 'PARTNER_CLIENT' WHERE id = $1`, [altered]);
    await client.query(`UPDATE admin_audit_event SET action = 'membership.grant' WHERE id = $1`, [
      alteredChange,
    ]);
    try {
      const run = await auditVerify();

      expect(run.code).toBe(1);
      expect(run.stdout).toContain('access log, territory 44: 2 rows checked, BROKEN');
      expect(run.stdout).toContain(
        `access log, territory 44: first broken row ${altered}: hash mismatch`,
      );
      expect(run.stdout).toContain('admin audit, one chain: 1 row checked, BROKEN');
      expect(run.stdout).toContain(
        `admin audit, one chain: first broken row ${alteredChange}: hash mismatch`,
      );
    } finally {
      await client.query(`UPDATE access_log SET ground = 'TEAM_MEMBER' WHERE id = $1`, [altered]);
      await client.query(
        `UPDATE admin_audit_event SET action = 'membership.revoke' WHERE id = $1`,
        [alteredChange],
      );
      await client.query('SET session_replication_role = DEFAULT');
    }
  });

  it('detects a chain recomputed without the key, and names its first row', async () => {
    const restore = await keepTerritory(loireAtlantique);
    // What triggers off allow: a read deleted, every hash recomputed as before the key
    // (SHA-256), the head moved; every link holds again.
    await deleteAndRechainAccessLog(
      process.env.DATABASE_URL as string,
      loireAtlantique,
      [ids[3]],
      (previous, canonical) =>
        createHash('sha256').update(previous).update(canonical, 'utf8').digest(),
    );
    try {
      const run = await auditVerify();

      expect(run.code).toBe(1);
      expect(run.stdout).toContain('access log, territory 44: 0 rows checked, BROKEN');
      expect(run.stdout).toContain(
        `access log, territory 44: first broken row ${ids[0]}: hash mismatch`,
      );
      expect(run.stdout).toContain('admin audit, one chain: 3 rows checked, OK');
    } finally {
      await restore();
    }
    expect((await auditVerify()).code).toBe(0);
  });

  it('prints the heads, then finds them in a longer chain, and a truncated chain wanting', async () => {
    const printed = await auditVerify('--print-heads');
    expect(printed.code).toBe(0);
    expect(printed.stderr).toContain('access log, territory 44: 5 rows checked, OK');
    const heads = printed.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(heads).toHaveLength(3);
    expect(heads).toContainEqual({
      log: 'access_log',
      chain: loireAtlantique,
      label: 'territory 44',
      id: ids[4],
      hash: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      at: expect.any(String) as string,
      rows: 5,
      key: auditChainKeyFrom(process.env).id,
    });
    expect(heads).toContainEqual(expect.objectContaining({ log: 'admin_audit', rows: 3 }));
    const file = join(folder, 'heads.jsonl');
    await writeFile(file, printed.stdout);

    // The chains grew since: each recorded head is still there, unchanged.
    const restore = await keepTerritory(loireAtlantique);
    const later = [await logRead(loireAtlantique), await logRead(loireAtlantique)];
    await recordChange();
    const grown = await auditVerify('--heads', file);
    expect(grown.code).toBe(0);
    expect(grown.stdout).toContain(
      `recorded head, access log, territory 44: row ${ids[4]} still there, unchanged, OK`,
    );
    const adminHead = heads.find((head) => head.log === 'admin_audit');
    expect(grown.stdout).toContain(
      `recorded head, admin audit, one chain: row ${String(adminHead?.id)} still there, unchanged, OK`,
    );

    // The tail cut back past the recorded head, the head moved: the chain itself holds...
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await client.query('DELETE FROM access_log WHERE id = ANY($1::bigint[])', [[ids[4], ...later]]);
    await client.query(
      `UPDATE access_log_head SET last_id = $2,
         last_hash = (SELECT hash FROM access_log WHERE id = $2) WHERE territory_id = $1`,
      [loireAtlantique, ids[3]],
    );
    await client.query('COMMIT');
    try {
      const truncated = await auditVerify('--heads', file);
      // ...but not the recorded head.
      expect(truncated.stdout).toContain('access log, territory 44: 4 rows checked, OK');
      expect(truncated.code).toBe(1);
      expect(truncated.stdout).toContain(
        `recorded head, access log, territory 44: CHANGED: row ${ids[4]} is gone: the chain was truncated or rewritten`,
      );
    } finally {
      await restore();
    }
  });

  it('refuses a heads file it did not print', async () => {
    const file = join(folder, 'not-heads.jsonl');
    await writeFile(file, '{"log":"access_log"}\n');
    const run = await auditVerify('--heads', file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 1 of the heads file is not a head printed by');
  });
});
