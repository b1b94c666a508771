import {
  connectSocket,
  createAccount,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type TestApp,
} from '@relais/testing';
import { Role } from '@relais/identity';
import { startRelais } from '../support/app.js';

describe('socket.io channel', () => {
  let relais: TestApp;
  let token: string;

  beforeAll(async () => {
    relais = await startRelais();
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    const caseworker = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure },
    ]);
    token = (await relais.signIn(caseworker.id)).accessToken;
  });

  afterAll(async () => {
    await relais.close();
  });

  it('refuses a connection without a valid access token', async () => {
    await expect(connectSocket(relais.baseUrl)).rejects.toThrow('UNAUTHENTICATED');
    await expect(connectSocket(relais.baseUrl, { auth: { token: 'forged' } })).rejects.toThrow(
      'UNAUTHENTICATED',
    );
  });

  it('accepts a signed-in caseworker on the API port and answers a ping with the server time', async () => {
    const socket = await connectSocket(relais.baseUrl, { auth: { token } });
    try {
      const before = Date.now();
      const answer = (await socket.timeout(5_000).emitWithAck('ping')) as { serverTime: string };
      expect(Date.parse(answer.serverTime)).toBeGreaterThanOrEqual(before - 1_000);
    } finally {
      socket.close();
    }
  });

  it('lives beside GraphQL over WebSocket on the same port', async () => {
    const socket = await connectSocket(relais.baseUrl, { auth: { token } });
    const graphql = createGraphqlWsClient(relais.baseUrl);
    try {
      const result = await graphql.execute<{ apiInfo: { name: string } }>('{ apiInfo { name } }');
      expect(result.data?.apiInfo.name).toBe('Relais');
      const answer = (await socket.timeout(5_000).emitWithAck('ping')) as { serverTime: string };
      expect(typeof answer.serverTime).toBe('string');
      expect(socket.connected).toBe(true);
    } finally {
      socket.close();
      await graphql.close();
    }
  });
});
