import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { createGraphqlWsClient, type TestApp } from '@relais/testing';
import { printSchemaSdl } from '../../apps/api/src/graphql/schema-sdl.js';
import { startRelais } from '../support/app.js';

describe('GraphQL endpoint', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

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
