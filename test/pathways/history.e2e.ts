import { type AccountEntity, type MembershipEntity, Role } from '@relais/identity';
import { type StructureEntity, StructureType, type TerritoryEntity } from '@relais/organizations';
import {
  ActionStatus,
  AppointmentEntity,
  AppointmentStatus,
  ContractEntity,
  ContractType,
  GoalEntity,
  GoalStatus,
  NoteEntity,
  NoteVisibility,
  ObstacleEntity,
  ObstacleStatus,
  ObstacleTheme,
  type PersonEntity,
  PlanActionEntity,
  TeamRole,
  TimelineEventEntity,
} from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  countStatements,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startFromEmptyTables, startRelais } from '../support/app.js';

const TIMELINE = `query($id: ID!, $kinds: [TimelineKind!]) {
  person(id: $id) {
    timeline(first: 50, kinds: $kinds) {
      edges { node { type subjectType subjectName redacted before after references { id name } } }
    }
  }
}`;
const ADD_ACTION = `mutation($input: AddActionInput!) { addAction(input: $input) { id version } }`;
const UPDATE_ACTION = `mutation($input: UpdateActionInput!) { updateAction(input: $input) { id } }`;
const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { id } }`;
const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`;
const ACCEPT = `mutation($input: AcceptHandoverInput!) { acceptHandover(input: $input) { id } }`;
const OPEN = `query($id: ID!) { person(id: $id) { id } }`;
const DAYS = `query($personId: ID!, $readerId: ID) {
  accessLogDays(personId: $personId, readerId: $readerId, first: 20) {
    edges { node { day reads firstAt lastAt readerId readerName role structureName ground } }
  }
}`;
const READERS = `query($personId: ID!) { accessLogReaders(personId: $personId) { id name } }`;
const PEOPLE = `query($query: String!) { accessLogPeople(query: $query) { id givenName familyName } }`;
const FORMER = `query { formerCaseload { personId familyName handedOverAt readableUntil
  referentName referentStructureName } }`;

interface Entry {
  type: string;
  subjectType: string;
  subjectName: string | null;
  redacted: boolean;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  references: { id: string; name: string }[];
}
interface Day {
  day: string;
  reads: number;
  firstAt: string;
  lastAt: string;
  readerId: string;
  readerName: string;
  role: string | null;
  structureName: string | null;
  ground: string;
}

const DAY_MS = 86_400_000;

