import { type AccountEntity, type MembershipEntity, Role, SessionService } from '@relais/identity';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type OidcTestAccount,
  type TestApp,
} from '@relais/testing';

/** The suites of the person's space (issue 22): what they share to set up a person and their team. */

/** A referent opens the person's space (an emailed link); answers the person's id. */
export const INVITE_TO_SPACE = `mutation($input: InvitePersonToSpaceInput!) {
  invitePersonToSpace(input: $input) { personId }
}`;

/** Angèle Dupont-Lefèvre as FranceConnect knows her (born in Nantes): its identity pivot. */
export const FRANCECONNECT_PIVOT: OidcTestAccount = {
  family_name: 'DUPONT-LEFÈVRE',
  given_name: 'Angèle Marie',
  birthdate: '1984-06-21',
  gender: 'female',
  birthplace: '44109',
  birthcountry: '99100',
};

/** The first membership of an account, as team stays name it. */
export async function membershipOf(
  relais: TestApp,
  account: Pick<AccountEntity, 'id'>,
): Promise<Pick<MembershipEntity, 'id' | 'structureId'>> {
  const [membership] = await relais.dataSource.query<MembershipEntity[]>(
    `SELECT id, structure_id AS "structureId" FROM membership WHERE account_id = $1`,
    [account.id],
  );
  return membership;
}

/** A person session straight from the session service (the sign-in itself is tested elsewhere). */
export async function personToken(
  relais: TestApp,
  person: Pick<PersonEntity, 'id'>,
): Promise<string> {
  const sessions = relais.app.get(SessionService);
  const tokens = await relais.dataSource.transaction((manager) =>
    sessions.startForPersonWithin(manager, person.id, ['test']),
  );
  return tokens.accessToken;
}

/** The GraphQL API as the person signed in with this token. */
export function graphqlAsPerson(relais: TestApp, token: string): GraphqlHttpClient {
  return relais.graphql.withHeaders({ authorization: `Bearer ${token}` });
}

/** A download over REST with a bearer token: its status, headers and bytes. */
export async function download(
  relais: TestApp,
  path: string,
  token: string,
): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${relais.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** Claire Moreau of a Mission locale, referent of the people followed; a CCAS beside it. */
export interface SpaceTeam {
  readonly territory: TerritoryEntity;
  readonly structure: StructureEntity;
  readonly otherStructure: StructureEntity;
  readonly referent: AccountEntity;
  readonly referentClient: GraphqlHttpClient;
}

export async function createSpaceTeam(relais: TestApp): Promise<SpaceTeam> {
  const territory = await createTerritory(relais.dataSource);
  const structure = await createStructure(relais.dataSource, territory, {
    name: 'Mission locale de Rezé',
  });
  const otherStructure = await createStructure(relais.dataSource, territory, {
    name: 'CCAS de Rezé',
  });
  const referent = await createAccount(
    relais.dataSource,
    [{ role: Role.PROFESSIONAL, structure }],
    { givenName: 'Claire', familyName: 'Moreau' },
  );
  const referentClient = await relais.graphqlAs(referent.id);
  return { territory, structure, otherStructure, referent, referentClient };
}

/** A person the team's referent follows, with Hugo Lemaire of the other structure as follower. */
export async function followedByTeam(
  relais: TestApp,
  team: SpaceTeam,
  overrides: Partial<PersonEntity> = {},
): Promise<{ person: PersonEntity; follower: AccountEntity }> {
  const person = await createPerson(relais.dataSource, team.territory, {
    givenName: 'Awa',
    ...overrides,
  });
  await addTeamMember(
    relais.dataSource,
    person,
    team.referent,
    await membershipOf(relais, team.referent),
    TeamRole.REFERENT,
  );
  const follower = await createAccount(
    relais.dataSource,
    [{ role: Role.PROFESSIONAL, structure: team.otherStructure }],
    { givenName: 'Hugo', familyName: 'Lemaire' },
  );
  await addTeamMember(relais.dataSource, person, follower, await membershipOf(relais, follower));
  return { person, follower };
}
