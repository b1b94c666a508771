import { Role } from '@relais/identity';
import {
  connectSocket,
  createAccount,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type TestApp,
} from '@relais/testing';
import { startRelais } from '../support/app.js';

describe('withdrawing access', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

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
