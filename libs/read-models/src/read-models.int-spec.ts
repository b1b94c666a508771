import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { viewerScope } from '@relais/access';
import type { Page } from '@relais/core';
import { buildDataSourceOptions } from '@relais/database';
import { eventEntities, OutboxRepository, writeOutbox } from '@relais/events';
import {
  HANDOVER_EXPIRY_DAYS,
  HandoverDirection,
  handoverEntities,
  HandoverRepository,
  HandoverStatus,
} from '@relais/handovers';
import {
  type AccountEntity,
  type AccountPrincipal,
  type ClientPrincipal,
  identityEntities,
  type MembershipEntity,
  Role,
} from '@relais/identity';
import { NotificationRepository, notificationEntities } from '@relais/notifications';
import {
  organizationEntities,
  type StructureEntity,
  type TerritoryEntity,
} from '@relais/organizations';
import {
  pathwayEntities,
  type PersonEntity,
  PersonStatus,
  TeamLeaveReason,
  TeamRole,
} from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  countStatements,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
} from '@relais/testing';
import { CaseloadReadModel } from './caseload.read-model.js';
import { HandoverListReadModel } from './handover-list.read-model.js';
import { InboxReadModel } from './inbox.read-model.js';
import { PartnerFeedReadModel } from './partner-feed.read-model.js';
import { SearchReadModel } from './search.read-model.js';

/** A caseworker: their account, their one membership, and the principal a request would carry. */
interface Caseworker {
  readonly account: AccountEntity;
  readonly membership: MembershipEntity;
  readonly principal: AccountPrincipal;
}

/** Letters only, so that a name holds it as one word of the search text. */
const word = (): string =>
  randomUUID()
    .replace(/[^a-f]/g, '')
    .slice(0, 8)
    .padEnd(8, 'q');

/**
 * The read models of the caseload, search, inbox, handover and partner-feed screens against
 * PostgreSQL, without HTTP: each shows what its screen shows for the scope it is given, nothing
 * outside it, pages without gaps or repeats, in one SQL statement per page.
 */
