import { Role, type AccountEntity, type MembershipEntity } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import { TeamRole } from '@relais/pathways';
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
    edges { cursor node { myRole orientationType lastActivityAt referentName
      person { id givenName familyName birthYear isMember referentStructure { id name } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SEARCH = `query($first: Int) {
  searchPeople(query: "durand", first: $first) {
    edges { node { id givenName familyName birthYear isMember referentStructure { name } } }
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
