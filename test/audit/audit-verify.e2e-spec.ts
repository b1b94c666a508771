import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const TOOL = fileURLToPath(
  new URL('../../dist/apps/api/src/tools/audit-verify.js', import.meta.url),
);

/** Runs `npm run audit:verify`'s tool from the build, on the worker's database. */
function auditVerify(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TOOL], {
      // The worker's DATABASE_URL (set by the harness), never the embedded database of .data/.
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
  const ids: string[] = [];
  const adminIds: string[] = [];

  const recordAdminChange = async (): Promise<string> => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO admin_audit_event (actor_account_id, actor_membership_id, action, subject_type,
         subject_id, after)
       VALUES ($1, $2, 'membership.revoke', 'Membership', $3, '{"revoked": true}')
       RETURNING id`,
      [randomUUID(), randomUUID(), randomUUID()],
    );
    return rows[0].id;
  };

  const logRead = async (territoryId: string): Promise<string> => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO access_log (territory_id, person_id, account_id, membership_id, ground)
       VALUES ($1, $2, $3, $4, 'TEAM_MEMBER') RETURNING id::text AS id`,
      [territoryId, randomUUID(), randomUUID(), randomUUID()],
    );
    return rows[0].id;
  };

  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO territory (code, name) VALUES ('44', 'Loire-Atlantique') RETURNING id`,
    );
    const loireAtlantique = rows[0].id;
    for (let index = 0; index < 5; index += 1) ids.push(await logRead(loireAtlantique));
    await logRead(randomUUID());
    for (let index = 0; index < 3; index += 1) adminIds.push(await recordAdminChange());
  });

  afterAll(async () => {
    await client.end();
  });

  it('prints one line per territory and exits 0 when every chain holds', async () => {
    const run = await auditVerify();

    expect(run).toMatchObject({ code: 0, stderr: '' });
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
});
