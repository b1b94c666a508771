import { randomUUID } from 'node:crypto';
import { JobRunner } from '@relais/core';
import { viewerScope } from '@relais/access';
import { PostgresJobLock } from '@relais/database';
import {
  HandoverDirection,
  HandoverExpiryJob,
  HandoverExpiryService,
  HandoverRepository,
} from '@relais/handovers';
import {
  type AccountEntity,
  type AccountPrincipal,
  AccountStatus,
  type MembershipEntity,
  Role,
} from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, PersonStatus, TeamRole } from '@relais/pathways';
import { HandoverListReadModel } from '@relais/read-models';
import {
  addMembership,
  addTeamMember,
  countStatements,
  createAccount,
  createApiClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type GraphqlResponse,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

const HANDOVER_FIELDS = `id status reason personInformed orientationRequestId declineReason
  person { id givenName birthYear referentStructure { id } }
  fromStructure { id name } toStructure { id name } toAccount { id name }
  proposedBy { id name } decidedBy { id } newReferent { id name } createdAt expiresAt decidedAt`;
const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { ${HANDOVER_FIELDS} } }`;
const ACCEPT = `mutation($input: AcceptHandoverInput!) { acceptHandover(input: $input) { ${HANDOVER_FIELDS} } }`;
const DECLINE = `mutation($input: DeclineHandoverInput!) { declineHandover(input: $input) { ${HANDOVER_FIELDS} } }`;
const CANCEL = `mutation($input: CancelHandoverInput!) { cancelHandover(input: $input) { ${HANDOVER_FIELDS} } }`;
const HANDOVER = `query($id: ID!) { handover(id: $id) { ${HANDOVER_FIELDS} } }`;
const HANDOVERS = `query($direction: HandoverDirection!, $status: HandoverStatus, $first: Int, $after: String) {
  handovers(direction: $direction, status: $status, first: $first, after: $after) {
    edges { cursor node { id status reason person { id } toStructure { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const OPEN = `query($id: ID!) { person(id: $id) { id orientationType orientationStructureId access { ground teamRole canWrite } } }`;
const REQUEST = `mutation($input: RequestOrientationInput!) {
  requestOrientation(input: $input) { id status orientationType reason requestedBy { id } requesterStructure { id } person { id } }
}`;
const DECIDE = `mutation($input: DecideOrientationInput!) {
  decideOrientation(input: $input) { id status decisionReason handoverId targetStructure { id } }
}`;
const REQUESTS = `query($status: OrientationRequestStatus) {
  orientationRequests(status: $status, first: 100) { edges { node { id status person { id } } } }
}`;
const CASELOAD = `query($filter: CaseloadFilterInput) {
  caseload(first: 100, filter: $filter) { edges { node { person { id } } } }
}`;

interface HandoverNode {
  id: string;
  status: string;
  reason: string;
  personInformed: boolean;
  orientationRequestId: string | null;
  declineReason: string | null;
  toAccount: { id: string } | null;
  proposedBy: { id: string; name: string };
  decidedBy: { id: string } | null;
  newReferent: { id: string } | null;
  fromStructure: { id: string } | null;
  toStructure: { id: string };
}

interface Caseworker {
  account: AccountEntity;
  membership: MembershipEntity;
  client: GraphqlHttpClient;
}

interface OutboxRow {
  type: string;
  recipient_account_ids: string[];
  structure_ids: string[];
  actor_account_id: string | null;
  payload: Record<string, unknown>;
}

const codeOf = (result: GraphqlResponse<unknown>) => result.errors?.[0]?.extensions?.code;
const sorted = (ids: readonly (string | null | undefined)[]) =>
  [...new Set(ids.filter((id): id is string => !!id))].sort();

describe('handovers and orientation (DOMAIN.md workflows)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let departement: StructureEntity;
  let missionLocale: StructureEntity;
  let franceTravail: StructureEntity;
  let farAway: StructureEntity;
  let referent: Caseworker;
  let follower: Caseworker;
  let targetAdmin: Caseworker;
  let targetPro: Caseworker;
  let targetPro2: Caseworker;
  let otherAdmin: Caseworker;
  let om: Caseworker;
  let outsider: Caseworker;
  let farOm: Caseworker;
  let territoryAdmin: GraphqlHttpClient;
  let partner: GraphqlHttpClient;

  const caseworker = async (structure: StructureEntity, role: Role): Promise<Caseworker> => {
    const account = await createAccount(relais.dataSource);
    const membership = await addMembership(relais.dataSource, account, {
      role: role as Role.PROFESSIONAL,
      structure,
    });
    return { account, membership, client: await relais.graphqlAs(account.id) };
  };

  /** A person of the territory with the referent (département) and a follower (France Travail). */
  const personWithTeam = async (overrides: Partial<PersonEntity> = {}): Promise<PersonEntity> => {
    const person = await createPerson(relais.dataSource, territory, overrides);
    await addTeamMember(
      relais.dataSource,
      person,
      referent.account,
      referent.membership,
      TeamRole.REFERENT,
    );
    await addTeamMember(relais.dataSource, person, follower.account, follower.membership);
    return person;
  };

  const proposeInput = (person: PersonEntity, overrides: Record<string, unknown> = {}) => ({
    personId: person.id,
    toStructureId: missionLocale.id,
    toAccountId: targetPro.account.id,
    reason: 'Projet professionnel prêt: accompagnement vers l’emploi par la mission locale.',
    personInformed: true,
    ...overrides,
  });

  const propose = async (
    person: PersonEntity,
    overrides: Record<string, unknown> = {},
    by: GraphqlHttpClient = referent.client,
  ): Promise<HandoverNode> =>
    (
      await by.data<{ proposeHandover: HandoverNode }>(PROPOSE, {
        input: proposeInput(person, overrides),
      })
    ).proposeHandover;

  /** Rows a refused call must not have written. */
  const footprint = async (personId: string): Promise<Record<string, number>> => {
    const [row] = await relais.dataSource.query<Record<string, string>[]>(
      `SELECT (SELECT count(*) FROM handover WHERE person_id = $1) AS handover,
         (SELECT count(*) FROM handover WHERE person_id = $1 AND status <> 'PROPOSED') AS answered,
         (SELECT count(*) FROM team_member WHERE person_id = $1) AS team_member,
         (SELECT count(*) FROM team_member WHERE person_id = $1 AND left_at IS NULL) AS active_team,
         (SELECT count(*) FROM timeline_event WHERE person_id = $1) AS timeline_event,
         (SELECT count(*) FROM outbox_event WHERE person_id = $1) AS outbox_event,
         (SELECT count(*) FROM orientation_request WHERE person_id = $1) AS orientation_request`,
      [personId],
    );
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
  };

  const outbox = (personId: string, type: string): Promise<OutboxRow[]> =>
    relais.dataSource.query<OutboxRow[]>(
      `SELECT type, recipient_account_ids, structure_ids, actor_account_id, payload
         FROM outbox_event WHERE person_id = $1 AND type = $2 ORDER BY seq`,
      [personId, type],
    );

  const timelineTypes = async (personId: string): Promise<string[]> =>
    (
      await relais.dataSource.query<{ type: string }[]>(
        `SELECT type FROM timeline_event WHERE person_id = $1 ORDER BY occurred_at, id`,
        [personId],
      )
    ).map((row) => row.type);

  const activeTeam = (personId: string) =>
    relais.dataSource.query<{ account_id: string; role: string; structure_id: string }[]>(
      `SELECT account_id, role, structure_id FROM team_member
        WHERE person_id = $1 AND left_at IS NULL ORDER BY role, account_id`,
      [personId],
    );

  /** Each caller is refused with FORBIDDEN and writes nothing. */
  const expectForbidden = async (
    personId: string,
    callers: Record<string, GraphqlHttpClient>,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<void> => {
    const before = await footprint(personId);
    for (const [who, client] of Object.entries(callers)) {
      const result = await client.execute(query, variables);
      expect({ who, code: codeOf(result) }).toEqual({ who, code: 'FORBIDDEN' });
    }
    expect(await footprint(personId)).toEqual(before);
  };

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds);
    const elsewhere = await createTerritory(ds);
    departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    missionLocale = await createStructure(ds, territory, { type: StructureType.MISSION_LOCALE });
    franceTravail = await createStructure(ds, territory, { type: StructureType.FRANCE_TRAVAIL });
    farAway = await createStructure(ds, elsewhere, { type: StructureType.MISSION_LOCALE });
    referent = await caseworker(departement, Role.PROFESSIONAL);
    follower = await caseworker(franceTravail, Role.PROFESSIONAL);
    targetAdmin = await caseworker(missionLocale, Role.STRUCTURE_ADMIN);
    targetPro = await caseworker(missionLocale, Role.PROFESSIONAL);
    targetPro2 = await caseworker(missionLocale, Role.PROFESSIONAL);
    otherAdmin = await caseworker(franceTravail, Role.STRUCTURE_ADMIN);
    om = await caseworker(departement, Role.ORIENTATION_MANAGER);
    outsider = await caseworker(franceTravail, Role.PROFESSIONAL);
    farOm = await caseworker(farAway, Role.ORIENTATION_MANAGER);
    const admin = await createAccount(ds, [{ role: Role.TERRITORY_ADMIN, territory }]);
    territoryAdmin = await relais.graphqlAs(admin.id);
    partner = await relais.graphqlAsClient(
      await createApiClient(ds, territory, [
        'persons:read',
        'persons:write',
        'handovers:read',
        'handovers:write',
      ]),
    );
  });

  afterAll(async () => {
    await relais.close();
  });

  describe('proposing', () => {
    it('lets the referent propose: the handover, its timeline entry and its outbox event', async () => {
      const person = await personWithTeam();
      const handover = await propose(person);
      expect(handover).toMatchObject({
        status: 'PROPOSED',
        personInformed: true,
        fromStructure: { id: departement.id },
        toStructure: { id: missionLocale.id },
        toAccount: { id: targetPro.account.id },
        proposedBy: { id: referent.account.id },
        decidedBy: null,
      });
      const [row] = await relais.dataSource.query<{ days: number; membership: string }[]>(
        `SELECT round(extract(epoch FROM expires_at - created_at) / 86400) AS days,
           proposed_by_membership_id AS membership FROM handover WHERE id = $1`,
        [handover.id],
      );
      expect(Number(row.days)).toBe(15);
      expect(row.membership).toBe(referent.membership.id);
      expect(await timelineTypes(person.id)).toEqual(['handover.proposed']);
      const [event] = await outbox(person.id, 'handover.proposed');
      expect(sorted(event.recipient_account_ids)).toEqual(
        sorted([targetAdmin.account.id, targetPro.account.id, om.account.id]),
      );
      expect(sorted(event.structure_ids)).toEqual(sorted([departement.id, missionLocale.id]));
      expect(event.payload).toEqual({
        handoverId: handover.id,
        personId: person.id,
        fromStructureId: departement.id,
        toStructureId: missionLocale.id,
        toAccountId: targetPro.account.id,
        status: 'PROPOSED',
      });
    });

    it('lets an orientation manager of the territory propose', async () => {
      const person = await personWithTeam();
      const handover = await propose(person, { toAccountId: null }, om.client);
      expect(handover).toMatchObject({ proposedBy: { id: om.account.id }, toAccount: null });
    });

    it('refuses anyone else with FORBIDDEN and writes nothing', async () => {
      const person = await personWithTeam();
      await expectForbidden(
        person.id,
        {
          follower: follower.client,
          outsider: outsider.client,
          'admin of another structure': otherAdmin.client,
          'admin of the target structure': targetAdmin.client,
          'orientation manager elsewhere': farOm.client,
          'territory admin': territoryAdmin,
          'partner client': partner,
        },
        PROPOSE,
        { input: proposeInput(person) },
      );
      const unknown = await referent.client.execute(PROPOSE, {
        input: proposeInput(person, { personId: randomUUID() }),
      });
      expect(codeOf(unknown)).toBe('FORBIDDEN');
    });

    it('names the field at fault and writes nothing', async () => {
      const person = await personWithTeam();
      const before = await footprint(person.id);
      const cases: [Record<string, unknown>, string][] = [
        [{ reason: 'x'.repeat(1001) }, 'reason'],
        [{ reason: 'ok' }, 'reason'],
        [{ personInformed: false }, 'personInformed'],
        [{ toStructureId: randomUUID() }, 'toStructureId'],
        [{ toStructureId: farAway.id }, 'toStructureId'],
        [{ toStructureId: departement.id, toAccountId: null }, 'toStructureId'],
        [{ toAccountId: outsider.account.id }, 'toAccountId'],
        [{ toAccountId: targetAdmin.account.id }, 'toAccountId'],
        [{ toStructureId: 'not-an-id' }, 'toStructureId'],
      ];
      for (const [overrides, field] of cases) {
        const result = await referent.client.execute(PROPOSE, {
          input: proposeInput(person, overrides),
        });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect(await footprint(person.id)).toEqual(before);
    });

    it('allows one open handover per person: a second proposal is a CONFLICT', async () => {
      const person = await personWithTeam();
      await propose(person);
      const before = await footprint(person.id);
      const again = await om.client.execute(PROPOSE, {
        input: proposeInput(person, { toStructureId: franceTravail.id, toAccountId: null }),
      });
      expect(codeOf(again)).toBe('CONFLICT');
      expect(await footprint(person.id)).toEqual(before);
    });

    it('backs the check with the database: simultaneous proposals, one handover', async () => {
      const person = await personWithTeam();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          (i % 2 ? om.client : referent.client).execute(PROPOSE, {
            input: proposeInput(person),
          }),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(7);
      expect((await footprint(person.id)).handover).toBe(1);
    });

    it('refuses a restricted file (FORBIDDEN) and an archived one (CONFLICT)', async () => {
      const restricted = await personWithTeam({ restricted: true });
      const archived = await personWithTeam({ status: PersonStatus.ARCHIVED });
      const r = await referent.client.execute(PROPOSE, { input: proposeInput(restricted) });
      expect(codeOf(r)).toBe('FORBIDDEN');
      expect(r.errors?.[0]?.message).toMatch(/restricted/);
      expect(r.errors?.[0]?.extensions?.reason).toBe('PROCESSING_RESTRICTED');
      const a = await referent.client.execute(PROPOSE, { input: proposeInput(archived) });
      expect(codeOf(a)).toBe('CONFLICT');
      expect(a.errors?.[0]?.message).toMatch(/archived/);
      expect(a.errors?.[0]?.extensions?.reason).toBe('FILE_ARCHIVED');
      expect((await footprint(restricted.id)).handover).toBe(0);
      expect((await footprint(archived.id)).handover).toBe(0);
    });
  });

  describe('accepting', () => {
    it('hands over in one go: new referent, former referent reads for 30 days, timeline, outbox', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person);
      const { acceptHandover } = await targetPro.client.data<{ acceptHandover: HandoverNode }>(
        ACCEPT,
        { input: { handoverId: proposed.id } },
      );
      expect(acceptHandover).toMatchObject({
        status: 'ACCEPTED',
        newReferent: { id: targetPro.account.id },
        decidedBy: { id: targetPro.account.id },
      });
      const team = await activeTeam(person.id);
      expect(team).toHaveLength(2);
      expect(team).toEqual(
        expect.arrayContaining([
          { account_id: targetPro.account.id, role: 'REFERENT', structure_id: missionLocale.id },
          { account_id: follower.account.id, role: 'FOLLOWER', structure_id: franceTravail.id },
        ]),
      );
      const [closed] = await relais.dataSource.query<{ left_reason: string }[]>(
        `SELECT left_reason FROM team_member WHERE person_id = $1 AND account_id = $2`,
        [person.id, referent.account.id],
      );
      expect(closed.left_reason).toBe('HANDOVER');

      const former = await referent.client.data<{
        person: { access: { ground: string; canWrite: boolean } };
      }>(OPEN, { id: person.id });
      expect(former.person.access).toEqual({
        ground: 'FORMER_REFERENT',
        teamRole: null,
        canWrite: false,
      });
      const now = await targetPro.client.data<{ person: { access: { teamRole: string } } }>(OPEN, {
        id: person.id,
      });
      expect(now.person.access).toMatchObject({ ground: 'TEAM_MEMBER', teamRole: 'REFERENT' });

      expect(await timelineTypes(person.id)).toEqual(['handover.proposed', 'handover.accepted']);
      const [event] = await outbox(person.id, 'handover.accepted');
      expect(sorted(event.recipient_account_ids)).toEqual(
        sorted([referent.account.id, targetPro.account.id, follower.account.id]),
      );
      expect(event).toMatchObject({
        actor_account_id: targetPro.account.id,
        payload: { handoverId: proposed.id, status: 'ACCEPTED' },
      });
    });

    it('keeps the former referent as a follower who may write, when asked', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person, { toAccountId: null });
      await targetAdmin.client.data(ACCEPT, {
        input: {
          handoverId: proposed.id,
          newReferentAccountId: targetPro2.account.id,
          formerReferentStaysAsFollower: true,
        },
      });
      const team = await activeTeam(person.id);
      expect(team).toHaveLength(3);
      expect(team).toEqual(
        expect.arrayContaining([
          { account_id: targetPro2.account.id, role: 'REFERENT', structure_id: missionLocale.id },
          { account_id: referent.account.id, role: 'FOLLOWER', structure_id: departement.id },
        ]),
      );
      const former = await referent.client.data<{ person: { access: unknown } }>(OPEN, {
        id: person.id,
      });
      expect(former.person.access).toEqual({
        ground: 'TEAM_MEMBER',
        teamRole: 'FOLLOWER',
        canWrite: true,
      });
      const [event] = await outbox(person.id, 'handover.accepted');
      expect(sorted(event.recipient_account_ids)).toEqual(
        sorted([referent.account.id, targetPro2.account.id, follower.account.id]),
      );
    });

    it('turns a follower named as new referent into the referent, and sets an orientation', async () => {
      const person = await personWithTeam();
      await addTeamMember(relais.dataSource, person, targetPro.account, targetPro.membership);
      const proposed = await propose(person);
      await om.client.data(ACCEPT, { input: { handoverId: proposed.id } });
      const rows = await relais.dataSource.query<{ role: string; left_reason: string | null }[]>(
        `SELECT role, left_reason FROM team_member WHERE person_id = $1 AND account_id = $2
          ORDER BY joined_at, role`,
        [person.id, targetPro.account.id],
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { role: 'FOLLOWER', left_reason: 'LEFT' },
          { role: 'REFERENT', left_reason: null },
        ]),
      );
      const [{ n }] = await relais.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM team_member
          WHERE person_id = $1 AND role = 'REFERENT' AND left_at IS NULL`,
        [person.id],
      );
      expect(Number(n)).toBe(1);
    });

    it('needs a new referent who is a professional of the target structure', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person, { toAccountId: null });
      const before = await footprint(person.id);
      const missing = await targetAdmin.client.execute(ACCEPT, {
        input: { handoverId: proposed.id },
      });
      expect(missing.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'FIELD_REQUIRED',
        field: 'newReferentAccountId',
      });
      for (const stranger of [outsider, targetAdmin]) {
        const wrong = await targetAdmin.client.execute(ACCEPT, {
          input: { handoverId: proposed.id, newReferentAccountId: stranger.account.id },
        });
        expect(wrong.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'NOT_IN_STRUCTURE',
          field: 'newReferentAccountId',
        });
      }
      expect(await footprint(person.id)).toEqual(before);
    });

    it('refuses anyone but the deciders, for accepting and declining alike', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person);
      const callers = {
        'the proposing referent': referent.client,
        follower: follower.client,
        outsider: outsider.client,
        'another professional of the target': targetPro2.client,
        'admin of another structure': otherAdmin.client,
        'orientation manager elsewhere': farOm.client,
        'territory admin': territoryAdmin,
        'partner client': partner,
      };
      await expectForbidden(person.id, callers, ACCEPT, { input: { handoverId: proposed.id } });
      await expectForbidden(person.id, callers, DECLINE, {
        input: { handoverId: proposed.id, reason: 'Pas de place' },
      });
      const unknown = await targetAdmin.client.execute(ACCEPT, {
        input: { handoverId: randomUUID() },
      });
      expect(codeOf(unknown)).toBe('FORBIDDEN');
    });

    it('lets exactly one of 50 simultaneous answers win', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person);
      const deciders = [targetAdmin.client, targetPro.client, om.client];
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          i % 2
            ? deciders[i % 3].execute(ACCEPT, { input: { handoverId: proposed.id } })
            : deciders[i % 3].execute(DECLINE, {
                input: { handoverId: proposed.id, reason: `Refus numéro ${i}` },
              }),
        ),
      );
      const winners = results.filter((result) => !result.errors);
      expect(winners).toHaveLength(1);
      expect(results.filter((result) => codeOf(result) === 'CONFLICT')).toHaveLength(49);
      const [{ referents, outcomes }] = await relais.dataSource.query<
        { referents: string; outcomes: string }[]
      >(
        `SELECT (SELECT count(*) FROM team_member WHERE person_id = $1 AND role = 'REFERENT'
                   AND left_at IS NULL) AS referents,
           (SELECT count(*) FROM outbox_event WHERE person_id = $1
              AND type IN ('handover.accepted', 'handover.declined')) AS outcomes`,
        [person.id],
      );
      expect(Number(referents)).toBe(1);
      expect(Number(outcomes)).toBe(1);
      const again = await om.client.execute(ACCEPT, { input: { handoverId: proposed.id } });
      expect(again.errors?.[0]?.extensions).toEqual({
        code: 'CONFLICT',
        reason: 'HANDOVER_ALREADY_ANSWERED',
      });
    });
  });

  describe('declining, cancelling, expiring', () => {
    it('declines with a reason, told to the proposer and the referent', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person, {}, om.client);
      const short = await targetAdmin.client.execute(DECLINE, {
        input: { handoverId: proposed.id, reason: '' },
      });
      expect(short.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
      const { declineHandover } = await targetAdmin.client.data<{
        declineHandover: HandoverNode;
      }>(DECLINE, { input: { handoverId: proposed.id, reason: 'Plus de place ce trimestre.' } });
      expect(declineHandover).toMatchObject({
        status: 'DECLINED',
        declineReason: 'Plus de place ce trimestre.',
      });
      expect(await activeTeam(person.id)).toHaveLength(2);
      const [event] = await outbox(person.id, 'handover.declined');
      expect(sorted(event.recipient_account_ids)).toEqual(
        sorted([om.account.id, referent.account.id]),
      );
      expect(JSON.stringify(event.payload)).not.toContain('place');
      expect(await timelineTypes(person.id)).toEqual(['handover.proposed', 'handover.declined']);
    });

    it('cancels by the proposer, told to the target structure', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person);
      await expectForbidden(
        person.id,
        {
          'admin of the target structure': targetAdmin.client,
          'named professional': targetPro.client,
          follower: follower.client,
          outsider: outsider.client,
          'partner client': partner,
        },
        CANCEL,
        { input: { handoverId: proposed.id } },
      );
      const { cancelHandover } = await referent.client.data<{ cancelHandover: HandoverNode }>(
        CANCEL,
        { input: { handoverId: proposed.id } },
      );
      expect(cancelHandover.status).toBe('CANCELLED');
      const [event] = await outbox(person.id, 'handover.cancelled');
      expect(sorted(event.recipient_account_ids)).toEqual(
        sorted([targetAdmin.account.id, targetPro.account.id]),
      );
      const twice = await referent.client.execute(CANCEL, { input: { handoverId: proposed.id } });
      expect(codeOf(twice)).toBe('CONFLICT');
      expect(twice.errors?.[0]?.extensions?.reason).toBe('HANDOVER_ALREADY_ANSWERED');
      // Closed, the person may be handed over again.
      await propose(person);
    });

    it('lets the current referent cancel what an orientation manager proposed', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person, {}, om.client);
      const { cancelHandover } = await referent.client.data<{ cancelHandover: HandoverNode }>(
        CANCEL,
        { input: { handoverId: proposed.id } },
      );
      expect(cancelHandover).toMatchObject({
        status: 'CANCELLED',
        decidedBy: { id: referent.account.id },
      });
    });

    it('expires proposals unanswered after 15 days, told to the proposer and the target admins', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person);
      await relais.dataSource.query(
        `UPDATE handover SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [proposed.id],
      );
      // Past its time, no answer wins even before the job ran.
      const late = await targetPro.client.execute(ACCEPT, { input: { handoverId: proposed.id } });
      expect(codeOf(late)).toBe('CONFLICT');
      await relais.app.get(HandoverExpiryService).expireDue(new Date());
      const [{ status }] = await relais.dataSource.query<{ status: string }[]>(
        `SELECT status FROM handover WHERE id = $1`,
        [proposed.id],
      );
      expect(status).toBe('EXPIRED');
      const events = await outbox(person.id, 'handover.expired');
      expect(events).toHaveLength(1);
      expect(events[0].actor_account_id).toBeNull();
      expect(sorted(events[0].recipient_account_ids)).toEqual(
        sorted([referent.account.id, targetAdmin.account.id]),
      );
      expect(await timelineTypes(person.id)).toEqual(['handover.proposed', 'handover.expired']);
      await relais.app.get(HandoverExpiryService).expireDue(new Date());
      expect(await outbox(person.id, 'handover.expired')).toHaveLength(1);
    });
    it('runs the expiry on a timer, only where the advisory lock is free', async () => {
      const person = await personWithTeam();
      const proposed = await propose(person);
      await relais.dataSource.query(
        `UPDATE handover SET expires_at = now() - interval '1 second' WHERE id = $1`,
        [proposed.id],
      );
      const statusOf = async () =>
        (
          await relais.dataSource.query<{ status: string }[]>(
            `SELECT status FROM handover WHERE id = $1`,
            [proposed.id],
          )
        )[0].status;
      // Another instance holds the job's lock: this one's runs do nothing.
      const other = relais.dataSource.createQueryRunner();
      await other.query(`SELECT pg_advisory_lock(hashtext('relais.job.handover.expiry'))`);
      // Two instances' job runners, each with the expiry job, on the real advisory lock.
      const handovers = new HandoverExpiryService(
        relais.dataSource,
        relais.app.get(HandoverRepository),
        { intervalMs: 20 },
      );
      const runners = [1, 2].map(() => new JobRunner(new PostgresJobLock(relais.dataSource)));
      for (const runner of runners) new HandoverExpiryJob(runner, handovers).onModuleInit();
      try {
        for (const runner of runners) {
          expect(await runner.runNow('handover.expiry')).toEqual({ ran: false, reason: 'locked' });
        }
        expect(await statusOf()).toBe('PROPOSED');
        await other.query(`SELECT pg_advisory_unlock(hashtext('relais.job.handover.expiry'))`);
        await Promise.all(runners.map((runner) => runner.start()));
        await waitUntil(async () => (await statusOf()) === 'EXPIRED', 5000).catch(() => undefined);
      } finally {
        await other.release();
        await Promise.all(runners.map((runner) => runner.stop()));
      }
      expect(await statusOf()).toBe('EXPIRED');
      expect(await outbox(person.id, 'handover.expired')).toHaveLength(1);
    });
  });

  describe('reading handovers', () => {
    let first: HandoverNode;
    let second: HandoverNode;

    beforeAll(async () => {
      first = await propose(await personWithTeam());
      second = await propose(await personWithTeam(), { toAccountId: null });
    });

    const idsOf = async (
      client: GraphqlHttpClient,
      direction: HandoverDirection,
      status?: string,
    ): Promise<string[]> =>
      (
        await client.data<{ handovers: { edges: { node: { id: string } }[] } }>(HANDOVERS, {
          direction,
          status,
          first: 100,
        })
      ).handovers.edges.map((edge) => edge.node.id);

    it('lists incoming handovers for the target structure and orientation managers only', async () => {
      for (const party of [targetAdmin, targetPro2, om]) {
        const ids = await idsOf(party.client, HandoverDirection.INCOMING);
        expect(ids).toEqual(expect.arrayContaining([second.id, first.id]));
        expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
      }
      for (const other of [referent, outsider, otherAdmin, farOm]) {
        const ids = await idsOf(other.client, HandoverDirection.INCOMING);
        expect(ids).not.toContain(first.id);
      }
      expect(await idsOf(targetAdmin.client, HandoverDirection.INCOMING, 'DECLINED')).not.toContain(
        first.id,
      );
    });

    it('lists outgoing handovers for the structure they leave', async () => {
      expect(await idsOf(referent.client, HandoverDirection.OUTGOING)).toEqual(
        expect.arrayContaining([first.id, second.id]),
      );
      expect(await idsOf(targetAdmin.client, HandoverDirection.OUTGOING)).not.toContain(first.id);
      expect(await idsOf(follower.client, HandoverDirection.OUTGOING)).not.toContain(first.id);
    });

    it('pages newest first with opaque cursors, and refuses a forged one', async () => {
      const page = async (after?: string) =>
        (
          await om.client.data<{
            handovers: {
              edges: { node: { id: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          }>(HANDOVERS, { direction: 'INCOMING', first: 1, after })
        ).handovers;
      const one = await page();
      const two = await page(one.pageInfo.endCursor);
      expect(one.pageInfo.hasNextPage).toBe(true);
      expect(two.edges[0].node.id).not.toBe(one.edges[0].node.id);
      const forged = await om.client.execute(HANDOVERS, {
        direction: 'INCOMING',
        after: Buffer.from('["x", "y"]').toString('base64url'),
      });
      expect(forged.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });

    it('refuses lists to partner clients and to accounts with no structure', async () => {
      for (const client of [partner, territoryAdmin]) {
        const result = await client.execute(HANDOVERS, { direction: 'INCOMING' });
        expect(codeOf(result)).toBe('FORBIDDEN');
      }
    });

    it('shows one handover, with its reason, to its parties only', async () => {
      for (const party of [referent, targetAdmin, targetPro, targetPro2, om]) {
        const { handover } = await party.client.data<{ handover: HandoverNode }>(HANDOVER, {
          id: first.id,
        });
        expect(handover.reason).toMatch(/mission locale/);
      }
      for (const client of [
        follower.client,
        outsider.client,
        otherAdmin.client,
        farOm.client,
        partner,
      ]) {
        const result = await client.execute(HANDOVER, { id: first.id });
        expect(codeOf(result)).toBe('FORBIDDEN');
        expect(result.data ?? null).toBeNull();
      }
    });

    it('reads a page in one SQL statement, whatever its size', async () => {
      const principal: AccountPrincipal = {
        kind: 'account',
        accountId: om.account.id,
        sessionId: 'test',
        memberships: [
          {
            id: om.membership.id,
            role: Role.ORIENTATION_MANAGER,
            structureId: departement.id,
            territoryId: territory.id,
          },
        ],
      };
      const readModel = relais.app.get(HandoverListReadModel);
      for (const size of [1, 50]) {
        const statements = await countStatements(relais.dataSource, () =>
          readModel.list(viewerScope(principal), HandoverDirection.INCOMING, null, size, null),
        );
        expect(statements).toBe(1);
      }
    });
  });

  describe('orientation', () => {
    const request = (person: PersonEntity, by = referent.client) =>
      by.execute<{ requestOrientation: { id: string; status: string } }>(REQUEST, {
        input: {
          personId: person.id,
          orientationType: 'PROFESSIONAL',
          reason: 'Prête pour un accompagnement professionnel.',
        },
      });

    it('lets the referent ask, once at a time, told to the orientation managers', async () => {
      const person = await personWithTeam();
      await expectForbidden(
        person.id,
        {
          follower: follower.client,
          'orientation manager': om.client,
          outsider: outsider.client,
          'partner client': partner,
        },
        REQUEST,
        {
          input: { personId: person.id, orientationType: 'SOCIAL', reason: 'Besoin social.' },
        },
      );
      const asked = await request(person);
      expect(asked.data?.requestOrientation.status).toBe('PENDING');
      const again = await request(person);
      expect(codeOf(again)).toBe('CONFLICT');
      const [event] = await outbox(person.id, 'orientation.requested');
      expect(event.recipient_account_ids).toEqual([om.account.id]);
      expect(await timelineTypes(person.id)).toEqual(['orientation.requested']);
    });

    it('accepted, starts a handover whose acceptance sets the orientation', async () => {
      const person = await personWithTeam();
      const requestId = (await request(person)).data?.requestOrientation.id;
      const { decideOrientation } = await om.client.data<{
        decideOrientation: { status: string; handoverId: string };
      }>(DECIDE, {
        input: {
          requestId,
          accept: true,
          targetStructureId: missionLocale.id,
          referentAccountId: targetPro.account.id,
        },
      });
      expect(decideOrientation.status).toBe('ACCEPTED');
      const { handover } = await targetPro.client.data<{ handover: HandoverNode }>(HANDOVER, {
        id: decideOrientation.handoverId,
      });
      expect(handover).toMatchObject({
        status: 'PROPOSED',
        orientationRequestId: requestId,
        proposedBy: { id: om.account.id },
        toAccount: { id: targetPro.account.id },
      });
      const [accepted] = await outbox(person.id, 'orientation.accepted');
      expect(accepted.recipient_account_ids).toEqual([referent.account.id]);
      expect(await outbox(person.id, 'handover.proposed')).toHaveLength(1);

      await targetPro.client.data(ACCEPT, { input: { handoverId: handover.id } });
      const { person: file } = await targetPro.client.data<{
        person: { orientationType: string; orientationStructureId: string };
      }>(OPEN, { id: person.id });
      expect(file).toMatchObject({
        orientationType: 'PROFESSIONAL',
        orientationStructureId: missionLocale.id,
      });
    });

    it('needs a target to accept and a reason to deny; denial is told to the requester', async () => {
      const person = await personWithTeam();
      const requestId = (await request(person)).data?.requestOrientation.id;
      const before = await footprint(person.id);
      const noTarget = await om.client.execute(DECIDE, { input: { requestId, accept: true } });
      expect(noTarget.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'targetStructureId',
      });
      const badReferent = await om.client.execute(DECIDE, {
        input: {
          requestId,
          accept: true,
          targetStructureId: missionLocale.id,
          referentAccountId: outsider.account.id,
        },
      });
      expect(badReferent.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'referentAccountId',
      });
      const noReason = await om.client.execute(DECIDE, { input: { requestId, accept: false } });
      expect(noReason.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'reason',
      });
      expect(await footprint(person.id)).toEqual(before);

      const { decideOrientation } = await om.client.data<{
        decideOrientation: { status: string; decisionReason: string; handoverId: null };
      }>(DECIDE, {
        input: { requestId, accept: false, reason: 'Orientation actuelle adaptée.' },
      });
      expect(decideOrientation).toMatchObject({ status: 'DENIED', handoverId: null });
      const [denied] = await outbox(person.id, 'orientation.denied');
      expect(denied.recipient_account_ids).toEqual([referent.account.id]);
      expect(denied.structure_ids).toEqual([departement.id]);
      expect((await footprint(person.id)).handover).toBe(0);
    });

    it('is decided and listed by orientation managers of the territory only', async () => {
      const person = await personWithTeam();
      const requestId = (await request(person)).data?.requestOrientation.id;
      await expectForbidden(
        person.id,
        {
          referent: referent.client,
          'admin of the target structure': targetAdmin.client,
          'orientation manager elsewhere': farOm.client,
          'partner client': partner,
        },
        DECIDE,
        { input: { requestId, accept: false, reason: 'Non.' } },
      );
      const listed = await om.client.data<{
        orientationRequests: { edges: { node: { id: string } }[] };
      }>(REQUESTS, { status: 'PENDING' });
      expect(listed.orientationRequests.edges.map((edge) => edge.node.id)).toContain(requestId);
      const far = await farOm.client.data<{
        orientationRequests: { edges: { node: { id: string } }[] };
      }>(REQUESTS, {});
      expect(far.orientationRequests.edges.map((edge) => edge.node.id)).not.toContain(requestId);
      for (const client of [referent.client, targetAdmin.client, partner]) {
        expect(codeOf(await client.execute(REQUESTS, {}))).toBe('FORBIDDEN');
      }
    });
  });

  it('filters the caseload on an open handover', async () => {
    const open = await personWithTeam();
    const quiet = await personWithTeam();
    await propose(open);
    const ids = async (openHandover: boolean) =>
      (
        await referent.client.data<{ caseload: { edges: { node: { person: { id: string } } }[] } }>(
          CASELOAD,
          { filter: { openHandover } },
        )
      ).caseload.edges.map((edge) => edge.node.person.id);
    const withOpen = await ids(true);
    const without = await ids(false);
    expect(withOpen).toContain(open.id);
    expect(withOpen).not.toContain(quiet.id);
    expect(without).toContain(quiet.id);
    expect(without).not.toContain(open.id);
  });
  // Was test/handovers/handover-recipients.e2e-spec.ts: whom a handover may name, and who may
  // become the referent on acceptance: the web client's lists. Names only, for those who follow
  // people in the territory.
  describe('handoverRecipients', () => {
    const RECIPIENTS = `query($structureId: ID!) { handoverRecipients(structureId: $structureId) { id name } }`;

    it('lists the active professionals of a structure by family name, for caseworkers of its territory only', async () => {
      const db = relais.dataSource;
      const ownTerritory = await createTerritory(db);
      const otherTerritory = await createTerritory(db);
      const ours = await createStructure(db, ownTerritory);
      const target = await createStructure(db, ownTerritory);
      const foreign = await createStructure(db, otherTerritory);

      const proposer = await createAccount(db, [{ role: Role.PROFESSIONAL, structure: ours }]);
      const zoe = await createAccount(db, [{ role: Role.PROFESSIONAL, structure: target }], {
        givenName: 'Zoé',
        familyName: 'Abadie',
      });
      const yann = await createAccount(db, [{ role: Role.PROFESSIONAL, structure: target }], {
        givenName: 'Yann',
        familyName: 'Bertin',
      });
      // Not listed: an admin of the structure, a disabled account, a revoked membership.
      await createAccount(db, [{ role: Role.STRUCTURE_ADMIN, structure: target }]);
      await createAccount(db, [{ role: Role.PROFESSIONAL, structure: target }], {
        status: AccountStatus.DISABLED,
      });
      const left = await createAccount(db);
      const revoked = await addMembership(db, left, { role: Role.PROFESSIONAL, structure: target });
      await db.query('UPDATE membership SET revoked_at = now() WHERE id = $1', [revoked.id]);

      const asProposer = await relais.graphqlAs(proposer.id);
      expect((await asProposer.execute(RECIPIENTS, { structureId: target.id })).data).toEqual({
        handoverRecipients: [
          { id: zoe.id, name: 'Zoé Abadie' },
          { id: yann.id, name: 'Yann Bertin' },
        ],
      });

      // Another territory's structure, an unknown one: refused alike.
      for (const structureId of [foreign.id, '00000000-0000-4000-8000-000000000000']) {
        const refused = await asProposer.execute(RECIPIENTS, { structureId });
        expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(refused.data).toBeNull();
      }
      // A territory admin follows no one: no directory of professionals through this query.
      const admin = await createAccount(db, [
        { role: Role.TERRITORY_ADMIN, territory: ownTerritory },
      ]);
      const asAdmin = await relais.graphqlAs(admin.id);
      expect(
        (await asAdmin.execute(RECIPIENTS, { structureId: target.id })).errors?.[0]?.extensions
          ?.code,
      ).toBe('FORBIDDEN');
      // A bad id names the field.
      const bad = await asProposer.execute(RECIPIENTS, { structureId: 'nope' });
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  // Was test/handovers/handover-objection.e2e-spec.ts. DOMAIN.md rule 8: a person who objected
  // gets no new team member without their agreement.
  describe('handing over a person who objected to sharing', () => {
    const PROPOSE_BRIEF = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id status } }`;
    const ACCEPT_BRIEF = `mutation($input: AcceptHandoverInput!) { acceptHandover(input: $input) { id status } }`;

    it('needs their recorded agreement to the new referent, and writes nothing without it', async () => {
      const ds = relais.dataSource;
      const ownTerritory = await createTerritory(ds);
      const from = await createStructure(ds, ownTerritory, {
        type: StructureType.CONSEIL_DEPARTEMENTAL,
      });
      const to = await createStructure(ds, ownTerritory, { type: StructureType.FRANCE_TRAVAIL });
      const objectorReferent = await createAccount(ds);
      const referentMembership = await addMembership(ds, objectorReferent, {
        role: Role.PROFESSIONAL,
        structure: from,
      });
      const successor = await createAccount(ds);
      await addMembership(ds, successor, { role: Role.PROFESSIONAL, structure: to });
      const person = await createPerson(ds, ownTerritory, { objection: true });
      await addTeamMember(ds, person, objectorReferent, referentMembership, TeamRole.REFERENT);

      const proposed = await (
        await relais.graphqlAs(objectorReferent.id)
      ).data<{ proposeHandover: { id: string } }>(PROPOSE_BRIEF, {
        input: {
          personId: person.id,
          toStructureId: to.id,
          toAccountId: successor.id,
          reason: 'Accompagnement vers l’emploi',
          personInformed: true,
        },
      });
      const asSuccessor = await relais.graphqlAs(successor.id);
      const input = {
        handoverId: proposed.proposeHandover.id,
        newReferentAccountId: successor.id,
        formerReferentStaysAsFollower: false,
      };
      const refused = await asSuccessor.execute(ACCEPT_BRIEF, { input });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'personAgreed',
      });
      const referents = () =>
        ds.query<{ account_id: string }[]>(
          `SELECT account_id FROM team_member WHERE person_id = $1 AND role = 'REFERENT' AND left_at IS NULL`,
          [person.id],
        );
      expect(await referents()).toEqual([{ account_id: objectorReferent.id }]);

      const accepted = await asSuccessor.data<{ acceptHandover: { status: string } }>(
        ACCEPT_BRIEF,
        {
          input: { ...input, personAgreed: true },
        },
      );
      expect(accepted.acceptHandover.status).toBe('ACCEPTED');
      expect(await referents()).toEqual([{ account_id: successor.id }]);
    });
  });
});