describe('readable history and access: timeline, grouped access log, former caseload', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let departement: StructureEntity;
  let missionLocale: StructureEntity;
  const as: Record<string, GraphqlHttpClient> = {};
  const account: Record<string, AccountEntity> = {};
  const membership: Record<string, MembershipEntity> = {};

  const professional = async (
    key: string,
    structure: StructureEntity,
    given: string,
    family: string,
  ) => {
    account[key] = await createAccount(relais.dataSource, [], {
      givenName: given,
      familyName: family,
    });
    membership[key] = await addMembership(relais.dataSource, account[key], {
      role: Role.PROFESSIONAL,
      structure,
    });
    as[key] = await relais.graphqlAs(account[key].id);
  };

  const newFile = async (familyName: string): Promise<PersonEntity> => {
    const person = await createPerson(relais.dataSource, territory, { familyName });
    await addTeamMember(
      relais.dataSource,
      person,
      account.referent,
      membership.referent,
      TeamRole.REFERENT,
    );
    return person;
  };

  const timeline = async (key: string, id: string, kinds?: string[]): Promise<Entry[]> =>
    (
      await as[key].data<{ person: { timeline: { edges: { node: Entry }[] } } }>(TIMELINE, {
        id,
        kinds,
      })
    ).person.timeline.edges.map((edge) => edge.node);

  const days = async (key: string, personId: string, readerId?: string): Promise<Day[]> =>
    (
      await as[key].data<{ accessLogDays: { edges: { node: Day }[] } }>(DAYS, {
        personId,
        readerId,
      })
    ).accessLogDays.edges.map((edge) => edge.node);

  const handOver = async (person: PersonEntity): Promise<void> => {
    const { proposeHandover } = await as.referent.data<{ proposeHandover: { id: string } }>(
      PROPOSE,
      {
        input: {
          personId: person.id,
          toStructureId: missionLocale.id,
          toAccountId: account.yanis.id,
          reason: 'Projet d’apprentissage : la mission locale prend le relais.',
          personInformed: true,
        },
      },
    );
    await as.yanis.data(ACCEPT, { input: { handoverId: proposeHandover.id } });
  };

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds);
    const elsewhere = await createTerritory(ds);
    departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
      name: 'Département de Loire-Atlantique',
    });
    missionLocale = await createStructure(ds, territory, {
      type: StructureType.MISSION_LOCALE,
      name: 'Mission locale Nantes',
    });
    await professional('referent', departement, 'Claire', 'Moreau');
    await professional('yanis', missionLocale, 'Yanis', 'Benali');
    await professional('follower', missionLocale, 'Inès', 'Garnier');
    await professional('outsider', missionLocale, 'Paul', 'Roux');
    const admin = await createAccount(ds, [{ role: Role.TERRITORY_ADMIN, territory }]);
    as.admin = await relais.graphqlAs(admin.id);
    const otherAdmin = await createAccount(ds, [
      { role: Role.TERRITORY_ADMIN, territory: elsewhere },
    ]);
    as.otherAdmin = await relais.graphqlAs(otherAdmin.id);
    const structureAdmin = await createAccount(ds, [
      { role: Role.STRUCTURE_ADMIN, structure: departement },
    ]);
    as.structureAdmin = await relais.graphqlAs(structureAdmin.id);
  });

  afterAll(async () => {
    await relais?.close();
  });

  it('names each entry’s object and the structure and professional a handover points to; filters by kind', async () => {
    const person = await newFile('Timeline');
    const { addAction } = await as.referent.data<{ addAction: { id: string; version: number } }>(
      ADD_ACTION,
      { input: { personId: person.id, title: 'Permis B', status: 'IN_PROGRESS' } },
    );
    await as.referent.data(UPDATE_ACTION, {
      input: { actionId: addAction.id, version: addAction.version, status: 'ABANDONED' },
    });
    await as.referent.data(ADD_NOTE, {
      input: { personId: person.id, body: 'Permis financé par le département.' },
    });
    await handOver(person);

    const plan = await timeline('yanis', person.id, ['PLAN']);
    expect(plan.map((entry) => entry.type)).toEqual(['action.updated', 'action.added']);
    expect(plan[0]).toMatchObject({
      subjectName: 'Permis B',
      before: { status: 'IN_PROGRESS' },
      after: { status: 'ABANDONED' },
    });

    const handovers = await timeline('yanis', person.id, ['HANDOVER']);
    expect(handovers.map((entry) => entry.type)).toEqual([
      'handover.accepted',
      'handover.proposed',
    ]);
    const proposed = handovers[1];
    expect(proposed.references).toEqual(
      expect.arrayContaining([
        { id: missionLocale.id, name: 'Mission locale Nantes' },
        { id: account.yanis.id, name: 'Yanis Benali' },
        { id: departement.id, name: 'Département de Loire-Atlantique' },
      ]),
    );
    expect(proposed.subjectName).toBeNull();

    const notes = await timeline('yanis', person.id, ['NOTE']);
    expect(notes.map((entry) => [entry.type, entry.subjectName])).toEqual([['note.added', null]]);
    const everything = await timeline('yanis', person.id);
    expect(everything.map((entry) => entry.type).sort()).toEqual(
      [...plan, ...handovers, ...notes].map((entry) => entry.type).sort(),
    );
    const both = await timeline('yanis', person.id, ['PLAN', 'NOTE']);
    expect(both).toHaveLength(plan.length + notes.length);

    const wrong = await as.yanis.execute(TIMELINE, { id: person.id, kinds: ['NOPE'] });
    expect(wrong.errors?.[0]?.message).toMatch(/TimelineKind/);
  });

  it('names nothing of a change the viewer may not read: a sensitive obstacle and its action', async () => {
    const person = await newFile('Sensible');
    await addTeamMember(relais.dataSource, person, account.follower, membership.follower);
    const { addObstacle } = await as.referent.data<{ addObstacle: { id: string } }>(
      `mutation($input: AddObstacleInput!) { addObstacle(input: $input) { id } }`,
      { input: { personId: person.id, theme: 'HEALTH', status: 'IDENTIFIED' } },
    );
    await as.referent.data(ADD_ACTION, {
      input: { personId: person.id, title: 'Suivi médical', obstacleId: addObstacle.id },
    });
    const own = await timeline('referent', person.id, ['PROJECT', 'PLAN']);
    expect(own.map((entry) => [entry.type, entry.subjectName, entry.redacted])).toEqual([
      ['action.added', 'Suivi médical', false],
      ['obstacle.added', 'HEALTH', false],
    ]);
    const theirs = await timeline('follower', person.id, ['PROJECT', 'PLAN']);
    expect(theirs).toEqual(
      ['action.added', 'obstacle.added'].map((type) => ({
        type,
        subjectType: type.startsWith('action') ? 'PlanAction' : 'Obstacle',
        subjectName: null,
        redacted: true,
        before: null,
        after: null,
        references: [],
      })),
    );
  });

  it('groups a reader’s reads of one day with their count and first and last time, and filters by reader', async () => {
    const person = await newFile('Journal');
    await addTeamMember(relais.dataSource, person, account.follower, membership.follower);
    for (let i = 0; i < 3; i += 1) await as.referent.data(OPEN, { id: person.id });
    for (let i = 0; i < 2; i += 1) await as.follower.data(OPEN, { id: person.id });

    const all = await days('referent', person.id);
    expect(all.map((day) => [day.readerName, day.reads])).toEqual([
      ['Inès Garnier', 2],
      ['Claire Moreau', 3],
    ]);
    const [ines, claire] = all;
    expect(claire).toMatchObject({ role: 'PROFESSIONAL', ground: 'TEAM_MEMBER' });
    expect(claire.structureName).toBe('Département de Loire-Atlantique');
    expect(Date.parse(claire.firstAt)).toBeLessThan(Date.parse(claire.lastAt));
    expect(claire.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const readers = await as.referent.data<{ accessLogReaders: { id: string; name: string }[] }>(
      READERS,
      { personId: person.id },
    );
    expect(readers.accessLogReaders).toEqual([
      { id: account.referent.id, name: 'Claire Moreau' },
      { id: account.follower.id, name: 'Inès Garnier' },
    ]);
    expect(await days('referent', person.id, ines.readerId)).toEqual([ines]);

    // A follower answers for nothing here: the log is the referent's and the admins'.
    const refused = await as.follower.execute(DAYS, { personId: person.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('opens the log by person to the territory admins only, and records their consultation', async () => {
    const person = await newFile('Délégué Consultation');
    await as.referent.data(OPEN, { id: person.id });

    const found = await as.admin.data<{ accessLogPeople: { id: string }[] }>(PEOPLE, {
      query: 'delegue consultation',
    });
    expect(found.accessLogPeople.map((p) => p.id)).toEqual([person.id]);
    const byId = await as.admin.data<{ accessLogPeople: { id: string }[] }>(PEOPLE, {
      query: person.id,
    });
    expect(byId.accessLogPeople.map((p) => p.id)).toEqual([person.id]);

    const audits = async () =>
      Number(
        (
          await relais.dataSource.query<{ n: string }[]>(
            `SELECT count(*) AS n FROM admin_audit_event
              WHERE action = 'access_log.consult' AND subject_id = $1`,
            [person.id],
          )
        )[0].n,
      );
    expect(await audits()).toBe(0);
    expect((await days('admin', person.id)).map((day) => day.readerName)).toEqual([
      'Claire Moreau',
    ]);
    expect(await audits()).toBe(1);
    // The referent's own reading of the log is no admin consultation.
    await days('referent', person.id);
    expect(await audits()).toBe(1);

    for (const key of ['outsider', 'structureAdmin', 'otherAdmin']) {
      const log = await as[key].execute(DAYS, { personId: person.id });
      expect(log.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const key of ['outsider', 'structureAdmin']) {
      const search = await as[key].execute(PEOPLE, { query: 'delegue consultation' });
      expect(search.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const elsewhere = await as.otherAdmin.data<{ accessLogPeople: unknown[] }>(PEOPLE, {
      query: 'delegue consultation',
    });
    expect(elsewhere.accessLogPeople).toEqual([]);
    expect(await audits()).toBe(1);

    const blank = await as.admin.execute(PEOPLE, { query: '' });
    expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
  });

  it('lists a handed-over person for the former referent until 30 days after the handover', async () => {
    const person = await newFile('Ancien Suivi');
    const before = await as.referent.data<{ formerCaseload: { personId: string }[] }>(FORMER);
    expect(before.formerCaseload.map((entry) => entry.personId)).not.toContain(person.id);

    await handOver(person);
    const after = await as.referent.data<{
      formerCaseload: {
        personId: string;
        handedOverAt: string;
        readableUntil: string;
        referentName: string;
        referentStructureName: string;
      }[];
    }>(FORMER);
    const entry = after.formerCaseload.find((e) => e.personId === person.id);
    expect(entry).toMatchObject({
      referentName: 'Yanis Benali',
      referentStructureName: 'Mission locale Nantes',
    });
    expect(Date.parse(entry!.readableUntil) - Date.parse(entry!.handedOverAt)).toBe(30 * DAY_MS);
    const yanis = await as.yanis.data<{ formerCaseload: unknown[] }>(FORMER);
    expect(yanis.formerCaseload).toEqual([]);

    // 31 days later, the file is no longer theirs to read, nor listed.
    await relais.dataSource.query(
      `UPDATE team_member SET left_at = left_at - interval '31 days'
        WHERE person_id = $1 AND account_id = $2 AND left_at IS NOT NULL`,
      [person.id, account.referent.id],
    );
    const later = await as.referent.data<{ formerCaseload: { personId: string }[] }>(FORMER);
    expect(later.formerCaseload.map((e) => e.personId)).not.toContain(person.id);
    const closed = await as.referent.execute(OPEN, { id: person.id });
    expect(closed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const CASELOAD = `query($first: Int) {
  caseload(first: $first) {
    edges { cursor node { myRole orientationType lastActivityAt referentName nextAppointmentAt openGoals
      person { id givenName familyName birthYear isMember referentStructure { id name } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SEARCH = `query($first: Int) {
  searchPeople(query: "durand", first: $first) {
    edges { node { id givenName familyName birthYear isMember referentStructure { name } } }
  }
}`;

const FILE = `query($id: ID!, $first: Int) {
  person(id: $id) {
    id givenName familyName nir rights version access { ground canWrite }
    project { targetJob contractsSought }
    team(includeFormer: true) { id role givenName structureName workEmail workPhone }
    openHandover { id toStructureName canOpen }
    pendingJoinRequests { id reason }
    obstacles { id theme status comment redacted version }
    contracts { id type startsOn endsOn }
    goals { id title status }
    actions { id title status goalId obstacleId redacted }
    appointments { id startsAt status withWhom }
    notes { id body redacted visibility history { version body } }
    timeline(first: $first) { edges { node { id type redacted before after } } pageInfo { hasNextPage } }
  }
}`;

/**
 * No N+1 (STYLE.md rule 9): the SQL statements of a list do not grow with the page size. The
 * figures are printed for the note.
 */
describe('SQL statements per request', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let account: AccountEntity;
  let membership: MembershipEntity;
  let client: GraphqlHttpClient;

  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    structure = await createStructure(relais.dataSource, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    const other = await createStructure(relais.dataSource, territory, {
      type: StructureType.MISSION_LOCALE,
    });
    account = await createAccount(relais.dataSource);
    membership = await addMembership(relais.dataSource, account, {
      role: Role.PROFESSIONAL,
      structure,
    });
    const colleague = await createAccount(relais.dataSource);
    const colleagueMembership = await addMembership(relais.dataSource, colleague, {
      role: Role.PROFESSIONAL,
      structure: other,
    });
    for (let index = 0; index < 30; index += 1) {
      const person = await createPerson(relais.dataSource, territory, {
        familyName: `Durand ${index}`,
      });
      const mine = index % 2 === 0;
      await addTeamMember(
        relais.dataSource,
        person,
        account,
        membership,
        mine ? TeamRole.REFERENT : TeamRole.FOLLOWER,
      );
      await addTeamMember(
        relais.dataSource,
        person,
        colleague,
        colleagueMembership,
        mine ? TeamRole.FOLLOWER : TeamRole.REFERENT,
      );
    }
    client = await relais.graphqlAs(account.id);
  });

  afterAll(async () => {
    await relais.close();
  });

  const statementsOf = (query: string, first: number) =>
    countStatements(relais.dataSource, async () => {
      const result = await client.execute<Record<string, { edges: unknown[] }>>(query, { first });
      expect(result.errors).toBeUndefined();
      expect(Object.values(result.data ?? {})[0]?.edges).toHaveLength(first);
    });

  /** A file with `size` of everything. */
  const fileWith = async (size: number): Promise<string> => {
    const ds = relais.dataSource;
    const person = await createPerson(ds, territory, { familyName: `Plein ${size}` });
    await addTeamMember(ds, person, account, membership, TeamRole.REFERENT);
    const personId = person.id;
    const by = { createdByMembershipId: membership.id };
    const themes = Object.values(ObstacleTheme).slice(0, size);
    const obstacles = await ds.manager.save(
      themes.map((theme) =>
        ds.manager.create(ObstacleEntity, {
          personId,
          theme,
          status: ObstacleStatus.IDENTIFIED,
          comment: 'Constat',
          ...by,
        }),
      ),
    );
    const goals = await ds.manager.save(
      Array.from({ length: size }, (_, index) =>
        ds.manager.create(GoalEntity, {
          personId,
          title: `Objectif ${index}`,
          status: GoalStatus.IN_PROGRESS,
          ...by,
        }),
      ),
    );
    await ds.manager.save(
      Array.from({ length: size }, (_, index) =>
        ds.manager.create(PlanActionEntity, {
          personId,
          title: `Action ${index}`,
          status: ActionStatus.PLANNED,
          goalId: goals[index].id,
          obstacleId: obstacles[index].id,
          ...by,
        }),
      ),
    );
    await ds.manager.save(
      Array.from({ length: size }, () =>
        ds.manager.create(ContractEntity, {
          personId,
          type: ContractType.CER,
          startsOn: '2026-01-01',
          endsOn: null,
          ...by,
        }),
      ),
    );
    await ds.manager.save(
      Array.from({ length: size }, (_, index) =>
        ds.manager.create(AppointmentEntity, {
          personId,
          startsAt: new Date(Date.now() + index * 86_400_000),
          durationMinutes: 30,
          withWhom: 'Conseillère',
          location: 'Nantes',
          remote: false,
          status: AppointmentStatus.PLANNED,
          ...by,
        }),
      ),
    );
    await ds.manager.save(
      Array.from({ length: size }, (_, index) =>
        ds.manager.create(NoteEntity, {
          personId,
          authorAccountId: account.id,
          authorStructureId: structure.id,
          body: `Note ${index}`,
          visibility: NoteVisibility.TEAM,
          sensitive: index % 2 === 0,
          ...by,
        }),
      ),
    );
    await ds.manager.save(
      Array.from({ length: size * 3 }, (_, index) =>
        ds.manager.create(TimelineEventEntity, {
          personId,
          actorAccountId: account.id,
          actorMembershipId: membership.id,
          type: 'goal.added',
          subjectType: 'Goal',
          subjectId: goals[index % size].id,
          sensitive: index % 3 === 0,
          after: { title: 'Objectif' },
        }),
      ),
    );
    return personId;
  };

  it('a whole person file: the same statements with 2 of everything as with 10', async () => {
    const small = await fileWith(2);
    const large = await fileWith(10);
    const statementsFor = (id: string, first: number) =>
      countStatements(relais.dataSource, async () => {
        const result = await client.execute<{
          person: { timeline: { edges: unknown[] }; notes: unknown[] };
        }>(FILE, { id, first });
        expect(result.errors).toBeUndefined();
        expect(result.data?.person.timeline.edges).toHaveLength(first);
      });
    const few = await statementsFor(small, 2);
    const many = await statementsFor(large, 30);
    process.stdout.write(
      `person: ${few} SQL statements with 2 of everything, ${many} with 10 (timeline page of 30)\n`,
    );
    expect(many).toBe(few);
  });

  it('caseload: the same statements for 3 people as for 30', async () => {
    const few = await statementsOf(CASELOAD, 3);
    const many = await statementsOf(CASELOAD, 30);
    process.stdout.write(`caseload: ${few} SQL statements for 3 people, ${many} for 30\n`);
    expect(many).toBe(few);
  });

  it('searchPeople: the same statements for 3 people as for 30', async () => {
    const few = await statementsOf(SEARCH, 3);
    const many = await statementsOf(SEARCH, 30);
    process.stdout.write(`searchPeople: ${few} SQL statements for 3 people, ${many} for 30\n`);
    expect(many).toBe(few);
  });
});
