import { Role, type AccountEntity, type MembershipEntity } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
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
import { startRelais } from '../support/app.js';

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
