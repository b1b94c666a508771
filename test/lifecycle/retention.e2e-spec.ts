import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Role } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import { TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  backdateAccessLog,
  createStructure,
  createTerritory,
  type TestApp,
} from '@relais/testing';
import {
  askToJoin,
  type Caseworker,
  caseworkerOf,
  eventually,
  INBOX,
  type Inbox,
} from '../notifications/notification-support.js';
import { startRelais } from '../support/app.js';

const tool = (name: string): string =>
  fileURLToPath(new URL(`../../dist/apps/api/src/tools/${name}.js`, import.meta.url));

/** Runs a tool of the build (`npm run retention`, `npm run audit:verify`) on the worker's database. */
function runTool(
  name: string,
  args: readonly string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The worker's DATABASE_URL (set by the harness), never the embedded database of .data/.
    const child = spawn(process.execPath, [tool(name), ...args], {
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

const CREATE = `mutation($input: CreatePersonInput!) {
  createPerson(input: $input) { summary { id } person { id version } }
}`;
const OPEN = `query($id: ID!) { person(id: $id) { id status version access { canWrite } } }`;
const UPDATE_PROJECT = `mutation($input: UpdateProfessionalProjectInput!) {
  updateProfessionalProject(input: $input) { id version }
}`;
const CASELOAD = `query { caseload(first: 50) { edges { node { person { id } } } } }`;
const SEARCH = `query($q: String!) { searchPeople(query: $q, first: 20) { edges { node { id } } } }`;
const PURGE = `mutation($input: PurgePersonNotConcernedInput!) {
  purgePersonNotConcerned(input: $input) { personId reason purgedAt }
}`;

interface OpenedFile {
  person: { id: string; status: string; version: number; access: { canWrite: boolean } } | null;
}

describe('retention: npm run retention and the not-concerned purge, through the API', () => {
  let relais: TestApp;
  let db: pg.Client;
  let territory: TerritoryEntity;
  let social: StructureEntity;
  let employment: StructureEntity;
  let referent: Caseworker;
  let follower: Caseworker;
  let manager: Caseworker;
  let asker: Caseworker;
  /** No activity for 25 months: to be archived. */
  let idleId: string;
  /** Archived 25 months ago: to be purged. */
  let oldId: string;
  /** Worked on today: untouched. */
  let activeId: string;
  /** The access-log rows made 13 months old: to be purged. */
  let oldReads: string[];

  const createFile = async (familyName: string): Promise<string> => {
    const data = await referent.client.data<{ createPerson: { summary: { id: string } } }>(CREATE, {
      input: {
        territoryId: territory.id,
        givenName: 'Maëlle',
        familyName,
        birthDate: '1987-06-21',
      },
    });
    const id = data.createPerson.summary.id;
    await addTeamMember(
      relais.dataSource,
      { id },
      follower.account,
      follower.membership,
      TeamRole.FOLLOWER,
    );
    return id;
  };

  const inboxOf = (who: Caseworker) => who.client.data<Inbox>(INBOX, { first: 50 });
  const idsIn = (edges: { node: { person: { id: string } } | { id: string } }[]) =>
    edges.map((edge) => ('person' in edge.node ? edge.node.person.id : edge.node.id));

  beforeAll(async () => {
    relais = await startRelais();
    db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    territory = await createTerritory(relais.dataSource, { code: '85', name: 'Vendée' });
    social = await createStructure(relais.dataSource, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    employment = await createStructure(relais.dataSource, territory, {
      type: StructureType.MISSION_LOCALE,
    });
    referent = await caseworkerOf(relais, social);
    follower = await caseworkerOf(relais, employment);
    manager = await caseworkerOf(relais, social, Role.ORIENTATION_MANAGER);
    asker = await caseworkerOf(relais, employment);

    oldId = await createFile('Archivée-Ancienne');
    idleId = await createFile('Inactive-Longtemps');
    activeId = await createFile('Suivie-Aujourdhui');

    // Reads of the old file, the territory's first access-log rows, made 13 months old.
    for (let index = 0; index < 3; index += 1) {
      await referent.client.data(OPEN, { id: oldId });
    }
    const { rows } = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM access_log WHERE territory_id = $1 ORDER BY access_log.id`,
      [territory.id],
    );
    oldReads = rows.map((row) => row.id);
    expect(oldReads).toHaveLength(3);
    const thirteenMonthsAgo = new Date();
    thirteenMonthsAgo.setMonth(thirteenMonthsAgo.getMonth() - 13);
    await backdateAccessLog(process.env.DATABASE_URL as string, oldReads, thirteenMonthsAgo);
    await referent.client.data(OPEN, { id: activeId });

    // The referent's inbox hears of the old file: someone asks to join its team.
    await askToJoin(asker.client, oldId);
    await eventually(
      () => inboxOf(referent),
      (inbox) => inbox.notifications.edges.some((edge) => edge.node.person?.id === oldId),
    );

    await db.query(
      `UPDATE person SET last_activity_at = now() - interval '25 months' WHERE id = $1`,
      [idleId],
    );
    await db.query(
      `UPDATE person SET status = 'ARCHIVED', last_activity_at = now() - interval '49 months',
         archived_at = now() - interval '25 months' WHERE id = $1`,
      [oldId],
    );
  });

  afterAll(async () => {
    await db.end();
    await relais.close();
  });

  it('counts in a dry run, and changes nothing', async () => {
    const run = await runTool('retention', ['--dry-run']);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('relais: retention, dry run: nothing was changed');
    expect(run.stdout).toContain(
      'relais: would archive 1 file without activity for 24 months (open requests closed: 0 handovers, 0 join requests, 0 orientation requests)',
    );
    expect(run.stdout).toContain(
      'relais: would purge 1 file archived for 24 months (with 1 notification, 1 event, 0 webhook deliveries, 0 idempotency records)',
    );
    expect(run.stdout).toContain(
      'relais: would purge 3 access-log rows older than 12 months (1 territory)',
    );

    const idle = await referent.client.data<OpenedFile>(OPEN, { id: idleId });
    expect(idle.person).toMatchObject({ status: 'ACTIVE', access: { canWrite: true } });
    const old = await db.query(`SELECT status FROM person WHERE id = $1`, [oldId]);
    expect(old.rows).toEqual([{ status: 'ARCHIVED' }]);
    const inbox = await inboxOf(referent);
    expect(inbox.notifications.edges.map((edge) => edge.node.person?.id)).toContain(oldId);
    const reads = await db.query(`SELECT 1 FROM access_log WHERE id = ANY($1::bigint[])`, [
      oldReads,
    ]);
    expect(reads.rowCount).toBe(3);
  });

  it('archives, purges and cuts the access log, and the API shows it', async () => {
    const unreadBefore = (await inboxOf(referent)).unreadNotificationCount;
    const run = await runTool('retention');

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(
      'relais: archived 1 file without activity for 24 months (open requests closed: 0 handovers, 0 join requests, 0 orientation requests)',
    );
    expect(run.stdout).toContain(
      'relais: purged 1 file archived for 24 months (with 1 notification, 1 event, 0 webhook deliveries, 0 idempotency records)',
    );
    expect(run.stdout).toContain(
      'relais: purged 3 access-log rows older than 12 months (1 territory)',
    );

    // The archived file: read-only...
    const idle = await referent.client.data<OpenedFile>(OPEN, { id: idleId });
    expect(idle.person).toMatchObject({ status: 'ARCHIVED', access: { canWrite: false } });
    const change = await referent.client.execute(UPDATE_PROJECT, {
      input: { personId: idleId, version: idle.person?.version, targetJob: 'Aide-soignante' },
    });
    expect(change.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(change.errors?.[0]?.message).toContain('read-only');
    // ...and out of the lists.
    const caseload = await referent.client.data<{
      caseload: { edges: { node: { person: { id: string } } }[] };
    }>(CASELOAD);
    expect(idsIn(caseload.caseload.edges)).toEqual(expect.arrayContaining([activeId]));
    expect(idsIn(caseload.caseload.edges)).not.toContain(idleId);
    const found = await follower.client.data<{
      searchPeople: { edges: { node: { id: string } }[] };
    }>(SEARCH, { q: 'Inactive-Longtemps' });
    expect(idsIn(found.searchPeople.edges)).toEqual([]);
    const stillFound = await follower.client.data<{
      searchPeople: { edges: { node: { id: string } }[] };
    }>(SEARCH, { q: 'Suivie-Aujourdhui' });
    expect(idsIn(stillFound.searchPeople.edges)).toEqual([activeId]);

    // The purged file: gone, as any id that names nobody (FORBIDDEN, decision 0007), with the
    // notifications about it.
    const old = await referent.client.execute(OPEN, { id: oldId });
    expect(old.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await db.query(`SELECT 1 FROM person WHERE id = $1`, [oldId])).toMatchObject({
      rowCount: 0,
    });
    // The team hears that the idle file was archived; the join request about the purged one
    // left the inbox with it.
    const inbox = await eventually(
      () => inboxOf(referent),
      (found) =>
        found.notifications.edges.some(
          (edge) => edge.node.type === 'person.archived' && edge.node.person?.id === idleId,
        ),
    );
    expect(inbox.notifications.edges.map((edge) => edge.node.person?.id)).not.toContain(oldId);
    expect(inbox.unreadNotificationCount).toBe(unreadBefore);

    // The access log: old rows gone, the chain still verifies from its anchor.
    const reads = await db.query(`SELECT 1 FROM access_log WHERE id = ANY($1::bigint[])`, [
      oldReads,
    ]);
    expect(reads.rowCount).toBe(0);
    const verify = await runTool('audit-verify');
    expect(verify).toMatchObject({ code: 0, stderr: '' });
    expect(verify.stdout).toMatch(/access log, territory 85: \d+ rows? checked, OK/);

    // Nothing more to do on a second run.
    const again = await runTool('retention');
    expect(again.stdout).toContain('relais: archived 0 files');
    expect(again.stdout).toContain('relais: purged 0 files');
    expect(again.stdout).toContain('relais: purged 0 access-log rows');
  });

  it('lets nobody delete access-log rows outside the retention purge', async () => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id::text AS id FROM access_log WHERE territory_id = $1 ORDER BY access_log.id LIMIT 1`,
      [territory.id],
    );
    await expect(db.query(`DELETE FROM access_log WHERE id = $1`, [rows[0].id])).rejects.toThrow(
      'access_log is append-only',
    );
    // Even as the purge marks its transaction: a row younger than 12 months stays.
    await db.query('BEGIN');
    try {
      await db.query(`SET LOCAL relais.access_log_purge = 'on'`);
      await expect(
        db.query(`DELETE FROM access_log WHERE territory_id = $1`, [territory.id]),
      ).rejects.toThrow('access_log is append-only');
    } finally {
      await db.query('ROLLBACK');
    }
    await expect(
      db.query(`DELETE FROM access_log_anchor WHERE territory_id = $1`, [territory.id]),
    ).rejects.toThrow('access_log_anchor moves only with the access log purge');
    const verify = await runTool('audit-verify');
    expect(verify.code).toBe(0);
  });

  it('purges at once a person not concerned: for the referent or an orientation manager, FORBIDDEN to a follower', async () => {
    const first = await createFile('Pas-Concernée');
    const refused = await follower.client.execute(PURGE, {
      input: { personId: first, reason: 'NOT_IN_SCOPE' },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await referent.client.data<OpenedFile>(OPEN, { id: first })).person?.id).toBe(first);

    const purged = await referent.client.data<{
      purgePersonNotConcerned: { personId: string; reason: string };
    }>(PURGE, { input: { personId: first, reason: 'NOT_IN_SCOPE' } });
    expect(purged.purgePersonNotConcerned).toMatchObject({
      personId: first,
      reason: 'NOT_IN_SCOPE',
    });
    const gone = await referent.client.execute(OPEN, { id: first });
    expect(gone.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const second = await createFile('Doublon-Du-Territoire');
    await manager.client.data(PURGE, { input: { personId: second, reason: 'DUPLICATE' } });
    expect(await db.query(`SELECT 1 FROM person WHERE id = $1`, [second])).toMatchObject({
      rowCount: 0,
    });

    // Who and why, by the person's id alone, in the chained admin audit.
    const { rows } = await db.query<{ subject_id: string; actor: string; after: unknown }>(
      `SELECT subject_id, actor_account_id AS actor, after FROM admin_audit_event
        WHERE action = 'person.purge_not_concerned' ORDER BY seq`,
    );
    expect(rows).toEqual([
      {
        subject_id: first,
        actor: referent.account.id,
        after: { reason: 'NOT_IN_SCOPE', ground: 'REFERENT' },
      },
      {
        subject_id: second,
        actor: manager.account.id,
        after: { reason: 'DUPLICATE', ground: 'ORIENTATION_MANAGER' },
      },
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Pas-Concern|Doublon|Maëlle/);
    expect((await runTool('audit-verify')).code).toBe(0);

    const invalid = await referent.client.execute(PURGE, {
      input: { personId: activeId, reason: 'BECAUSE' },
    });
    expect(invalid.errors?.[0]).toBeDefined();
    expect((await referent.client.data<OpenedFile>(OPEN, { id: activeId })).person?.id).toBe(
      activeId,
    );
  });
});
