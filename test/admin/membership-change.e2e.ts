import { Role } from '@relais/identity';
import { type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import {
  connectSocket,
  createAccount,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

/**
 * Changing the role of a membership and adding a membership without invitation: bad input
 * refused with the field and nothing written, each change in the admin audit log, and the new
 * rights in force at the account's next request (its live connections closed).
 */

const CHANGE_ROLE = `mutation($input: ChangeMembershipRoleInput!) {
  changeMembershipRole(input: $input) { id role structureId territoryId revokedAt }
}`;
const ADD_MEMBERSHIP = `mutation($input: AddMembershipInput!) {
  addMembership(input: $input) { id accountId role structureId territoryId }
}`;
const STRUCTURE_MEMBERSHIPS = `query($id: ID) {
  memberships(structureId: $id) { edges { node { id role } } }
}`;

let relais: TestApp;
let territory: TerritoryEntity;
let structure: StructureEntity;
let otherStructure: StructureEntity;
let territoryAdmin: GraphqlHttpClient;

async function membershipsOf(accountId: string) {
  return relais.dataSource.query<{ id: string; role: Role; structure_id: string | null }[]>(
    'SELECT id, role, structure_id FROM membership WHERE account_id = $1 ORDER BY created_at',
    [accountId],
  );
}

async function auditCount(): Promise<number> {
  const [row] = await relais.dataSource.query<{ count: string }[]>(
    'SELECT count(*) AS count FROM admin_audit_event',
  );
  return Number(row?.count);
}

type StructureRole = Role.PROFESSIONAL | Role.ORIENTATION_MANAGER | Role.STRUCTURE_ADMIN;

async function professional(...roles: StructureRole[]) {
  const held: StructureRole[] = roles.length ? roles : [Role.PROFESSIONAL];
  const account = await createAccount(
    relais.dataSource,
    held.map((role) => ({ role, structure })),
  );
  const memberships = await membershipsOf(account.id);
  const [first] = memberships;
  return { account, membershipId: first.id };
}

describe('membership change', () => {
  startFromEmptyTables();
  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    structure = await createStructure(relais.dataSource, territory);
    otherStructure = await createStructure(relais.dataSource, territory);
    const admin = await createAccount(relais.dataSource, [
      { role: Role.TERRITORY_ADMIN, territory },
    ]);
    territoryAdmin = await relais.graphqlAs(admin.id);
  });

  afterAll(async () => {
    await relais.close();
  });

  describe('changing the role of a membership', () => {
    it('makes a professional structure admin at their next request, and a demoted admin loses it', async () => {
      const { account, membershipId } = await professional();
      const colleague = await professional();
      const own = await relais.graphqlAs(account.id);
      const before = await own.execute(STRUCTURE_MEMBERSHIPS, { id: structure.id });
      expect(before.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const { accessToken } = await relais.signIn(account.id);
      const socket = await connectSocket(relais.baseUrl, { auth: { token: accessToken } });
      const socketClosed = new Promise<string>((resolve) => socket.once('disconnect', resolve));

      const promoted = await territoryAdmin.execute(CHANGE_ROLE, {
        input: { membershipId, role: Role.STRUCTURE_ADMIN },
      });
      expect(promoted.data).toEqual({
        changeMembershipRole: {
          id: membershipId,
          role: Role.STRUCTURE_ADMIN,
          structureId: structure.id,
          territoryId: territory.id,
          revokedAt: null,
        },
      });
      // The live channel closes, to reopen with the new rights.
      expect(await socketClosed).toBe('io server disconnect');
      const after = await own.data<{ memberships: { edges: { node: { id: string } }[] } }>(
        STRUCTURE_MEMBERSHIPS,
        { id: structure.id },
      );
      expect(after.memberships.edges.map((edge) => edge.node.id)).toContain(colleague.membershipId);

      const demoted = await territoryAdmin.execute(CHANGE_ROLE, {
        input: { membershipId, role: Role.PROFESSIONAL },
      });
      expect(demoted.errors).toBeUndefined();
      const again = await own.execute(STRUCTURE_MEMBERSHIPS, { id: structure.id });
      expect(again.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

      const log = await territoryAdmin.data<{
        adminAuditLog: { edges: { node: { action: string; before: unknown; after: unknown } }[] };
      }>(
        `query($id: ID) { adminAuditLog(structureId: $id, first: 2) {
         edges { node { action subjectId before after } } } }`,
        { id: structure.id },
      );
      expect(log.adminAuditLog.edges.map((edge) => edge.node)).toMatchObject([
        {
          action: 'membership.change_role',
          subjectId: membershipId,
          before: { role: Role.STRUCTURE_ADMIN, accountId: account.id },
          after: { role: Role.PROFESSIONAL, accountId: account.id },
        },
        {
          action: 'membership.change_role',
          before: { role: Role.PROFESSIONAL },
          after: { role: Role.STRUCTURE_ADMIN },
        },
      ]);
    });

    it('refuses bad input naming the field, and writes nothing', async () => {
      const { account, membershipId } = await professional(
        Role.PROFESSIONAL,
        Role.ORIENTATION_MANAGER,
      );
      const audits = await auditCount();
      const cases: [Record<string, unknown>, Record<string, unknown>][] = [
        [
          { membershipId, role: Role.PROFESSIONAL },
          { code: 'BAD_USER_INPUT', reason: 'SAME_ROLE', field: 'role' },
        ],
        [
          { membershipId, role: Role.TERRITORY_ADMIN },
          { code: 'BAD_USER_INPUT', reason: 'ROLE_NOT_FOR_PLACE', field: 'role' },
        ],
        [
          { membershipId, role: Role.ORIENTATION_MANAGER },
          { code: 'CONFLICT', reason: 'ROLE_ALREADY_HELD', field: 'role' },
        ],
        [
          { membershipId: 'not-an-id', role: Role.STRUCTURE_ADMIN },
          { code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED', field: 'membershipId' },
        ],
      ];
      for (const [input, extensions] of cases) {
        const result = await territoryAdmin.execute(CHANGE_ROLE, { input });
        expect({ input, extensions: result.errors?.[0]?.extensions }).toMatchObject({
          input,
          extensions,
        });
      }
      const unknownRole = await territoryAdmin.execute(CHANGE_ROLE, {
        input: { membershipId, role: 'SUPER_ADMIN' },
      });
      expect(unknownRole.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(unknownRole.errors?.[0]?.message).toContain('role');

      expect((await membershipsOf(account.id)).map((row) => row.role)).toEqual([
        Role.PROFESSIONAL,
        Role.ORIENTATION_MANAGER,
      ]);
      expect(await auditCount()).toBe(audits);
    });

    it('refuses a structure admin granting a role beyond their own, and changing their own', async () => {
      const { account: adminAccount, membershipId: ownMembership } = await professional(
        Role.STRUCTURE_ADMIN,
      );
      const structureAdmin = await relais.graphqlAs(adminAccount.id);
      const { membershipId } = await professional();
      for (const input of [
        { membershipId, role: Role.STRUCTURE_ADMIN },
        { membershipId, role: Role.ORIENTATION_MANAGER },
        { membershipId: ownMembership, role: Role.PROFESSIONAL },
      ]) {
        const result = await structureAdmin.execute(CHANGE_ROLE, { input });
        expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      const self = await territoryAdmin.execute(CHANGE_ROLE, {
        input: { membershipId: ownMembership, role: Role.PROFESSIONAL },
      });
      expect(self.data?.changeMembershipRole).toMatchObject({ role: Role.PROFESSIONAL });
    });
  });

  describe('adding a membership to an existing account', () => {
    it('attaches a known account to another structure, without invitation, recorded', async () => {
      const { account } = await professional();
      const invitations = await relais.dataSource.query<unknown[]>(
        'SELECT id FROM invitation WHERE account_id = $1',
        [account.id],
      );
      const added = await territoryAdmin.data<{
        addMembership: { id: string; role: Role; structureId: string };
      }>(ADD_MEMBERSHIP, {
        input: {
          accountId: account.id,
          role: Role.STRUCTURE_ADMIN,
          structureId: otherStructure.id,
        },
      });
      expect(added.addMembership).toMatchObject({
        role: Role.STRUCTURE_ADMIN,
        structureId: otherStructure.id,
      });
      expect((await membershipsOf(account.id)).map((row) => [row.role, row.structure_id])).toEqual([
        [Role.PROFESSIONAL, structure.id],
        [Role.STRUCTURE_ADMIN, otherStructure.id],
      ]);
      expect(
        await relais.dataSource.query<unknown[]>(
          'SELECT id FROM invitation WHERE account_id = $1',
          [account.id],
        ),
      ).toEqual(invitations);
      const own = await relais.graphqlAs(account.id);
      const readable = await own.execute(STRUCTURE_MEMBERSHIPS, { id: otherStructure.id });
      expect(readable.errors).toBeUndefined();
      const log = await territoryAdmin.data<{
        adminAuditLog: { edges: { node: { action: string; subjectId: string; after: unknown } }[] };
      }>(
        `query($id: ID) { adminAuditLog(structureId: $id, first: 1) {
         edges { node { action subjectId after } } } }`,
        { id: otherStructure.id },
      );
      expect(log.adminAuditLog.edges[0]?.node).toMatchObject({
        action: 'membership.add',
        subjectId: added.addMembership.id,
        after: { role: Role.STRUCTURE_ADMIN, email: account.email },
      });
    });

    it('refuses bad input naming the field, and writes nothing', async () => {
      const { account } = await professional();
      const disabled = await professional();
      await relais.dataSource.query(`UPDATE account SET status = 'DISABLED' WHERE id = $1`, [
        disabled.account.id,
      ]);
      const audits = await auditCount();
      const cases: [Record<string, unknown>, Record<string, unknown>][] = [
        [
          { accountId: account.id, role: Role.PROFESSIONAL, structureId: structure.id },
          { code: 'CONFLICT', reason: 'ROLE_ALREADY_HELD', field: 'role' },
        ],
        [
          { accountId: account.id, role: Role.PROFESSIONAL },
          { code: 'BAD_USER_INPUT', reason: 'FIELD_REQUIRED', field: 'structureId' },
        ],
        [
          {
            accountId: disabled.account.id,
            role: Role.PROFESSIONAL,
            structureId: otherStructure.id,
          },
          { code: 'CONFLICT', reason: 'ACCOUNT_DISABLED', field: 'accountId' },
        ],
        [
          { accountId: 'nope', role: Role.PROFESSIONAL, structureId: structure.id },
          { code: 'BAD_USER_INPUT', reason: 'VALIDATION_FAILED', field: 'accountId' },
        ],
      ];
      for (const [input, extensions] of cases) {
        const result = await territoryAdmin.execute(ADD_MEMBERSHIP, { input });
        expect({ input, extensions: result.errors?.[0]?.extensions }).toMatchObject({
          input,
          extensions,
        });
      }
      expect(await membershipsOf(account.id)).toHaveLength(1);
      expect(await membershipsOf(disabled.account.id)).toHaveLength(1);
      expect(await auditCount()).toBe(audits);
    });

    it('refuses an account the caller does not administer, and another territory', async () => {
      const elsewhere = await createTerritory(relais.dataSource);
      const foreign = await createAccount(relais.dataSource, [
        { role: Role.PROFESSIONAL, structure: await createStructure(relais.dataSource, elsewhere) },
      ]);
      const refused = await territoryAdmin.execute(ADD_MEMBERSHIP, {
        input: { accountId: foreign.id, role: Role.PROFESSIONAL, structureId: structure.id },
      });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const { account } = await professional();
      const abroad = await territoryAdmin.execute(ADD_MEMBERSHIP, {
        input: { accountId: account.id, role: Role.TERRITORY_ADMIN, territoryId: elsewhere.id },
      });
      expect(abroad.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await membershipsOf(foreign.id)).toHaveLength(1);
      expect(await membershipsOf(account.id)).toHaveLength(1);
    });
  });

  // On the same app: revoking a membership, and what it takes away at once.
  describe('withdrawing access', () => {
    async function professionalWithConnections() {
      const territory = await createTerritory(relais.dataSource);
      const structure = await createStructure(relais.dataSource, territory);
      const admin = await createAccount(relais.dataSource, [
        { role: Role.TERRITORY_ADMIN, territory },
      ]);
      const professional = await createAccount(relais.dataSource, [
        { role: Role.PROFESSIONAL, structure },
      ]);
      const [{ id: membershipId }] = await relais.dataSource.query<{ id: string }[]>(
        'SELECT id FROM membership WHERE account_id = $1',
        [professional.id],
      );
      const { accessToken } = await relais.signIn(professional.id);
      const socket = await connectSocket(relais.baseUrl, { auth: { token: accessToken } });
      const socketClosed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      const graphqlWs = createGraphqlWsClient(
        relais.baseUrl,
        { authorization: `Bearer ${accessToken}` },
        { lazy: false },
      );
      // The connection is up and the caller is who they say.
      const first = await graphqlWs.execute<{ structures: { id: string }[] }>(
        `query($id: ID!) { structures(territoryId: $id) { id } }`,
        { id: territory.id },
      );
      expect(first.data?.structures).toHaveLength(1);
      return {
        territory,
        professional,
        membershipId,
        accessToken,
        socketClosed,
        graphqlWs,
        adminClient: await relais.graphqlAs(admin.id),
      };
    }

    it('revoking a membership closes the socket and the GraphQL connection, and the next request is refused', async () => {
      const world = await professionalWithConnections();
      try {
        const revoked = await world.adminClient.execute(
          `mutation($id: ID!) { revokeMembership(id: $id) { id revokedAt } }`,
          { id: world.membershipId },
        );
        expect(revoked.errors).toBeUndefined();

        expect(await world.socketClosed).toBe('io server disconnect');
        expect(await world.graphqlWs.closed).toEqual({
          code: 4403,
          reason: 'Forbidden: access withdrawn',
        });

        const client = relais.graphql.withHeaders({ authorization: `Bearer ${world.accessToken}` });
        const after = await client.execute(
          `query($id: ID!) { structures(territoryId: $id) { id } }`,
          {
            id: world.territory.id,
          },
        );
        expect(after.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'NOT_ALLOWED' });
        await expect(
          connectSocket(relais.baseUrl, { auth: { token: world.accessToken } }).then((socket) =>
            socket.timeout(2_000).emitWithAck('ping'),
          ),
        ).resolves.toHaveProperty('serverTime');
      } finally {
        await world.graphqlWs.close();
      }
    });

    it('disabling an account closes its connections and refuses its token and new connections', async () => {
      const world = await professionalWithConnections();
      try {
        const disabled = await world.adminClient.execute(
          `mutation($id: ID!) { disableAccount(id: $id) { status } }`,
          { id: world.professional.id },
        );
        expect(disabled.data).toEqual({ disableAccount: { status: 'DISABLED' } });

        expect(await world.socketClosed).toBe('io server disconnect');
        expect((await world.graphqlWs.closed).code).toBe(4403);
        const me = await relais.graphql
          .withHeaders({ authorization: `Bearer ${world.accessToken}` })
          .execute('{ me { email } }');
        expect(me.errors?.[0]?.extensions).toEqual({
          code: 'UNAUTHENTICATED',
          reason: 'SESSION_ENDED',
        });
        await expect(
          connectSocket(relais.baseUrl, { auth: { token: world.accessToken } }),
        ).rejects.toThrow('UNAUTHENTICATED');
        const refused = createGraphqlWsClient(
          relais.baseUrl,
          { authorization: `Bearer ${world.accessToken}` },
          { lazy: false },
        );
        expect((await refused.closed).code).toBe(4403);
      } finally {
        await world.graphqlWs.close();
      }
    });
  });
});
