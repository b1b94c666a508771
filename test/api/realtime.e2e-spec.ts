import { connectSocket, createGraphqlWsClient, type TestApp } from '@relais/testing';
import { startRelais } from '../support/app.js';

describe('socket.io channel', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

  it('accepts a connection on the API port and answers a ping with the server time', async () => {
    const socket = await connectSocket(relais.baseUrl);
    try {
      const before = Date.now();
      const answer = (await socket.timeout(5_000).emitWithAck('ping')) as { serverTime: string };
      expect(Date.parse(answer.serverTime)).toBeGreaterThanOrEqual(before - 1_000);
    } finally {
      socket.close();
    }
  });

  it('lives beside GraphQL over WebSocket on the same port', async () => {
    const socket = await connectSocket(relais.baseUrl);
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
