import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AccessGround, accessEntities, appendAccessLogRows, verifyAccessLog } from '@relais/access';
import { auditChainKeyFrom, DomainErrorCode } from '@relais/core';
import { buildDataSourceOptions } from '@relais/database';
import { identityEntities, type MembershipEntity, Role } from '@relais/identity';
import {
  organizationEntities,
  type StructureEntity,
  type TerritoryEntity,
} from '@relais/organizations';
import { pathwayEntities, type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  backdateAccessLog,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
} from '@relais/testing';
import { NotConcernedReason } from './lifecycle.enums.js';
import { NOT_CONCERNED_ACTION, NotConcernedService } from './not-concerned.service.js';
import { RetentionService } from './retention.service.js';

const url = (): string => process.env.DATABASE_URL as string;

/** A caseworker with one membership, as the services receive them. */
interface Caseworker {
  readonly accountId: string;
  readonly membership: MembershipEntity;
}

describe('retention', () => {
  let dataSource: DataSource;
  let pool: pg.Pool;
  let retention: RetentionService;
  let notConcerned: NotConcernedService;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let referent: Caseworker;
  let follower: Caseworker;
  let manager: Caseworker;

  const caseworker = async (role: Role): Promise<Caseworker> => {
    const account = await createAccount(dataSource);
    const membership = await addMembership(dataSource, account, {
      role: role as Role.PROFESSIONAL,
      structure,
    });
    return { accountId: account.id, membership };
  };

  const principalOf = (who: Caseworker) => ({
    kind: 'account' as const,
    accountId: who.accountId,
    sessionId: randomUUID(),
    memberships: [
      {
        id: who.membership.id,
        role: who.membership.role,
        structureId: who.membership.structureId,
        territoryId: who.membership.territoryId,
      },
    ],
  });

  /** A file with a referent and a follower, its last activity `monthsAgo` months ago. */
  const fileInactiveFor = async (monthsAgo: number): Promise<PersonEntity> => {
    const person = await createPerson(dataSource, territory);
    await addTeamMember(
      dataSource,
      person,
      { id: referent.accountId },
      referent.membership,
      TeamRole.REFERENT,
    );
    await addTeamMember(dataSource, person, { id: follower.accountId }, follower.membership);
    await pool.query(
      `UPDATE person SET last_activity_at = now() - make_interval(months => $2) WHERE id = $1`,
      [person.id, monthsAgo],
    );
    return person;
  };

  const archivedFor = async (monthsAgo: number): Promise<PersonEntity> => {
    const person = await fileInactiveFor(monthsAgo + 24);
    await pool.query(
      `UPDATE person SET status = 'ARCHIVED',
         archived_at = now() - make_interval(months => $2) WHERE id = $1`,
      [person.id, monthsAgo],
    );
    return person;
  };

  /** An event about the person, dispatched to the referent's inbox and a partner's webhook. */
  const notifyAbout = async (person: PersonEntity): Promise<string> => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO outbox_event (type, territory_id, person_id, payload, position)
       VALUES ('handover.proposed', $1, $2, jsonb_build_object('personId', $3::text),
         (SELECT coalesce(max(position), 0) + 1 FROM outbox_event))
       RETURNING id`,
      [territory.id, person.id, person.id],
    );
    const eventId = rows[0].id;
    await pool.query(
      `INSERT INTO notification (account_id, event_id, type, person_id, payload)
       VALUES ($1, $2, 'handover.proposed', $3, '{}')`,
      [referent.accountId, eventId, person.id],
    );
    await pool.query(
      `INSERT INTO webhook_delivery (client_id, event_id, status) VALUES ($1, $2, 'PENDING')`,
      [randomUUID(), eventId],
    );
    await pool.query(
      `INSERT INTO idempotency_key (principal_key, key, request_hash, response)
       VALUES ($1, $2, $3, jsonb_build_object('body', jsonb_build_object('id', $4::text)))`,
      [`account:${referent.accountId}`, randomUUID(), '0'.repeat(64), person.id],
    );
    return eventId;
  };

  const countWhere = async (sql: string, params: unknown[]): Promise<number> => {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, params);
    return rows[0].n;
  };

  /** Logs a read as the app does (numbered, stamped and chained with the key); its id. */
  const logRead = async (
    territoryId: string,
    personId: string = randomUUID(),
    accountId: string | null = randomUUID(),
    membershipId: string | null = randomUUID(),
  ): Promise<string> => {
    const [id] = await dataSource.transaction((manager) =>
      appendAccessLogRows(manager, auditChainKeyFrom(process.env), [
        {
          territoryId,
          personId,
          accountId,
          membershipId,
          clientId: null,
          ground: AccessGround.TEAM_MEMBER,
        },
      ]),
    );
    return id;
  };

  /** Reads logged as the app logs them, then `monthsAgo` old. */
  const oldReads = async (
    territoryId: string,
    count: number,
    monthsAgo: number,
  ): Promise<string[]> => {
    const ids: string[] = [];
    for (let index = 0; index < count; index += 1) ids.push(await logRead(territoryId));
    if (monthsAgo > 0) {
      const at = new Date();
      at.setMonth(at.getMonth() - monthsAgo);
      await backdateAccessLog(url(), ids, at);
    }
    return ids;
  };

  beforeAll(async () => {
    dataSource = await new DataSource(
      await buildDataSourceOptions({
        url: url(),
        poolSize: 4,
        entities: [
          ...organizationEntities,
          ...identityEntities,
          ...accessEntities,
          ...pathwayEntities,
        ],
      }),
    ).initialize();
    pool = new pg.Pool({ connectionString: url(), max: 3 });
    retention = RetentionService.on(dataSource);
    notConcerned = NotConcernedService.on(dataSource);
    territory = await createTerritory(dataSource);
    structure = await createStructure(dataSource, territory);
    referent = await caseworker(Role.PROFESSIONAL);
    follower = await caseworker(Role.PROFESSIONAL);
    manager = await caseworker(Role.ORIENTATION_MANAGER);
  });

  afterAll(async () => {
    await pool.end();
    await dataSource.destroy();
  });

  it('archives files without activity for 24 months, closing what was open on them, after a dry run that changes nothing', async () => {
    const idle = await fileInactiveFor(25);
    const recent = await fileInactiveFor(23);
    const asker = await caseworker(Role.PROFESSIONAL);
    await pool.query(
      `INSERT INTO join_request (person_id, account_id, membership_id, structure_id, reason)
       VALUES ($1, $2, $3, $4, 'Je la suis aussi')`,
      [idle.id, asker.accountId, asker.membership.id, structure.id],
    );
    await pool.query(
      `INSERT INTO orientation_request (person_id, territory_id, requested_by_account_id,
         requested_by_membership_id, orientation_type, reason)
       VALUES ($1, $2, $3, $4, 'SOCIAL', 'Réorientation')`,
      [idle.id, territory.id, referent.accountId, referent.membership.id],
    );
    const other = await createStructure(dataSource, territory);
    await pool.query(
      `INSERT INTO handover (person_id, territory_id, proposed_by_account_id,
         proposed_by_membership_id, to_structure_id, reason, person_informed, status, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'Déménagement', true, 'PROPOSED', now() + interval '15 days')`,
      [idle.id, territory.id, referent.accountId, referent.membership.id, other.id],
    );

    const dry = await retention.run({ dryRun: true });
    expect(dry).toMatchObject({
      dryRun: true,
      archived: { files: 1, handovers: 1, joinRequests: 1, orientationRequests: 1 },
    });
    expect(await countWhere(`FROM person WHERE id = $1 AND status = 'ACTIVE'`, [idle.id])).toBe(1);

    const report = await retention.run();
    expect(report).toMatchObject({
      dryRun: false,
      archived: { files: 1, handovers: 1, joinRequests: 1, orientationRequests: 1 },
    });
    const { rows } = await pool.query<{ id: string; status: string; archived: boolean }>(
      `SELECT id, status, archived_at > now() - interval '1 minute' AS archived
         FROM person WHERE id = ANY($1)`,
      [[idle.id, recent.id]],
    );
    expect(new Map(rows.map((row) => [row.id, row.status]))).toEqual(
      new Map([
        [idle.id, 'ARCHIVED'],
        [recent.id, 'ACTIVE'],
      ]),
    );
    expect(rows.find((row) => row.id === idle.id)?.archived).toBe(true);
    expect(
      await countWhere(`FROM timeline_event WHERE person_id = $1 AND type = 'person.archived'`, [
        idle.id,
      ]),
    ).toBe(1);
    expect(
      await countWhere(
        `FROM join_request WHERE person_id = $1 AND status = 'CANCELLED' AND decision_reason IS NOT NULL`,
        [idle.id],
      ),
    ).toBe(1);
    expect(
      await countWhere(`FROM orientation_request WHERE person_id = $1 AND status = 'DENIED'`, [
        idle.id,
      ]),
    ).toBe(1);
    expect(
      await countWhere(`FROM handover WHERE person_id = $1 AND status = 'EXPIRED'`, [idle.id]),
    ).toBe(1);
    // The team hears of it.
    const { rows: events } = await pool.query<{ recipients: string[] }>(
      `SELECT recipient_account_ids::text[] AS recipients FROM outbox_event
        WHERE person_id = $1 AND type = 'person.archived'`,
      [idle.id],
    );
    expect(events).toHaveLength(1);
    expect([...events[0].recipients].sort()).toEqual(
      [referent.accountId, follower.accountId].sort(),
    );

    expect((await retention.run())?.archived.files).toBe(0);
  });

  it('purges files archived 24 months ago with everything that hangs on them, keeping their access-log rows', async () => {
    const old = await archivedFor(25);
    const young = await archivedFor(23);
    await notifyAbout(old);
    await notifyAbout(young);
    await pool.query(
      `INSERT INTO note (person_id, author_account_id, author_structure_id, body, visibility)
       VALUES ($1, $2, $3, 'Entretien', 'TEAM')`,
      [old.id, referent.accountId, structure.id],
    );
    const logged = await logRead(territory.id, old.id, referent.accountId, referent.membership.id);

    const dry = await retention.run({ dryRun: true });
    expect(dry?.purged).toEqual({
      files: 1,
      notifications: 1,
      events: 1,
      webhookDeliveries: 1,
      idempotencyRecords: 1,
    });
    expect(await countWhere(`FROM person WHERE id = $1`, [old.id])).toBe(1);

    const report = await retention.run();
    expect(report?.purged).toEqual(dry?.purged);
    expect(await countWhere(`FROM person WHERE id = $1`, [old.id])).toBe(0);
    for (const table of ['team_member', 'note', 'timeline_event', 'outbox_event', 'notification']) {
      expect(await countWhere(`FROM ${table} WHERE person_id = $1`, [old.id])).toBe(0);
    }
    expect(
      await countWhere(`FROM idempotency_key WHERE response::text LIKE $1`, [`%${old.id}%`]),
    ).toBe(0);
    // What the young archive holds stays until its time comes.
    expect(await countWhere(`FROM notification WHERE person_id = $1`, [young.id])).toBe(1);
    expect(await countWhere(`FROM person WHERE id = $1`, [young.id])).toBe(1);
    // The log keeps the read, under an id that now names nobody.
    expect(await countWhere(`FROM access_log WHERE id = $1`, [logged])).toBe(1);
  });

  it('purges access-log rows older than 12 months, keeps each latest row, and the chains still verify', async () => {
    const busy = randomUUID();
    const quiet = randomUUID();
    const busyOld = await oldReads(busy, 4, 13);
    const busyNew = await oldReads(busy, 2, 0);
    const quietOld = await oldReads(quiet, 3, 14);

    const dry = await retention.run({ dryRun: true });
    expect(dry?.accessLog).toEqual({ rows: 4 + 2, territories: 2 });
    expect(await countWhere(`FROM access_log WHERE id = ANY($1::bigint[])`, [busyOld])).toBe(4);

    const report = await retention.run();
    expect(report?.accessLog).toEqual({ rows: 6, territories: 2 });
    const left = async (territoryId: string) =>
      (
        await pool.query<{ id: string }>(
          `SELECT id::text AS id FROM access_log WHERE territory_id = $1 ORDER BY access_log.id`,
          [territoryId],
        )
      ).rows.map((row) => row.id);
    expect(await left(busy)).toEqual(busyNew);
    // All of quiet's rows are old: its latest one, the head, stays.
    expect(await left(quiet)).toEqual([quietOld[2]]);
    const { rows: anchors } = await pool.query<{ territory_id: string; last: string }>(
      `SELECT territory_id, last_purged_id::text AS last FROM access_log_anchor
        WHERE territory_id = ANY($1::uuid[])`,
      [[busy, quiet]],
    );
    expect(new Map(anchors.map((anchor) => [anchor.territory_id, anchor.last]))).toEqual(
      new Map([
        [busy, busyOld[3]],
        [quiet, quietOld[1]],
      ]),
    );
    const verified = await verifyAccessLog(dataSource);
    expect(verified.firstBreak).toBeNull();
    expect(verified.territories.find((chain) => chain.territoryId === busy)?.rowsChecked).toBe(2);

    // The chain grows on from its purged past, and a second run finds nothing more to purge.
    await oldReads(busy, 1, 0);
    expect((await retention.run())?.accessLog).toEqual({ rows: 0, territories: 0 });
    expect((await verifyAccessLog(dataSource)).firstBreak).toBeNull();
  });

  it('lets nothing delete the access log outside the purge, nor the purge touch a row younger than 12 months', async () => {
    const territoryId = randomUUID();
    const [oldest, older, young] = [
      ...(await oldReads(territoryId, 2, 13)),
      ...(await oldReads(territoryId, 1, 0)),
    ];
    await expect(pool.query(`DELETE FROM access_log WHERE id = $1`, [oldest])).rejects.toThrow(
      'access_log is append-only',
    );
    const asPurge = async (sql: string, params: unknown[]): Promise<void> => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL relais.access_log_purge = 'on'`);
        await client.query(sql, params);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    };
    // The setting alone does not do: a row the anchor does not cover is refused...
    await expect(asPurge(`DELETE FROM access_log WHERE id = $1`, [oldest])).rejects.toThrow(
      'access_log is append-only',
    );
    // ...and an anchor names only a row older than 12 months, with its hash.
    await expect(
      asPurge(
        `INSERT INTO access_log_anchor SELECT territory_id, id, hash, 1, now()
           FROM access_log WHERE id = $1`,
        [young],
      ),
    ).rejects.toThrow('older than 12 months');
    await expect(
      asPurge(
        `INSERT INTO access_log_anchor SELECT territory_id, id, '\\x00', 1, now()
           FROM access_log WHERE id = $1`,
        [older],
      ),
    ).rejects.toThrow('with its hash');
    await expect(
      pool.query(`SELECT * FROM access_log_purge(now() - interval '6 months', false)`),
    ).rejects.toThrow('the access log is kept 12 months');

    await retention.run();
    await expect(
      pool.query(`DELETE FROM access_log_anchor WHERE territory_id = $1`, [territoryId]),
    ).rejects.toThrow('moves only with the access log purge');
    await expect(
      asPurge(`UPDATE access_log_anchor SET last_purged_id = 1 WHERE territory_id = $1`, [
        territoryId,
      ]),
    ).rejects.toThrow('only moves forward');
    await expect(asPurge(`DELETE FROM access_log WHERE id = $1`, [young])).rejects.toThrow(
      'access_log is append-only',
    );
    expect(await countWhere(`FROM access_log WHERE territory_id = $1`, [territoryId])).toBe(1);
  });

  it('runs once at a time: a run that finds the lock taken returns null', async () => {
    const holder = await pool.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('relais.retention'))`);
      expect(await retention.run()).toBeNull();
      // A dry run changes nothing: it needs no lock.
      expect(await retention.run({ dryRun: true })).not.toBeNull();
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(hashtext('relais.retention'))`);
      holder.release();
    }
  });

  describe('a person not concerned', () => {
    it('is purged at once by the referent, and the admin audit records who and why by id only', async () => {
      const person = await fileInactiveFor(0);
      await notifyAbout(person);

      const purged = await notConcerned.purge(
        principalOf(referent),
        person.id,
        NotConcernedReason.NOT_IN_SCOPE,
      );

      expect(purged).toMatchObject({ personId: person.id, reason: 'NOT_IN_SCOPE' });
      expect(await countWhere(`FROM person WHERE id = $1`, [person.id])).toBe(0);
      expect(await countWhere(`FROM notification WHERE person_id = $1`, [person.id])).toBe(0);
      const { rows } = await pool.query<Record<string, unknown>>(
        `SELECT actor_account_id, actor_membership_id, subject_type, territory_id, after
           FROM admin_audit_event WHERE action = $1 AND subject_id = $2`,
        [NOT_CONCERNED_ACTION, person.id],
      );
      expect(rows).toEqual([
        {
          actor_account_id: referent.accountId,
          actor_membership_id: referent.membership.id,
          subject_type: 'Person',
          territory_id: territory.id,
          after: { reason: 'NOT_IN_SCOPE', ground: 'REFERENT' },
        },
      ]);
      expect(JSON.stringify(rows)).not.toContain(person.familyName);
    });

    it('takes the kept idempotent responses showing the person wherever the id is, and only those', async () => {
      const person = await fileInactiveFor(0);
      const other = await fileInactiveFor(0);
      const keep = async (response: unknown): Promise<string> => {
        const key = randomUUID();
        await pool.query(
          `INSERT INTO idempotency_key (principal_key, key, request_hash, response)
           VALUES ($1, $2, $3, $4)`,
          [`account:${referent.accountId}`, key, '0'.repeat(64), JSON.stringify(response)],
        );
        return key;
      };
      const showing = [
        await keep({ status: 200, body: { data: { createNote: { person: { id: person.id } } } } }),
        await keep({
          status: 200,
          body: { data: { list: [{ id: other.id }, { id: person.id }] } },
        }),
        await keep({ status: null, body: { data: { ids: [[person.id]] } } }),
      ];
      const notShowing = [
        await keep({ status: 200, body: { data: { createNote: { person: { id: other.id } } } } }),
        await keep({ status: 200, body: { data: { name: person.familyName, n: 1 } } }),
      ];

      await notConcerned.purge(principalOf(referent), person.id, NotConcernedReason.DUPLICATE);

      const left = async (keys: string[]) =>
        countWhere(`FROM idempotency_key WHERE key = ANY($1::text[])`, [keys]);
      expect(await left(showing)).toBe(0);
      expect(await left(notShowing)).toBe(2);
    });

    it('is purged by an orientation manager of the territory, refused to a follower and to others', async () => {
      const person = await fileInactiveFor(0);
      await expect(
        notConcerned.purge(principalOf(follower), person.id, NotConcernedReason.DUPLICATE),
      ).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
      const stranger = await caseworker(Role.PROFESSIONAL);
      await expect(
        notConcerned.purge(principalOf(stranger), person.id, NotConcernedReason.DUPLICATE),
      ).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
      expect(await countWhere(`FROM person WHERE id = $1`, [person.id])).toBe(1);

      await notConcerned.purge(principalOf(manager), person.id, NotConcernedReason.DUPLICATE);
      expect(await countWhere(`FROM person WHERE id = $1`, [person.id])).toBe(0);
      // An id that names nobody is refused like any file one may not touch.
      await expect(
        notConcerned.purge(principalOf(manager), person.id, NotConcernedReason.DUPLICATE),
      ).rejects.toMatchObject({ code: DomainErrorCode.Forbidden });
    });
  });
});
