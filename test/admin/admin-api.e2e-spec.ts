import { Role } from '@relais/identity';
import { StructureType, type TerritoryEntity } from '@relais/organizations';
import {
  createAccount,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais } from '../support/app.js';

const CREATE = `mutation($input: CreateStructureInput!) { createStructure(input: $input) { id name siret } }`;

describe('the admin API', () => {
  let relais: TestApp;
  let territory: TerritoryEntity;
  let admin: GraphqlHttpClient;
  let adminMembershipId: string;

  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    const account = await createAccount(relais.dataSource, [
      { role: Role.TERRITORY_ADMIN, territory },
    ]);
    [{ id: adminMembershipId }] = await relais.dataSource.query<{ id: string }[]>(
      'SELECT id FROM membership WHERE account_id = $1',
      [account.id],
    );
    admin = await relais.graphqlAs(account.id);
  });

  afterAll(async () => {
    await relais.close();
  });

  const structureCount = async (): Promise<number> =>
    Number(
      (await relais.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM structure'))[0]?.n,
    );

  it.each([
    ['an invalid SIRET key', { siret: '12345678901234' }, 'siret'],
    ['a SIRET that is not 14 digits', { siret: '1234' }, 'siret'],
    ['an overlong name', { name: 'x'.repeat(201) }, 'name'],
    ['a malformed territory id', { territoryId: 'not-an-id' }, 'territoryId'],
    ['a malformed postal code', { postalCode: '4400' }, 'postalCode'],
  ])('refuses %s, naming the field and writing nothing', async (_case, change, field) => {
    const before = await structureCount();
    const result = await admin.execute(CREATE, {
      input: {
        territoryId: territory.id,
        type: StructureType.CCAS,
        name: 'CCAS de Rezé',
        ...change,
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await structureCount()).toBe(before);
  });

  it('refuses an unknown structure type with BAD_USER_INPUT', async () => {
    const result = await admin.execute(CREATE, {
      input: { territoryId: territory.id, type: 'PREFECTURE', name: 'Préfecture' },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a second structure of the same name in the territory, whatever its case', async () => {
    const first = await admin.execute(CREATE, {
      input: {
        territoryId: territory.id,
        type: StructureType.CCAS,
        name: 'CCAS de Nantes',
        siret: '26440109500015',
      },
    });
    expect(first.errors).toBeUndefined();
    const second = await admin.execute(CREATE, {
      input: { territoryId: territory.id, type: StructureType.CCAS, name: 'ccas de nantes' },
    });
    expect(second.errors?.[0]?.extensions).toEqual({
      code: 'CONFLICT',
      reason: 'STRUCTURE_NAME_TAKEN',
      field: 'name',
    });
  });

  it('records every change with its actor, membership, before and after, readable by the admins', async () => {
    const created = await admin.data<{ createStructure: { id: string } }>(CREATE, {
      input: {
        territoryId: territory.id,
        type: StructureType.ASSOCIATION,
        name: 'Les Restos du Cœur 44',
      },
    });
    await admin.data(
      `mutation($input: UpdateStructureInput!) { updateStructure(input: $input) { id } }`,
      { input: { id: created.createStructure.id, city: 'Nantes' } },
    );
    const log = await admin.data<{
      adminAuditLog: {
        edges: {
          node: { action: string; actorMembershipId: string; before: unknown; after: unknown };
        }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      `query($id: ID) { adminAuditLog(structureId: $id, first: 1) {
         edges { node { action actorMembershipId before after } }
         pageInfo { hasNextPage endCursor } } }`,
      { id: created.createStructure.id },
    );
    const [latest] = log.adminAuditLog.edges;
    expect(latest?.node).toMatchObject({
      action: 'structure.update',
      actorMembershipId: adminMembershipId,
      before: { city: null, name: 'Les Restos du Cœur 44' },
      after: { city: 'Nantes', name: 'Les Restos du Cœur 44' },
    });
    expect(log.adminAuditLog.pageInfo.hasNextPage).toBe(true);

    const next = await admin.data<{ adminAuditLog: { edges: { node: { action: string } }[] } }>(
      `query($id: ID, $after: String) { adminAuditLog(structureId: $id, first: 5, after: $after) { edges { node { action } } } }`,
      { id: created.createStructure.id, after: log.adminAuditLog.pageInfo.endCursor },
    );
    expect(next.adminAuditLog.edges.map((edge) => edge.node.action)).toEqual(['structure.create']);
  });

  it('caps pages at 100 and refuses a cursor it did not give', async () => {
    const tooMany = await admin.execute(
      `query($id: ID) { adminAuditLog(territoryId: $id, first: 101) { edges { cursor } } }`,
      { id: territory.id },
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const forged = await admin.execute(
      `query($id: ID) { adminAuditLog(territoryId: $id, after: "garbage") { edges { cursor } } }`,
      { id: territory.id },
    );
    expect(forged.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('invites someone: the account, the membership and the invitation exist, and a second invitation to the same role is a conflict', async () => {
    const structure = await admin.data<{ createStructure: { id: string } }>(CREATE, {
      input: {
        territoryId: territory.id,
        type: StructureType.MISSION_LOCALE,
        name: 'Mission locale du Vignoble',
      },
    });
    const input = {
      invitee: { email: 'Jeanne.Roche@example.test', givenName: 'Jeanne', familyName: 'Roche' },
      role: Role.PROFESSIONAL,
      structureId: structure.createStructure.id,
    };
    const invite = `mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { email membership { role structureId territoryId } } }`;
    const first = await admin.data<{ inviteAccount: unknown }>(invite, { input });
    expect(first.inviteAccount).toEqual({
      email: 'Jeanne.Roche@example.test',
      membership: {
        role: 'PROFESSIONAL',
        structureId: structure.createStructure.id,
        territoryId: territory.id,
      },
    });
    const again = await admin.execute(invite, {
      input: { ...input, invitee: { ...input.invitee, email: 'jeanne.roche@EXAMPLE.test' } },
    });
    expect(again.errors?.[0]?.extensions).toEqual({
      code: 'CONFLICT',
      reason: 'ROLE_ALREADY_HELD',
      field: 'role',
    });
  });
});
