import { type AccountEntity, type MembershipEntity, SessionService } from '@relais/identity';
import type { PersonEntity } from '@relais/pathways';
import type { GraphqlHttpClient, TestApp } from '@relais/testing';

/** The suites of the person's space (issue 22): what they share to set up a person and their team. */

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