describe('read models', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(
      await buildDataSourceOptions({
        url: process.env.DATABASE_URL as string,
        poolSize: 4,
        entities: [
          ...organizationEntities,
          ...identityEntities,
          ...pathwayEntities,
          ...handoverEntities,
          ...eventEntities,
          ...notificationEntities,
        ],
      }),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function caseworker(
    role: Role.PROFESSIONAL | Role.ORIENTATION_MANAGER | Role.STRUCTURE_ADMIN,
    structure: StructureEntity,
  ): Promise<Caseworker> {
    const account = await createAccount(dataSource);
    const membership = await addMembership(dataSource, account, { role, structure });
    return {
      account,
      membership,
      principal: {
        kind: 'account',
        accountId: account.id,
        sessionId: randomUUID(),
        memberships: [
          {
            id: membership.id,
            role: membership.role,
            structureId: membership.structureId,
            territoryId: membership.territoryId,
          },
        ],
      },
    };
  }

  function partner(
    territory: TerritoryEntity,
    scopes: readonly string[],
    structure: StructureEntity | null = null,
  ): ClientPrincipal {
    return {
      kind: 'client',
      clientId: randomUUID(),
      territoryId: territory.id,
      structureId: structure?.id ?? null,
      scopes,
      memberships: [],
    };
  }

  /** Every page of a list, `first` at a time, and the statements each page took. */
  async function allPages<T extends { cursor: string }>(
    read: (after: string | null) => Promise<Page<T>>,
  ): Promise<{ nodes: T[]; pages: number; statements: number[] }> {
    const nodes: T[] = [];
    const statements: number[] = [];
    let after: string | null = null;
    for (;;) {
      let page: Page<T> | undefined;
      statements.push(
        await countStatements(dataSource, async () => {
          page = await read(after);
        }),
      );
      const { nodes: found, hasNextPage, endCursor } = page as Page<T>;
      nodes.push(...found);
      if (found.length > 0) expect(endCursor).toBe(found[found.length - 1].cursor);
      if (!hasNextPage) return { nodes, pages: statements.length, statements };
      after = endCursor;
    }
  }

  /** Two territories: two structures in the first, one in the second. */
  async function territories() {
    const t1 = await createTerritory(dataSource);
    const t2 = await createTerritory(dataSource);
    const [s1, s2, s3] = [
      await createStructure(dataSource, t1),
      await createStructure(dataSource, t1),
      await createStructure(dataSource, t2),
    ];
    return { t1, t2, s1, s2, s3 };
  }

  describe('CaseloadReadModel', () => {
    it("pages through the caller's active files only, most recent activity first, one statement a page", async () => {
      const { t1, t2, s1, s2, s3 } = await territories();
      const alice = await caseworker(Role.PROFESSIONAL, s1);
      const bob = await caseworker(Role.PROFESSIONAL, s2);
      const carol = await caseworker(Role.PROFESSIONAL, s3);
      const mine: PersonEntity[] = [];
      for (let i = 0; i < 5; i += 1) {
        const person = await createPerson(dataSource, t1);
        await addTeamMember(
          dataSource,
          person,
          alice.account,
          alice.membership,
          i % 2 ? TeamRole.FOLLOWER : TeamRole.REFERENT,
        );
        mine.push(person);
      }
      // Three share one instant: the cursor must tell them apart by id.
      const tie = new Date(Date.now() - 3_600_000);
      await dataSource.query(`UPDATE person SET last_activity_at = $2 WHERE id = ANY($1::uuid[])`, [
        mine.slice(1, 4).map((p) => p.id),
        tie,
      ]);
      // Out of alice's caseload: an archived file, a file she left, bob's file, another territory's.
      const archived = await createPerson(dataSource, t1, {
        status: PersonStatus.ARCHIVED,
        archivedAt: new Date(),
      });
      await addTeamMember(dataSource, archived, alice.account, alice.membership, TeamRole.REFERENT);
      const left = await createPerson(dataSource, t1);
      await addTeamMember(dataSource, left, alice.account, alice.membership, TeamRole.FOLLOWER, {
        at: new Date(),
        reason: TeamLeaveReason.LEFT,
      });
      const bobs = await createPerson(dataSource, t1);
      await addTeamMember(dataSource, bobs, bob.account, bob.membership, TeamRole.REFERENT);
      const elsewhere = await createPerson(dataSource, t2);
      await addTeamMember(
        dataSource,
        elsewhere,
        carol.account,
        carol.membership,
        TeamRole.REFERENT,
      );

      const caseload = new CaseloadReadModel(dataSource);
      const read = (who: Caseworker, first: number) => (after: string | null) =>
        caseload.caseload(viewerScope(who.principal), first, after, {});
      const { nodes, pages, statements } = await allPages(read(alice, 2));
      expect(pages).toBe(3);
      expect(statements).toEqual([1, 1, 1]);
      const ids = nodes.map((entry) => entry.summary.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual(mine.map((p) => p.id).sort());
      const times = nodes.map((entry) => entry.lastActivityAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(nodes.find((entry) => entry.summary.id === mine[0].id)).toMatchObject({
        myRole: TeamRole.REFERENT,
        summary: { isMember: true, referentStructure: { id: s1.id } },
      });

      // Filters keep to the caller's files.
      const referentOnly = await caseload.caseload(viewerScope(alice.principal), 10, null, {
        myRole: TeamRole.REFERENT,
      });
      expect(referentOnly.nodes.map((entry) => entry.summary.id).sort()).toEqual(
        [mine[0], mine[2], mine[4]].map((p) => p.id).sort(),
      );

      expect((await allPages(read(bob, 10))).nodes.map((e) => e.summary.id)).toEqual([bobs.id]);
      expect((await allPages(read(carol, 10))).nodes.map((e) => e.summary.id)).toEqual([
        elsewhere.id,
      ]);
    });
  });

  describe('SearchReadModel', () => {
    it("finds people of the caller's territories only, pages them, and hides withheld people from partners", async () => {
      const { t1, t2, s1, s2, s3 } = await territories();
      const alice = await caseworker(Role.PROFESSIONAL, s1);
      const bob = await caseworker(Role.PROFESSIONAL, s2);
      const carol = await caseworker(Role.PROFESSIONAL, s3);
      const name = word();
      const found: PersonEntity[] = [];
      for (let i = 0; i < 5; i += 1) {
        found.push(
          await createPerson(dataSource, t1, { familyName: `${name} ${word()}`, givenName: 'Ana' }),
        );
      }
      await addTeamMember(dataSource, found[0], alice.account, alice.membership, TeamRole.REFERENT);
      const restricted = await createPerson(dataSource, t1, {
        familyName: `${name} ${word()}`,
        restricted: true,
      });
      const archived = await createPerson(dataSource, t1, {
        familyName: `${name} ${word()}`,
        status: PersonStatus.ARCHIVED,
        archivedAt: new Date(),
      });
      const otherTerritory = await createPerson(dataSource, t2, {
        familyName: `${name} ${word()}`,
      });

      const search = new SearchReadModel(dataSource);
      const read = (principal: AccountPrincipal | ClientPrincipal) => (after: string | null) =>
        search.search(viewerScope(principal), name, 2, after);

      const forAlice = await allPages(read(alice.principal));
      expect(forAlice.statements.every((count) => count === 1)).toBe(true);
      const ids = forAlice.nodes.map((person) => person.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Restricted people stay findable by professionals (the minimal view); archived ones do not.
      expect([...ids].sort()).toEqual([...found, restricted].map((p) => p.id).sort());
      expect(ids).not.toContain(archived.id);
      expect(ids).not.toContain(otherTerritory.id);
      expect(forAlice.nodes.find((p) => p.id === found[0].id)?.isMember).toBe(true);
      expect(forAlice.nodes.find((p) => p.id === found[1].id)?.isMember).toBe(false);

      // Another structure of the territory finds the same people; another territory, its own.
      const forBob = await allPages(read(bob.principal));
      expect(forBob.nodes.map((p) => p.id).sort()).toEqual([...ids].sort());
      expect(forBob.nodes.every((p) => !p.isMember)).toBe(true);
      expect((await allPages(read(carol.principal))).nodes.map((p) => p.id)).toEqual([
        otherTerritory.id,
      ]);

      const client = await allPages(read(partner(t1, ['persons:read'])));
      expect(client.nodes.map((p) => p.id).sort()).toEqual(found.map((p) => p.id).sort());
      await expect(
        search.search(viewerScope(partner(t1, ['events:read'])), name, 2, null),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('InboxReadModel', () => {
    it("pages the caller's own notifications both ways, naming the person only within their territories", async () => {
      const { t1, s1, s3 } = await territories();
      const alice = await caseworker(Role.PROFESSIONAL, s1);
      const actor = await caseworker(Role.PROFESSIONAL, s1);
      const carol = await caseworker(Role.PROFESSIONAL, s3);
      const person = await createPerson(dataSource, t1);
      const notifications = new NotificationRepository(dataSource);
      const eventIds: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        await dataSource.transaction(async (manager) => {
          const [{ now }] = await manager.query<{ now: string }[]>('SELECT now()::text AS now');
          const recipientAccountIds = [alice.account.id, ...(i === 0 ? [carol.account.id] : [])];
          const payload = {
            joinRequestId: randomUUID(),
            personId: person.id,
            structureId: s1.id,
          };
          const id = await writeOutbox(manager, {
            type: 'team.join_requested',
            territoryId: t1.id,
            structureIds: [s1.id],
            personId: person.id,
            actor: { accountId: actor.account.id, membershipId: actor.membership.id },
            recipientAccountIds,
            payload,
          });
          eventIds.push(id);
          await notifications.insertForEvents(manager, [
            {
              id,
              type: 'team.join_requested',
              personId: person.id,
              actorAccountId: actor.account.id,
              payload,
              occurredAt: now,
              recipientAccountIds,
            },
          ]);
        });
      }

      const inbox = new InboxReadModel(dataSource);
      const newest = await allPages((after) =>
        inbox.page(viewerScope(alice.principal), { first: 2, after }),
      );
      expect(newest.statements).toEqual([1, 1, 1]);
      expect(newest.nodes.map((n) => n.eventId)).toEqual([...eventIds].reverse());
      expect(newest.nodes.every((n) => n.accountId === alice.account.id)).toBe(true);
      expect(newest.nodes[0]).toMatchObject({
        type: 'team.join_requested',
        readAt: null,
        person: { id: person.id, isMember: false },
        actor: { name: `${actor.account.givenName} ${actor.account.familyName}` },
      });
      expect(newest.nodes[0].actor?.structure?.id).toBe(s1.id);

      // Catching up from a cursor, oldest first: what came after it, nothing before.
      const oldest = await inbox.page(viewerScope(alice.principal), {
        first: 10,
        after: newest.nodes[3].cursor,
        order: 'OLDEST_FIRST',
      });
      expect(oldest.nodes.map((n) => n.eventId)).toEqual(eventIds.slice(2));

      // Carol, of another territory, has her one row, without the person's name.
      const forCarol = await inbox.page(viewerScope(carol.principal), { first: 10 });
      expect(forCarol.nodes.map((n) => n.eventId)).toEqual([eventIds[0]]);
      expect(forCarol.nodes[0].person).toBeNull();

      // Unread only: what is read leaves the page.
      await notifications.markRead(alice.account.id, [newest.nodes[0].id]);
      const unread = await inbox.page(viewerScope(alice.principal), {
        first: 10,
        unreadOnly: true,
      });
      expect(unread.nodes.map((n) => n.eventId)).toEqual(eventIds.slice(0, 4).reverse());
      expect(await inbox.page(viewerScope(actor.principal), { first: 10 })).toMatchObject({
        nodes: [],
        hasNextPage: false,
      });
    });
  });

  describe('HandoverListReadModel', () => {
    it('lists the handovers of the caller’s structures each way, one statement a page', async () => {
      const { t1, t2, s1, s2, s3 } = await territories();
      const alice = await caseworker(Role.PROFESSIONAL, s1);
      const bob = await caseworker(Role.PROFESSIONAL, s2);
      const manager = await caseworker(Role.ORIENTATION_MANAGER, s2);
      const carol = await caseworker(Role.PROFESSIONAL, s3);
      const handovers = new HandoverRepository(dataSource);
      const propose = async (territory: TerritoryEntity, from: Caseworker, to: Caseworker) => {
        const person = await createPerson(dataSource, territory);
        await addTeamMember(dataSource, person, from.account, from.membership, TeamRole.REFERENT);
        return handovers.insert({
          personId: person.id,
          territoryId: territory.id,
          fromStructureId: from.membership.structureId,
          fromReferentAccountId: from.account.id,
          proposedByAccountId: from.account.id,
          proposedByMembershipId: from.membership.id,
          toStructureId: to.membership.structureId as string,
          toAccountId: to.account.id,
          reason: 'Déménagement',
          orientationRequestId: null,
          expiryDays: HANDOVER_EXPIRY_DAYS,
        });
      };
      const sent: string[] = [];
      for (let i = 0; i < 3; i += 1) sent.push(await propose(t1, alice, bob));
      const carols = await caseworker(Role.PROFESSIONAL, s3);
      const elsewhere = await propose(t2, carol, carols);
      await handovers.decline(
        sent[0],
        { accountId: bob.account.id, membershipId: bob.membership.id },
        'Complet',
      );

      const list = new HandoverListReadModel(dataSource);
      const read =
        (who: Caseworker, direction: HandoverDirection, status?: HandoverStatus) =>
        (after: string | null) =>
          list.list(viewerScope(who.principal), direction, status, 2, after);
      const newestFirst = [...sent].reverse();

      const outgoing = await allPages(read(alice, HandoverDirection.OUTGOING));
      expect(outgoing.statements).toEqual([1, 1]);
      expect(outgoing.nodes.map((h) => h.id)).toEqual(newestFirst);
      expect((await allPages(read(alice, HandoverDirection.INCOMING))).nodes).toEqual([]);

      const incoming = await allPages(read(bob, HandoverDirection.INCOMING));
      expect(incoming.nodes.map((h) => h.id)).toEqual(newestFirst);
      expect(incoming.nodes[0]).toMatchObject({
        status: HandoverStatus.PROPOSED,
        fromStructure: { id: s1.id, name: s1.name },
        toStructure: { id: s2.id, name: s2.name },
        toAccount: { id: bob.account.id },
        person: { referentStructure: { id: s1.id } },
      });
      const proposed = await allPages(
        read(bob, HandoverDirection.INCOMING, HandoverStatus.PROPOSED),
      );
      expect(proposed.nodes.map((h) => h.id)).toEqual(newestFirst.slice(0, 2));

      // The territory's orientation manager sees what comes into the territory.
      const managed = await allPages(read(manager, HandoverDirection.INCOMING));
      expect(managed.nodes.map((h) => h.id)).toEqual(newestFirst);

      // Another territory's caseworker sees none of these, and may not open one.
      expect(
        (await allPages(read(carol, HandoverDirection.OUTGOING))).nodes.map((h) => h.id),
      ).toEqual([elsewhere]);
      // (Her own handover stays within her structure: it is both ways for her.)
      expect(
        (await allPages(read(carol, HandoverDirection.INCOMING))).nodes.map((h) => h.id),
      ).toEqual([elsewhere]);
      await expect(list.forParty(viewerScope(carol.principal), sent[1])).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(
        await countStatements(dataSource, () => list.forParty(viewerScope(bob.principal), sent[1])),
      ).toBe(1);
      expect((await list.forParty(viewerScope(bob.principal), sent[0])).status).toBe(
        HandoverStatus.DECLINED,
      );
    });
  });

  describe('PartnerFeedReadModel', () => {
    it("gives a partner its territory's and structure's events within its scopes, by position", async () => {
      const { t1, t2, s1, s2, s3 } = await territories();
      const actor = await caseworker(Role.PROFESSIONAL, s1);
      const open = await createPerson(dataSource, t1);
      const objecting = await createPerson(dataSource, t1, { objection: true });
      const far = await createPerson(dataSource, t2);
      const handover = (
        territory: TerritoryEntity,
        structure: StructureEntity,
        person: PersonEntity,
      ) =>
        dataSource.transaction((manager) =>
          writeOutbox(manager, {
            type: 'handover.proposed',
            territoryId: territory.id,
            structureIds: [structure.id],
            personId: person.id,
            actor: { accountId: actor.account.id, membershipId: actor.membership.id },
            payload: {
              handoverId: randomUUID(),
              personId: person.id,
              fromStructureId: null,
              toStructureId: structure.id,
              toAccountId: null,
              status: 'PROPOSED',
            },
          }),
        );
      const visible = [
        await handover(t1, s1, open),
        await handover(t1, s2, open),
        await handover(t1, s1, open),
        await handover(t1, s1, open),
      ];
      const withheld = await handover(t1, s1, objecting);
      const otherTerritory = await handover(t2, s3, far);
      const joinRequest = await dataSource.transaction((manager) =>
        writeOutbox(manager, {
          type: 'team.join_requested',
          territoryId: t1.id,
          structureIds: [s1.id],
          personId: open.id,
          actor: { accountId: actor.account.id, membershipId: actor.membership.id },
          payload: { joinRequestId: randomUUID(), personId: open.id, structureId: s1.id },
        }),
      );
      // Dispatched: the feed shows numbered events only.
      const outbox = new OutboxRepository(dataSource);
      await dataSource.transaction((manager) => outbox.numberPending(manager, 500));
      const undispatched = await handover(t1, s1, open);

      const feed = new PartnerFeedReadModel(dataSource);
      const client = partner(t1, ['events:read', 'handovers:read']);
      const seen: string[] = [];
      let after = 0n;
      let head = -1n;
      for (;;) {
        let read: Awaited<ReturnType<PartnerFeedReadModel['read']>> | undefined;
        expect(
          await countStatements(dataSource, async () => {
            read = await feed.read(viewerScope(client), after, null, 2);
          }),
        ).toBe(1);
        const { rows, head: at } = read as NonNullable<typeof read>;
        if (head >= 0n) expect(at).toBe(head);
        head = at;
        if (rows.length === 0) break;
        seen.push(...rows.map((row) => row.id));
        after = BigInt(rows[rows.length - 1].position);
      }
      expect(seen).toEqual(visible);
      expect(seen).not.toContain(withheld);
      expect(seen).not.toContain(otherTerritory);
      expect(seen).not.toContain(undispatched);
      expect(after).toBeLessThanOrEqual(head);

      // A structure's client sees its structure's events; persons:read adds the team family.
      const ofS2 = await feed.read(
        viewerScope(partner(t1, ['events:read', 'handovers:read'], s2)),
        0n,
        null,
        10,
      );
      expect(ofS2.rows.map((row) => row.id)).toEqual([visible[1]]);
      const teams = await feed.read(
        viewerScope(partner(t1, ['events:read', 'persons:read'])),
        0n,
        null,
        10,
      );
      expect(teams.rows.map((row) => row.id)).toEqual([joinRequest]);
      const typed = await feed.read(viewerScope(client), 0n, ['team.join_requested'], 10);
      expect(typed.rows).toEqual([]);
      expect(
        (await feed.read(viewerScope(partner(t1, ['handovers:read'])), 0n, null, 10)).rows,
      ).toEqual([]);
      await expect(
        feed.read(viewerScope((await caseworker(Role.PROFESSIONAL, s1)).principal), 0n, null, 10),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
});
