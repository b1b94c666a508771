import { Role, type AccountEntity, type MembershipEntity } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import {
  AppointmentEntity,
  AppointmentStatus,
  GoalEntity,
  GoalStatus,
  type PersonEntity,
  PersonRight,
  TeamLeaveReason,
  TeamRole,
} from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  createAccount,
  createApiClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

const OPEN = `query($id: ID!) {
  person(id: $id) {
    id version nir nirRedacted rights sensitiveRightsRedacted
    access { ground teamRole canWrite canReadSensitive }
    team { role familyName structureName }
  }
}`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id version familyName } }`;
const LIMITS = `mutation($input: SetProcessingLimitsInput!) { setProcessingLimits(input: $input) { version restricted objection } }`;
const SEARCH = `query($q: String!, $first: Int, $after: String) {
  searchPeople(query: $q, first: $first, after: $after) {
    edges { cursor node { id givenName familyName birthYear isMember referentStructure { name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CASELOAD = `query($first: Int, $after: String, $filter: CaseloadFilterInput) {
  caseload(first: $first, after: $after, filter: $filter) {
    edges { cursor node { myRole referentName person { id familyName isMember } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CREATE = `mutation($input: CreatePersonInput!) {
  createPerson(input: $input) { summary { id isMember } person { id access { teamRole } } }
}`;
const REQUEST = `mutation($input: RequestToJoinTeamInput!) { requestToJoinTeam(input: $input) { id status } }`;
const DECIDE = `mutation($input: DecideJoinRequestInput!) { decideJoinRequest(input: $input) { id status } }`;
const TO_DECIDE = `query { joinRequestsToDecide(first: 50) { edges { node { id reason requesterName person { id } } } } }`;
const LEAVE = `mutation($input: LeaveTeamInput!) { leaveTeam(input: $input) }`;

function nirWithKey(body: string): string {
  return body + String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
}

interface Caseworker {
  account: AccountEntity;
  membership: MembershipEntity;
  client: GraphqlHttpClient;
}

describe('people: who may open, change and find a file (DOMAIN.md access rules)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let elsewhere: TerritoryEntity;
  let departement: StructureEntity;
  let missionLocale: StructureEntity;
  let franceTravail: StructureEntity;
  let person: PersonEntity;
  const as: Record<string, GraphqlHttpClient> = {};
  let referent: Caseworker;
  let follower: Caseworker;
  let outsider: Caseworker;
  let formerReferent: Caseworker;

  const caseworker = async (structure: StructureEntity, role = Role.PROFESSIONAL) => {
    const account = await createAccount(relais.dataSource);
    const membership = await addMembership(relais.dataSource, account, {
      role: role as Role.PROFESSIONAL,
      structure,
    });
    return { account, membership, client: await relais.graphqlAs(account.id) };
  };
  const count = async (table: string, personId = person.id): Promise<number> =>
    Number(
      (
        await relais.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM ${table} WHERE person_id = $1`,
          [personId],
        )
      )[0]?.n,
    );
  const versionOf = async (id = person.id): Promise<number> =>
    (
      await relais.dataSource.query<{ version: number }[]>(
        'SELECT version FROM person WHERE id = $1',
        [id],
      )
    )[0].version;

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds);
    elsewhere = await createTerritory(ds);
    departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    missionLocale = await createStructure(ds, territory, { type: StructureType.MISSION_LOCALE });
    franceTravail = await createStructure(ds, territory, { type: StructureType.FRANCE_TRAVAIL });
    const farAway = await createStructure(ds, elsewhere, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });

    person = await createPerson(ds, territory, {
      givenName: 'Inès',
      familyName: 'Benali',
      birthDate: '1991-03-08',
      nir: nirWithKey('2910344109123'),
      rights: [PersonRight.RSA, PersonRight.RQTH],
      cafNumber: '1234567',
    });
    referent = await caseworker(departement);
    follower = await caseworker(missionLocale);
    outsider = await caseworker(franceTravail);
    formerReferent = await caseworker(franceTravail);
    const expired = await caseworker(missionLocale);
    await addTeamMember(ds, person, referent.account, referent.membership, TeamRole.REFERENT);
    await addTeamMember(ds, person, follower.account, follower.membership, TeamRole.FOLLOWER);
    await addTeamMember(
      ds,
      person,
      formerReferent.account,
      formerReferent.membership,
      TeamRole.REFERENT,
      {
        at: new Date(Date.now() - 10 * 86_400_000),
        reason: TeamLeaveReason.HANDOVER,
      },
    );
    await addTeamMember(ds, person, expired.account, expired.membership, TeamRole.REFERENT, {
      at: new Date(Date.now() - 31 * 86_400_000),
      reason: TeamLeaveReason.HANDOVER,
    });

    as.referent = referent.client;
    as.follower = follower.client;
    as.outsider = outsider.client;
    as.formerReferent = formerReferent.client;
    as.expiredFormerReferent = expired.client;
    as.otherTerritory = (await caseworker(farAway)).client;
    as.orientationManager = (await caseworker(departement, Role.ORIENTATION_MANAGER)).client;
    as.structureAdmin = (await caseworker(departement, Role.STRUCTURE_ADMIN)).client;
    const territoryAdmin = await createAccount(ds, [{ role: Role.TERRITORY_ADMIN, territory }]);
    as.territoryAdmin = await relais.graphqlAs(territoryAdmin.id);
    as.partner = await relais.graphqlAsClient(
      await createApiClient(ds, territory, ['persons:read']),
    );
    as.partnerSensitive = await relais.graphqlAsClient(
      await createApiClient(ds, territory, ['persons:read', 'sensitive:read']),
    );
    as.partnerWithoutScope = await relais.graphqlAsClient(
      await createApiClient(ds, territory, ['events:read']),
    );
    as.partnerElsewhere = await relais.graphqlAsClient(
      await createApiClient(ds, elsewhere, ['persons:read', 'persons:write']),
    );
    as.partnerOfAnotherStructure = await relais.graphqlAsClient(
      await createApiClient(ds, territory, ['persons:read'], franceTravail),
    );
  });

  afterAll(async () => {
    await relais.close();
  });

  describe('opening a file (rules 1 and 4), each read logged with its ground (rule 6)', () => {
    it.each([
      ['the referent', 'referent', 'TEAM_MEMBER', true],
      ['a follower', 'follower', 'TEAM_MEMBER', true],
      ['the former referent within 30 days', 'formerReferent', 'FORMER_REFERENT', false],
      [
        'an orientation manager of the territory',
        'orientationManager',
        'ORIENTATION_MANAGER',
        false,
      ],
      ['a partner system with persons:read', 'partner', 'PARTNER_CLIENT', false],
    ])('lets %s read it', async (_who, key, ground, canWrite) => {
      const before = await count('access_log');
      const result = await as[key].execute<{
        person: { access: { ground: string; canWrite: boolean } };
      }>(OPEN, { id: person.id });
      expect(result.errors).toBeUndefined();
      expect(result.data?.person.access).toMatchObject({ ground, canWrite });
      const rows = await relais.dataSource.query<{ ground: string }[]>(
        'SELECT ground FROM access_log WHERE person_id = $1 ORDER BY id DESC LIMIT 1',
        [person.id],
      );
      expect(await count('access_log')).toBe(before + 1);
      expect(rows[0]?.ground).toBe(ground);
    });

    it.each([
      ['a professional of the territory outside the team', 'outsider'],
      ['a professional of another territory', 'otherTerritory'],
      ['the former referent after 30 days', 'expiredFormerReferent'],
      ['a structure admin', 'structureAdmin'],
      ['a territory admin (no file contents by default)', 'territoryAdmin'],
      ['a partner system without persons:read', 'partnerWithoutScope'],
      ['a partner system of another territory', 'partnerElsewhere'],
      ['a partner system of a structure outside the team', 'partnerOfAnotherStructure'],
    ])('refuses %s, and logs nothing', async (_who, key) => {
      const before = await count('access_log');
      const result = await as[key].execute(OPEN, { id: person.id });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data ?? null).toBeNull();
      expect(await count('access_log')).toBe(before);
    });

    it('answers an unknown id exactly as a forbidden one', async () => {
      const result = await as.referent.execute(OPEN, {
        id: '00000000-0000-4000-8000-000000000000',
      });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('sensitive fields (rule 2): NIR and RQTH', () => {
    type Seen = {
      person: {
        nir: string | null;
        nirRedacted: boolean;
        rights: string[];
        sensitiveRightsRedacted: boolean;
      };
    };

    it('shows them to the referent', async () => {
      const seen = await as.referent.data<Seen>(OPEN, { id: person.id });
      expect(seen.person).toMatchObject({
        nir: person.nir,
        nirRedacted: false,
        sensitiveRightsRedacted: false,
      });
      expect(seen.person.rights).toEqual(expect.arrayContaining(['RSA', 'RQTH']));
    });

    it('redacts them, visibly, for a follower of a mission locale', async () => {
      const seen = await as.follower.data<Seen>(OPEN, { id: person.id });
      expect(seen.person).toMatchObject({
        nir: null,
        nirRedacted: true,
        rights: ['RSA'],
        sensitiveRightsRedacted: true,
      });
    });

    it('redacts them for an orientation manager and for a partner without sensitive:read', async () => {
      for (const key of ['orientationManager', 'partner']) {
        const seen = await as[key].data<Seen>(OPEN, { id: person.id });
        expect(seen.person).toMatchObject({
          nir: null,
          nirRedacted: true,
          sensitiveRightsRedacted: true,
        });
      }
    });

    it('shows them to a partner with sensitive:read', async () => {
      const seen = await as.partnerSensitive.data<Seen>(OPEN, { id: person.id });
      expect(seen.person).toMatchObject({ nir: person.nir, sensitiveRightsRedacted: false });
    });
  });

  describe('changing a file', () => {
    const input = (version: number, familyName = 'Benali') => ({
      personId: person.id,
      version,
      givenName: 'Inès',
      familyName,
      birthDate: '1991-03-08',
      rights: ['RSA', 'RQTH'],
      nir: person.nir,
      cafNumber: '1234567',
    });

    it.each([
      ['the former referent (read-only for 30 days)', 'formerReferent'],
      ['an orientation manager', 'orientationManager'],
      ['an outsider', 'outsider'],
      ['a professional of another territory', 'otherTerritory'],
      ['a partner system', 'partnerSensitive'],
      ['a territory admin', 'territoryAdmin'],
    ])('refuses %s and writes nothing', async (_who, key) => {
      const version = await versionOf();
      const events = await count('timeline_event');
      const result = await as[key].execute(UPDATE, { input: input(version, 'Changé') });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await versionOf()).toBe(version);
      expect(await count('timeline_event')).toBe(events);
    });

    it('lets a team member change it, bumps the version and appends a timeline event with before and after', async () => {
      const version = await versionOf();
      const result = await as.follower.data<{
        updatePerson: { version: number; familyName: string };
      }>(UPDATE, {
        input: input(version, 'Benali-Martin'),
      });
      expect(result.updatePerson).toMatchObject({
        version: version + 1,
        familyName: 'Benali-Martin',
      });
      const [event] = await relais.dataSource.query<
        { type: string; before: object; after: object; actor_membership_id: string }[]
      >(
        `SELECT type, before, after, actor_membership_id FROM timeline_event WHERE person_id = $1 ORDER BY occurred_at DESC LIMIT 1`,
        [person.id],
      );
      expect(event).toMatchObject({
        type: 'person.updated',
        before: { familyName: 'Benali' },
        after: { familyName: 'Benali-Martin' },
        actor_membership_id: follower.membership.id,
      });
    });

    it('refuses a stale version with CONFLICT and writes nothing', async () => {
      const version = await versionOf();
      const events = await count('timeline_event');
      const result = await as.referent.execute(UPDATE, { input: input(version - 1, 'Ancienne') });
      expect(result.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect(await versionOf()).toBe(version);
      expect(await count('timeline_event')).toBe(events);
    });

    it.each([
      [
        'a birth date in the future',
        { birthDate: `${new Date().getUTCFullYear() + 1}-01-01` },
        'birthDate',
      ],
      ['a birth date 130 years ago', { birthDate: '1890-01-01' }, 'birthDate'],
      ['a NIR whose key is wrong', { nir: '291034410912300' }, 'nir'],
      ['a CAF number of letters', { cafNumber: 'ABCDEFG' }, 'cafNumber'],
      ['an overlong family name', { familyName: 'x'.repeat(101) }, 'familyName'],
      ['an unknown right', { rights: ['RSA', 'LOTO'] }, 'rights[1]'],
    ])(
      'refuses %s with BAD_USER_INPUT naming the field, and writes nothing',
      async (_case, change, field) => {
        const version = await versionOf();
        const result = await as.referent.execute(UPDATE, {
          input: { ...input(version), ...change },
        });
        expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        if (field) expect(result.errors?.[0]?.extensions?.field).toBe(field);
        expect(await versionOf()).toBe(version);
      },
    );
  });

  describe('creating a file', () => {
    const newPerson = (change: Record<string, unknown> = {}) => ({
      territoryId: territory.id,
      givenName: 'Jules',
      familyName: `Morel ${Math.random().toString(36).slice(2, 8)}`,
      birthDate: '1999-12-01',
      ...change,
    });

    it('refuses a likely duplicate (same names, whatever the accents and case, same birth date) with CONFLICT naming the existing person', async () => {
      const before = await relais.dataSource.query<{ n: string }[]>(
        'SELECT count(*) AS n FROM person',
      );
      const result = await as.outsider.execute(CREATE, {
        input: newPerson({
          givenName: 'INES',
          familyName: 'benali-martin',
          birthDate: '1991-03-08',
        }),
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        details: { existingPerson: { id: person.id, birthYear: 1991, isMember: false } },
      });
      expect(await relais.dataSource.query('SELECT count(*) AS n FROM person')).toEqual(before);
    });

    it('refuses a file with the CAF number of another person of the territory', async () => {
      const result = await as.outsider.execute(CREATE, {
        input: newPerson({ cafNumber: '1234567' }),
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        details: { existingPerson: { id: person.id } },
      });
    });

    it('lets the same person exist in another territory', async () => {
      const farAway = await createStructure(relais.dataSource, elsewhere, {
        type: StructureType.CCAS,
      });
      const there = await caseworker(farAway);
      const result = await there.client.execute(CREATE, {
        input: newPerson({
          territoryId: elsewhere.id,
          givenName: 'Inès',
          familyName: 'Benali-Martin',
          birthDate: '1991-03-08',
        }),
      });
      expect(result.errors).toBeUndefined();
    });

    it('refuses a professional of another territory, and a partner without persons:write', async () => {
      for (const key of ['otherTerritory', 'partner']) {
        const result = await as[key].execute(CREATE, { input: newPerson() });
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('lets a territory admin create a file without reading it, and a follower creator join as follower', async () => {
      const byAdmin = await as.territoryAdmin.data<{
        createPerson: { summary: { isMember: boolean }; person: null };
      }>(CREATE, { input: newPerson() });
      expect(byAdmin.createPerson).toMatchObject({ summary: { isMember: false }, person: null });
      const byFollower = await as.follower.data<{
        createPerson: { person: { access: { teamRole: string } } };
      }>(CREATE, { input: newPerson({ teamRole: 'FOLLOWER' }) });
      expect(byFollower.createPerson.person.access.teamRole).toBe('FOLLOWER');
    });
  });

  describe('search (minimal view of the territory)', () => {
    it('finds a person by name with a typo, with the minimal view only', async () => {
      const result = await as.outsider.data<{
        searchPeople: { edges: { node: Record<string, unknown> }[] };
      }>(SEARCH, { q: 'benali martn' });
      const found = result.searchPeople.edges.map((edge) => edge.node);
      expect(found).toContainEqual({
        id: person.id,
        givenName: 'Inès',
        familyName: 'Benali-Martin',
        birthYear: 1991,
        isMember: false,
        referentStructure: { name: departement.name },
      });
    });

    it('finds by CAF number and says whether the caller follows the person', async () => {
      const result = await as.referent.data<{
        searchPeople: { edges: { node: { id: string; isMember: boolean } }[] };
      }>(SEARCH, { q: '1234567' });
      expect(result.searchPeople.edges.map((edge) => edge.node)).toEqual([
        { ...result.searchPeople.edges[0].node, id: person.id, isMember: true },
      ]);
    });

    it('finds nobody of another territory, and refuses partners without persons:read', async () => {
      const other = await as.otherTerritory.data<{
        searchPeople: { edges: { node: { id: string } }[] };
      }>(SEARCH, {
        q: 'benali',
      });
      expect(other.searchPeople.edges.map((edge) => edge.node.id)).not.toContain(person.id);
      const partner = await as.partnerWithoutScope.execute(SEARCH, { q: 'benali' });
      expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses a one-letter query and a page over 100, naming the field', async () => {
      const short = await as.outsider.execute(SEARCH, { q: 'b' });
      expect(short.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'query',
      });
      const big = await as.outsider.execute(SEARCH, { q: 'benali', first: 101 });
      expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    });
  });

  describe('caseload', () => {
    it('lists the caller’s people, most recent activity first, page by page without gaps or repeats', async () => {
      const cw = await caseworker(missionLocale);
      const ids: string[] = [];
      for (let index = 0; index < 5; index += 1) {
        const someone = await createPerson(relais.dataSource, territory, {
          lastActivityAt: new Date(Date.now() - index * 60_000),
        });
        await addTeamMember(
          relais.dataSource,
          someone,
          cw.account,
          cw.membership,
          index % 2 ? TeamRole.FOLLOWER : TeamRole.REFERENT,
        );
        ids.push(someone.id);
      }
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: {
          caseload: {
            edges: { node: { person: { id: string } } }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        } = await cw.client.data(CASELOAD, { first: 2, after });
        seen.push(...page.caseload.edges.map((edge) => edge.node.person.id));
        after = page.caseload.pageInfo.hasNextPage ? page.caseload.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(ids);

      const following = await cw.client.data<{
        caseload: { edges: { node: { myRole: string; person: { id: string } } }[] };
      }>(CASELOAD, { first: 10, filter: { myRole: 'FOLLOWER' } });
      expect(following.caseload.edges.map((edge) => edge.node.person.id)).toEqual([ids[1], ids[3]]);
    });

    it('refuses a cursor it did not give with BAD_USER_INPUT on after', async () => {
      const forged = Buffer.from(JSON.stringify(['yesterday', 'me'])).toString('base64url');
      for (const [query, variables] of [
        [CASELOAD, { first: 2, after: forged }],
        [SEARCH, { q: 'benali', after: forged }],
      ] as const) {
        const result = await as.referent.execute(query, variables);
        expect(result.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'after',
        });
      }
    });

    it('shows each entry’s next planned appointment and its goals in progress', async () => {
      const cw = await caseworker(missionLocale);
      const someone = await createPerson(relais.dataSource, territory);
      await addTeamMember(relais.dataSource, someone, cw.account, cw.membership, TeamRole.REFERENT);
      const soon = new Date(Date.now() + 2 * 86_400_000);
      const by = { personId: someone.id, createdByMembershipId: cw.membership.id };
      await relais.dataSource.manager.insert(AppointmentEntity, [
        {
          ...by,
          startsAt: new Date(Date.now() - 86_400_000),
          durationMinutes: 30,
          withWhom: 'A',
          status: AppointmentStatus.HONORED,
        },
        {
          ...by,
          startsAt: soon,
          durationMinutes: 30,
          withWhom: 'B',
          status: AppointmentStatus.PLANNED,
        },
        {
          ...by,
          startsAt: new Date(Date.now() + 86_400_000),
          durationMinutes: 30,
          withWhom: 'C',
          status: AppointmentStatus.CANCELLED,
        },
      ]);
      await relais.dataSource.manager.insert(GoalEntity, [
        { ...by, title: 'Permis', status: GoalStatus.IN_PROGRESS },
        { ...by, title: 'Logement', status: GoalStatus.IN_PROGRESS },
        { ...by, title: 'CV', status: GoalStatus.ACHIEVED },
      ]);
      const result = await cw.client.data<{
        caseload: { edges: { node: { nextAppointmentAt: string; openGoals: number } }[] };
      }>(`query { caseload(first: 5) { edges { node { nextAppointmentAt openGoals } } } }`);
      expect(result.caseload.edges.map((edge) => edge.node)).toEqual([
        { nextAppointmentAt: soon.toISOString(), openGoals: 2 },
      ]);
    });

    it('filters by text and names the referent', async () => {
      const result = await as.follower.data<{
        caseload: { edges: { node: { referentName: string; person: { id: string } } }[] };
      }>(CASELOAD, { first: 10, filter: { text: 'bénali' } });
      expect(result.caseload.edges).toHaveLength(1);
      expect(result.caseload.edges[0].node).toMatchObject({
        person: { id: person.id },
        referentName: `${referent.account.givenName} ${referent.account.familyName}`,
      });
    });
  });

  describe('joining and leaving a team', () => {
    it('lets an outsider ask; the referent sees the request and accepts; the outsider then reads the file', async () => {
      const asked = await as.outsider.data<{ requestToJoinTeam: { id: string; status: string } }>(
        REQUEST,
        {
          input: { personId: person.id, reason: 'Suivi emploi à France Travail' },
        },
      );
      expect(asked.requestToJoinTeam.status).toBe('PENDING');
      const again = await as.outsider.execute(REQUEST, {
        input: { personId: person.id, reason: 'Encore' },
      });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');

      const mine = await as.referent.data<{
        joinRequestsToDecide: { edges: { node: { id: string } }[] };
      }>(TO_DECIDE);
      expect(mine.joinRequestsToDecide.edges.map((edge) => edge.node.id)).toContain(
        asked.requestToJoinTeam.id,
      );
      const notTheirs = await as.follower.data<{ joinRequestsToDecide: { edges: unknown[] } }>(
        TO_DECIDE,
      );
      expect(notTheirs.joinRequestsToDecide.edges).toHaveLength(0);
      const byFollower = await as.follower.execute(DECIDE, {
        input: { requestId: asked.requestToJoinTeam.id, accept: true },
      });
      expect(byFollower.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const accepted = await as.referent.data<{ decideJoinRequest: { status: string } }>(DECIDE, {
        input: { requestId: asked.requestToJoinTeam.id, accept: true },
      });
      expect(accepted.decideJoinRequest.status).toBe('ACCEPTED');
      const opened = await as.outsider.data<{
        person: { access: { ground: string; teamRole: string } };
      }>(OPEN, { id: person.id });
      expect(opened.person.access).toMatchObject({ ground: 'TEAM_MEMBER', teamRole: 'FOLLOWER' });
      const twice = await as.referent.execute(DECIDE, {
        input: { requestId: asked.requestToJoinTeam.id, accept: false },
      });
      expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('lets a structure admin of the referent’s structure decline, with a reason', async () => {
      const newcomer = await caseworker(franceTravail);
      const asked = await newcomer.client.data<{ requestToJoinTeam: { id: string } }>(REQUEST, {
        input: { personId: person.id, reason: 'Je la connais' },
      });
      const declined = await as.structureAdmin.data<{ decideJoinRequest: { status: string } }>(
        DECIDE,
        {
          input: { requestId: asked.requestToJoinTeam.id, accept: false, reason: 'Déjà suivie' },
        },
      );
      expect(declined.decideJoinRequest.status).toBe('DECLINED');
      expect(
        (await newcomer.client.execute(OPEN, { id: person.id })).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
    });

    it('lets a follower leave (and lose access), never the referent', async () => {
      const leaver = await caseworker(missionLocale);
      await addTeamMember(
        relais.dataSource,
        person,
        leaver.account,
        leaver.membership,
        TeamRole.FOLLOWER,
      );
      expect(
        (
          await leaver.client.execute(LEAVE, {
            input: { personId: person.id, comment: 'Fin de mission' },
          })
        ).errors,
      ).toBeUndefined();
      expect(
        (await leaver.client.execute(OPEN, { id: person.id })).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
      const byReferent = await as.referent.execute(LEAVE, { input: { personId: person.id } });
      expect(byReferent.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('ends access at once when the membership is revoked (rule 5)', async () => {
      const leaving = await caseworker(missionLocale);
      await addTeamMember(
        relais.dataSource,
        person,
        leaving.account,
        leaving.membership,
        TeamRole.FOLLOWER,
      );
      expect((await leaving.client.execute(OPEN, { id: person.id })).errors).toBeUndefined();
      await relais.dataSource.query('UPDATE membership SET revoked_at = now() WHERE id = $1', [
        leaving.membership.id,
      ]);
      expect(
        (await leaving.client.execute(OPEN, { id: person.id })).errors?.[0]?.extensions?.code,
      ).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
    });
  });

  describe('the one active referent, enforced by the database', () => {
    it('lets exactly one of two concurrent transactions make someone referent', async () => {
      const someone = await createPerson(relais.dataSource, territory);
      const [a, b] = [await caseworker(departement), await caseworker(missionLocale)];
      const results = await Promise.allSettled(
        [a, b].map((cw) =>
          addTeamMember(relais.dataSource, someone, cw.account, cw.membership, TeamRole.REFERENT),
        ),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const rows = await relais.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM team_member WHERE person_id = $1 AND role = 'REFERENT' AND left_at IS NULL`,
        [someone.id],
      );
      expect(rows[0]?.n).toBe('1');
    });
  });

  describe('RGPD restriction and objection (rule 8)', () => {
    it('makes a restricted file read-only and hides it from partners; only the referent sets it', async () => {
      const someone = await createPerson(relais.dataSource, territory);
      await addTeamMember(
        relais.dataSource,
        someone,
        referent.account,
        referent.membership,
        TeamRole.REFERENT,
      );
      await addTeamMember(
        relais.dataSource,
        someone,
        follower.account,
        follower.membership,
        TeamRole.FOLLOWER,
      );
      const byFollower = await as.follower.execute(LIMITS, {
        input: { personId: someone.id, version: 1, restricted: true, objection: false },
      });
      expect(byFollower.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const set = await as.referent.data<{
        setProcessingLimits: { version: number; restricted: boolean };
      }>(LIMITS, {
        input: { personId: someone.id, version: 1, restricted: true, objection: false },
      });
      expect(set.setProcessingLimits).toMatchObject({ version: 2, restricted: true });
      const change = await as.referent.execute(UPDATE, {
        input: {
          personId: someone.id,
          version: 2,
          givenName: 'X',
          familyName: 'Y',
          birthDate: '1980-01-01',
        },
      });
      expect(change.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(
        (await as.partner.execute(OPEN, { id: someone.id })).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
      expect((await as.follower.execute(OPEN, { id: someone.id })).errors).toBeUndefined();
    });

    it('hides a person who objected from partners, and needs their agreement to add a member', async () => {
      const someone = await createPerson(relais.dataSource, territory, {
        objection: true,
        familyName: 'Objecteur',
      });
      await addTeamMember(
        relais.dataSource,
        someone,
        referent.account,
        referent.membership,
        TeamRole.REFERENT,
      );
      expect(
        (await as.partnerSensitive.execute(OPEN, { id: someone.id })).errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
      const found = await as.partner.data<{ searchPeople: { edges: { node: { id: string } }[] } }>(
        SEARCH,
        { q: 'objecteur' },
      );
      expect(found.searchPeople.edges.map((edge) => edge.node.id)).not.toContain(someone.id);

      const asked = await as.outsider.data<{ requestToJoinTeam: { id: string } }>(REQUEST, {
        input: { personId: someone.id, reason: 'Suivi emploi' },
      });
      const without = await as.referent.execute(DECIDE, {
        input: { requestId: asked.requestToJoinTeam.id, accept: true },
      });
      expect(without.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'personAgreed',
      });
      expect(await count('team_member', someone.id)).toBe(1);
      const agreed = await as.referent.data<{ decideJoinRequest: { status: string } }>(DECIDE, {
        input: { requestId: asked.requestToJoinTeam.id, accept: true, personAgreed: true },
      });
      expect(agreed.decideJoinRequest.status).toBe('ACCEPTED');
    });
  });
  // Was test/pathways/people.e2e-spec.ts: its own territory and structures, on this file's app.
  describe('creating and opening a file', () => {
    const CREATE_FILE = `mutation($input: CreatePersonInput!) {
      createPerson(input: $input) {
        summary { id givenName familyName birthYear isMember referentStructure { id name } }
        person { id version nir rights access { ground teamRole canWrite canReadSensitive }
                 team { role structureName givenName } }
      }
    }`;
    const OPEN_FILE = `query($id: ID!) { person(id: $id) { id givenName version nir nirRedacted rights sensitiveRightsRedacted access { ground canWrite } } }`;
    let ownTerritory: TerritoryEntity;
    let creator: GraphqlHttpClient;
    let colleague: GraphqlHttpClient;

    beforeAll(async () => {
      const ds = relais.dataSource;
      ownTerritory = await createTerritory(ds);
      const social = await createStructure(ds, ownTerritory, {
        type: StructureType.CONSEIL_DEPARTEMENTAL,
      });
      const employment = await createStructure(ds, ownTerritory, {
        type: StructureType.MISSION_LOCALE,
      });
      const creatorAccount = await createAccount(ds, [
        { role: Role.PROFESSIONAL, structure: social },
      ]);
      creator = await relais.graphqlAs(creatorAccount.id);
      const colleagueAccount = await createAccount(ds);
      await addMembership(ds, colleagueAccount, {
        role: Role.PROFESSIONAL,
        structure: employment,
      });
      colleague = await relais.graphqlAs(colleagueAccount.id);
    });

    it('lets a professional create a file and become its referent', async () => {
      const result = await creator.execute<{
        createPerson: {
          summary: { id: string; isMember: boolean; birthYear: number };
          person: {
            version: number;
            access: { ground: string; teamRole: string };
            team: unknown[];
          };
        };
      }>(CREATE_FILE, {
        input: {
          territoryId: ownTerritory.id,
          givenName: 'Inès',
          familyName: 'Benali',
          birthDate: '1991-03-08',
          nir: nirWithKey('2910344109123'),
          rights: ['RSA', 'RQTH'],
        },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.createPerson.summary).toMatchObject({ isMember: true, birthYear: 1991 });
      expect(result.data?.createPerson.person).toMatchObject({
        version: 1,
        access: { ground: 'TEAM_MEMBER', teamRole: 'REFERENT' },
        team: [{ role: 'REFERENT' }],
      });
      const id = result.data?.createPerson.summary.id;

      const outsiderResult = await colleague.execute(OPEN_FILE, { id });
      expect(outsiderResult.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(outsiderResult.data ?? null).toBeNull();
    });
  });
});
