import { Role } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import {
  createAccount,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

/**
 * The authorization matrix of the admin API through GraphQL: every admin operation × a target in
 * the caller's own structure, in another structure of the same territory, and in another
 * territory, asserted allowed or FORBIDDEN for a territory admin, a structure admin and a
 * professional: the rows that prove each operation is wired to its checks (resolver policy and
 * service). Every role's row, each cell, is checked on the rules themselves in
 * libs/access/src/admin-matrix.spec.ts (the platform admin and orientation manager rows only
 * there).
 */

type Scope = 'own structure' | 'other structure' | 'other territory';
const SCOPES: readonly Scope[] = ['own structure', 'other structure', 'other territory'];

interface World {
  territoryA: TerritoryEntity;
  territoryB: TerritoryEntity;
  ownStructure: StructureEntity;
  otherStructure: StructureEntity;
  foreignStructure: StructureEntity;
}

let relais: TestApp;
let world: World;
let counter = 0;

const structureFor = (scope: Scope): StructureEntity =>
  scope === 'own structure'
    ? world.ownStructure
    : scope === 'other structure'
      ? world.otherStructure
      : world.foreignStructure;

const CHANGE_ROLE = `mutation($input: ChangeMembershipRoleInput!) {
  changeMembershipRole(input: $input) { id role }
}`;

/** A professional (or another structure role) of the structure of that scope, for one cell. */
async function professionalIn(
  scope: Scope,
  role: Role.PROFESSIONAL | Role.STRUCTURE_ADMIN = Role.PROFESSIONAL,
) {
  const account = await createAccount(relais.dataSource, [
    { role, structure: structureFor(scope) },
  ]);
  const [membership] = await relais.dataSource.query<{ id: string }[]>(
    'SELECT id FROM membership WHERE account_id = $1',
    [account.id],
  );
  return { account, membershipId: membership?.id };
}

type Operation = (
  client: GraphqlHttpClient,
  scope: Scope,
) => Promise<{ errors?: readonly { extensions?: Record<string, unknown> }[] }>;

const OPERATIONS: Record<string, Operation> = {
  createStructure: (client, scope) =>
    client.execute(
      `mutation($input: CreateStructureInput!) { createStructure(input: $input) { id } }`,
      {
        input: {
          territoryId: structureFor(scope).territoryId,
          type: StructureType.CCAS,
          name: `CCAS ${(counter += 1)}`,
        },
      },
    ),
  updateStructure: (client, scope) =>
    client.execute(
      `mutation($input: UpdateStructureInput!) { updateStructure(input: $input) { id } }`,
      {
        input: { id: structureFor(scope).id, city: `Ville ${(counter += 1)}` },
      },
    ),
  inviteProfessional: (client, scope) =>
    client.execute(
      `mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { id } }`,
      {
        input: {
          invitee: {
            email: `invitee${(counter += 1)}@example.test`,
            givenName: 'Inès',
            familyName: 'Roux',
          },
          role: Role.PROFESSIONAL,
          structureId: structureFor(scope).id,
        },
      },
    ),
  resendInvitation: async (client, scope) => {
    const { account, membershipId } = await professionalIn(scope);
    const [invitation] = await relais.dataSource.query<{ id: string }[]>(
      `INSERT INTO invitation (account_id, membership_id, invited_by_membership_id, territory_id, structure_id)
       VALUES ($1, $2, gen_random_uuid(), $3, $4) RETURNING id`,
      [account.id, membershipId, structureFor(scope).territoryId, structureFor(scope).id],
    );
    return client.execute(`mutation($id: ID!) { resendInvitation(invitationId: $id) }`, {
      id: invitation?.id,
    });
  },
  promoteToStructureAdmin: async (client, scope) => {
    const { membershipId } = await professionalIn(scope);
    return client.execute(CHANGE_ROLE, {
      input: { membershipId, role: Role.STRUCTURE_ADMIN },
    });
  },
  demoteStructureAdmin: async (client, scope) => {
    const { membershipId } = await professionalIn(scope, Role.STRUCTURE_ADMIN);
    return client.execute(CHANGE_ROLE, { input: { membershipId, role: Role.PROFESSIONAL } });
  },
  addMembership: async (client, scope) => {
    // A professional who left the structure comes back: attached again, without invitation.
    const { account, membershipId } = await professionalIn(scope);
    await relais.dataSource.query('UPDATE membership SET revoked_at = now() WHERE id = $1', [
      membershipId,
    ]);
    return client.execute(
      `mutation($input: AddMembershipInput!) { addMembership(input: $input) { id role } }`,
      {
        input: {
          accountId: account.id,
          role: Role.PROFESSIONAL,
          structureId: structureFor(scope).id,
        },
      },
    );
  },
  revokeMembership: async (client, scope) => {
    const { membershipId } = await professionalIn(scope);
    return client.execute(`mutation($id: ID!) { revokeMembership(id: $id) { id revokedAt } }`, {
      id: membershipId,
    });
  },
  disableAccount: async (client, scope) => {
    const { account } = await professionalIn(scope);
    return client.execute(`mutation($id: ID!) { disableAccount(id: $id) { id status } }`, {
      id: account.id,
    });
  },
  readStructureAuditLog: (client, scope) =>
    client.execute(`query($id: ID) { adminAuditLog(structureId: $id) { edges { node { id } } } }`, {
      id: structureFor(scope).id,
    }),
  readStructureEmailLog: (client, scope) =>
    client.execute(
      `query($id: ID) { emailDeliveries(structureId: $id) { edges { node { id status } } } }`,
      { id: structureFor(scope).id },
    ),
  createApiClient: (client, scope) =>
    client.execute(
      `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { client { id } } }`,
      {
        input: {
          name: `Partenaire ${(counter += 1)}`,
          territoryId: structureFor(scope).territoryId,
          structureId: structureFor(scope).id,
          scopes: ['events:read'],
        },
      },
    ),
  listApiClients: (client, scope) =>
    client.execute(`query($id: ID!) { apiClients(territoryId: $id) { id } }`, {
      id: structureFor(scope).territoryId,
    }),
  revokeApiClient: async (client, scope) => {
    const [row] = await relais.dataSource.query<{ id: string }[]>(
      `INSERT INTO api_client (name, territory_id, structure_id, scopes, secret_hash, secret_rotated_at, created_by_membership_id)
       VALUES ($1, $2, $3, '{events:read}', repeat('0', 64), now(), gen_random_uuid()) RETURNING id`,
      [`Partenaire ${(counter += 1)}`, structureFor(scope).territoryId, structureFor(scope).id],
    );
    return client.execute(`mutation($id: ID!) { revokeApiClient(id: $id) { id } }`, {
      id: row?.id,
    });
  },
  listStructures: (client, scope) =>
    client.execute(`query($id: ID!) { structures(territoryId: $id) { id } }`, {
      id: structureFor(scope).territoryId,
    }),
};

type Row = Record<keyof typeof OPERATIONS, readonly [boolean, boolean, boolean]>;
const NONE = [false, false, false] as const;
const TERRITORY = [true, true, false] as const;
const OWN = [true, false, false] as const;

/** Caseworkers (professionals, orientation managers): no admin right, their territory's structures. */
const CASEWORKER: Row = {
  createStructure: NONE,
  updateStructure: NONE,
  inviteProfessional: NONE,
  resendInvitation: NONE,
  promoteToStructureAdmin: NONE,
  demoteStructureAdmin: NONE,
  addMembership: NONE,
  revokeMembership: NONE,
  disableAccount: NONE,
  readStructureAuditLog: NONE,
  readStructureEmailLog: NONE,
  createApiClient: NONE,
  listApiClients: NONE,
  revokeApiClient: NONE,
  listStructures: TERRITORY,
};

/** Who may do what: [own structure, other structure of the territory, other territory]. */
const EXPECTED: Record<Role, Row> = {
  [Role.PLATFORM_ADMIN]: {
    createStructure: NONE,
    updateStructure: NONE,
    inviteProfessional: NONE,
    resendInvitation: NONE,
    promoteToStructureAdmin: NONE,
    demoteStructureAdmin: NONE,
    addMembership: NONE,
    revokeMembership: NONE,
    disableAccount: NONE,
    readStructureAuditLog: NONE,
    readStructureEmailLog: NONE,
    createApiClient: NONE,
    listApiClients: NONE,
    revokeApiClient: NONE,
    listStructures: NONE,
  },
  [Role.TERRITORY_ADMIN]: {
    createStructure: TERRITORY,
    updateStructure: TERRITORY,
    inviteProfessional: TERRITORY,
    resendInvitation: TERRITORY,
    promoteToStructureAdmin: TERRITORY,
    demoteStructureAdmin: TERRITORY,
    addMembership: TERRITORY,
    revokeMembership: TERRITORY,
    disableAccount: TERRITORY,
    readStructureAuditLog: TERRITORY,
    readStructureEmailLog: TERRITORY,
    createApiClient: TERRITORY,
    listApiClients: TERRITORY,
    revokeApiClient: TERRITORY,
    listStructures: TERRITORY,
  },
  [Role.STRUCTURE_ADMIN]: {
    createStructure: NONE,
    updateStructure: NONE,
    inviteProfessional: OWN,
    resendInvitation: OWN,
    promoteToStructureAdmin: NONE,
    demoteStructureAdmin: NONE,
    addMembership: OWN,
    revokeMembership: OWN,
    disableAccount: OWN,
    readStructureAuditLog: OWN,
    readStructureEmailLog: OWN,
    createApiClient: NONE,
    listApiClients: NONE,
    revokeApiClient: NONE,
    listStructures: TERRITORY,
  },
  [Role.ORIENTATION_MANAGER]: CASEWORKER,
  [Role.PROFESSIONAL]: CASEWORKER,
};

const clients = new Map<Role, GraphqlHttpClient>();

describe('admin matrix', () => {
  startFromEmptyTables();
  beforeAll(async () => {
    relais = await startRelais();
    const territoryA = await createTerritory(relais.dataSource);
    const territoryB = await createTerritory(relais.dataSource);
    world = {
      territoryA,
      territoryB,
      ownStructure: await createStructure(relais.dataSource, territoryA),
      otherStructure: await createStructure(relais.dataSource, territoryA),
      foreignStructure: await createStructure(relais.dataSource, territoryB),
    };
    const actors: Record<Role, Parameters<typeof createAccount>[1]> = {
      [Role.PLATFORM_ADMIN]: [{ role: Role.PLATFORM_ADMIN }],
      [Role.TERRITORY_ADMIN]: [{ role: Role.TERRITORY_ADMIN, territory: territoryA }],
      [Role.STRUCTURE_ADMIN]: [{ role: Role.STRUCTURE_ADMIN, structure: world.ownStructure }],
      [Role.ORIENTATION_MANAGER]: [
        { role: Role.ORIENTATION_MANAGER, structure: world.ownStructure },
      ],
      [Role.PROFESSIONAL]: [{ role: Role.PROFESSIONAL, structure: world.ownStructure }],
    };
    for (const [role, memberships] of Object.entries(actors) as [Role, (typeof actors)[Role]][]) {
      const account = await createAccount(relais.dataSource, memberships);
      clients.set(role, await relais.graphqlAs(account.id));
    }
  });

  afterAll(async () => {
    await relais.close();
  });

  /** The rows run end to end; the others are unit cells (see the comment at the top). */
  const WIRING_ROLES: readonly Role[] = [
    Role.TERRITORY_ADMIN,
    Role.STRUCTURE_ADMIN,
    Role.PROFESSIONAL,
  ];

  const cells = WIRING_ROLES.flatMap((role) =>
    Object.keys(OPERATIONS).flatMap((operation) =>
      SCOPES.map((scope, index) => ({
        role,
        operation,
        scope,
        allowed: EXPECTED[role][operation][index],
      })),
    ),
  );

  describe('the admin API authorization matrix', () => {
    it.each(cells)(
      '$role → $operation in $scope: allowed = $allowed',
      async ({ role, operation, scope, allowed }) => {
        const result = await OPERATIONS[operation](clients.get(role) as GraphqlHttpClient, scope);
        if (allowed) {
          expect(result.errors).toBeUndefined();
        } else {
          expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
        }
      },
    );

    it('lets only the platform admin open a territory', async () => {
      const codes = ['971', '972', '973', '974', '975'];
      for (const [index, role] of (Object.keys(EXPECTED) as Role[]).entries()) {
        const result = await (clients.get(role) as GraphqlHttpClient).execute(
          `mutation($input: CreateTerritoryInput!) { createTerritory(input: $input) { code } }`,
          {
            input: {
              code: codes[index],
              name: `Outre-mer ${index}`,
              firstAdmin: {
                email: `first${index}@example.test`,
                givenName: 'Aya',
                familyName: 'Diallo',
              },
            },
          },
        );
        if (role === Role.PLATFORM_ADMIN) expect(result.errors).toBeUndefined();
        else expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
      }
    });
  });

  const CREATE = `mutation($input: CreateStructureInput!) { createStructure(input: $input) { id name siret } }`;

  // The admin API's validation, audit log and invitations, on the file's app (its own file merged
  // here so that the app boots once: docs/decisions/0021), in a territory of its own.
  describe('the admin API', () => {
    let territory: TerritoryEntity;
    let admin: GraphqlHttpClient;
    let adminMembershipId: string;

    beforeAll(async () => {
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

    const structureCount = async (): Promise<number> =>
      Number(
        (await relais.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM structure'))[0]
          ?.n,
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
      expect(next.adminAuditLog.edges.map((edge) => edge.node.action)).toEqual([
        'structure.create',
      ]);
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
});
