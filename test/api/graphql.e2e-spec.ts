import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { Role } from '@relais/identity';
import {
  connectSocket,
  createAccount,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type TestApp,
} from '@relais/testing';
import { printSchemaSdl } from '../../apps/api/src/graphql/schema-sdl.js';
import { startRelais } from '../support/app.js';

// One app for the file: GraphQL over HTTP and WebSocket, the socket.io channel beside it, and
// the health endpoints.
let relais: TestApp;

beforeAll(async () => {
  relais = await startRelais();
});

afterAll(async () => {
  await relais.close();
});

describe('GraphQL endpoint', () => {
  it('answers a query over HTTP at /graphql', async () => {
    const before = Date.now();
    const data = await relais.graphql.data<{
      apiInfo: { name: string; version: string; serverTime: string };
    }>('{ apiInfo { name version serverTime } }');
    expect(data.apiInfo.name).toBe('Relais');
    expect(data.apiInfo.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(data.apiInfo.serverTime)).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('answers the same query over WebSocket with the graphql-ws protocol', async () => {
    const client = createGraphqlWsClient(relais.baseUrl);
    try {
      const result = await client.execute<{ apiInfo: { name: string } }>('{ apiInfo { name } }');
      expect(result.errors).toBeUndefined();
      expect(result.data?.apiInfo.name).toBe('Relais');
    } finally {
      await client.close();
    }
  });

  it('over WebSocket too, rejects an unknown field with the same code and nothing else', async () => {
    const client = createGraphqlWsClient(relais.baseUrl);
    try {
      const result = await client.execute('{ apiInfo { name birthDate } }');
      expect(result.data).toBeUndefined();
      expect(result.errors).toEqual([
        {
          message: expect.stringContaining('birthDate') as string,
          locations: [{ line: 1, column: 18 }],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    } finally {
      await client.close();
    }
  });

  it('rejects an unknown field with a code and no stack trace', async () => {
    const result = await relais.graphql.execute('{ apiInfo { name birthDate } }');
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors ?? [];
    expect(error?.message).toContain('birthDate');
    expect(error?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('rejects a query that does not parse, naming where', async () => {
    const result = await relais.graphql.execute('{ apiInfo { name ');
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(result.errors?.[0]?.locations).toEqual([{ line: 1, column: 18 }]);
  });

  it('gives every response a request id, and keeps a well-formed one sent by a proxy', async () => {
    const generated = await relais.graphql.execute('{ apiInfo { name } }');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const forwarded = await relais.graphql
      .withHeaders({ 'x-request-id': 'proxy-req-0001' })
      .execute('{ apiInfo { name } }');
    expect(forwarded.headers.get('x-request-id')).toBe('proxy-req-0001');

    const malformed = await relais.graphql
      .withHeaders({ 'x-request-id': 'no spaces <allowed>' })
      .execute('{ apiInfo { name } }');
    expect(malformed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not advertise its framework', async () => {
    const response = await fetch(`${relais.baseUrl}/health/live`);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  // The committed schema.gql (the web client's and partners' contract) drifts from nothing.
  it('serves exactly the committed schema (else run npm run schema:generate and commit it)', async () => {
    const served = printSchemaSdl(relais.app.get(GraphQLSchemaHost).schema);
    const committed = await readFile(new URL('../../schema.gql', import.meta.url), 'utf8');
    expect(served).toBe(committed);
  });
});

describe('socket.io channel', () => {
  let token: string;

  beforeAll(async () => {
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    const caseworker = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure },
    ]);
    token = (await relais.signIn(caseworker.id)).accessToken;
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

// Last: its test cuts the app's database connections (and checks the app recovers).
describe('health endpoints', () => {
  it('says the process is live', async () => {
    const response = await fetch(`${relais.baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('says ready while the database answers, 503 while it does not, and ready again after', async () => {
    const ready = await fetch(`${relais.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' } },
    });

    const database = new URL(process.env.DATABASE_URL as string).pathname.slice(1);
    const admin = new pg.Client({
      connectionString: process.env.DATABASE_URL?.replace(/\/[^/]*$/, '/postgres'),
    });
    await admin.connect();
    try {
      // Nobody may connect to the database any more, and the API's pooled connections are cut.
      await admin.query(
        `ALTER DATABASE ${admin.escapeIdentifier(database)} ALLOW_CONNECTIONS false`,
      );
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      const down = await fetch(`${relais.baseUrl}/health/ready`);
      expect(down.status).toBe(503);
      const body = (await down.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        status: 'error',
        error: { database: { status: 'down', message: 'the database does not answer' } },
      });
      // Nothing about the server's internals: no addresses, ports or stack frames.
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b|\bat .+:\d+:\d+/);
    } finally {
      await admin.query(
        `ALTER DATABASE ${admin.escapeIdentifier(database)} ALLOW_CONNECTIONS true`,
      );
      await admin.end();
    }

    const back = await fetch(`${relais.baseUrl}/health/ready`);
    expect(back.status).toBe(200);
  });
});
