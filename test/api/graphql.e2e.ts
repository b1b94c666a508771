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
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { printSchemaSdl } from '../../apps/api/src/graphql/schema-sdl.js';
import { startFromEmptyTables, startRelais } from '../support/app.js';
import { JobRunner } from '@relais/core';
import { StructureType, type TerritoryEntity } from '@relais/organizations';

// One app for the file: GraphQL over HTTP and WebSocket, the socket.io channel beside it, and
// the health endpoints.
let relais: TestApp;

describe('graphql', () => {
  startFromEmptyTables();
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

  const CREATE = `mutation Create($input: CreatePersonInput!) {
  createPerson(input: $input) { summary { id familyName } }
}`;
  const TERRITORIES = `query { territories { id } }`;

  type Created = { createPerson: { summary: { id: string; familyName: string } } };

  let sequence = 0;
  /** A family name no other test uses, so duplicate detection never steps in. */
  const newName = (): string => `Idempotent ${++sequence} ${Date.now()}`;

  describe('Idempotency-Key on mutations (Stripe’s model)', () => {
    startFromEmptyTables();
    let relais: TestApp;
    let territory: TerritoryEntity;
    let caseworker: GraphqlHttpClient;
    let colleague: GraphqlHttpClient;
    let caseworkerId: string;

    const input = (familyName: string) => ({
      input: { territoryId: territory.id, givenName: 'Léa', familyName, birthDate: '1990-05-06' },
    });
    const keyed = (client: GraphqlHttpClient, key: string) =>
      client.withHeaders({ 'idempotency-key': key });
    const peopleNamed = async (familyName: string): Promise<number> =>
      Number(
        (
          await relais.dataSource.query<{ n: string }[]>(
            'SELECT count(*) AS n FROM person WHERE family_name = $1',
            [familyName],
          )
        )[0].n,
      );
    const keysOf = (principalKey: string) =>
      relais.dataSource.query<{ key: string; response: unknown }[]>(
        'SELECT key, response FROM idempotency_key WHERE principal_key = $1',
        [principalKey],
      );

    beforeAll(async () => {
      relais = await startRelais();
      territory = await createTerritory(relais.dataSource);
      const structure = await createStructure(relais.dataSource, territory, {
        type: StructureType.CONSEIL_DEPARTEMENTAL,
      });
      const account = await createAccount(relais.dataSource, [
        { role: Role.PROFESSIONAL, structure },
      ]);
      caseworkerId = account.id;
      caseworker = await relais.graphqlAs(account.id);
      colleague = await relais.graphqlAs(
        (await createAccount(relais.dataSource, [{ role: Role.PROFESSIONAL, structure }])).id,
      );
    });

    afterAll(async () => {
      await relais.close();
    });

    it('gives the first response again for the same key and input, creating one row', async () => {
      const name = newName();
      const key = `create-${name}`;
      const first = await keyed(caseworker, key).execute<Created>(CREATE, input(name));
      expect(first.errors).toBeUndefined();
      expect(first.headers.get('idempotent-replay')).toBeNull();
      // The same request, its variables' keys in another order and its layout changed.
      const again = await keyed(caseworker, key).execute<Created>(CREATE.replace(/\s+/g, ' '), {
        input: { ...input(name).input, birthDate: '1990-05-06', territoryId: territory.id },
      });
      expect(again.status).toBe(first.status);
      expect(again.headers.get('idempotent-replay')).toBe('true');
      expect(again.data).toEqual(first.data);
      expect(await peopleNamed(name)).toBe(1);
      // Without a key, the same request runs again (duplicate detection is another matter).
      const unkeyed = await caseworker.execute<Created>(CREATE, input(newName()));
      expect(unkeyed.headers.get('idempotent-replay')).toBeNull();
    });

    it('refuses the same key with another input: CONFLICT, nothing created', async () => {
      const key = `conflict-${newName()}`;
      await keyed(caseworker, key).data(CREATE, input(newName()));
      const other = newName();
      const refused = await keyed(caseworker, key).execute(CREATE, input(other));
      expect(refused.status).toBe(409);
      expect(refused.errors).toEqual([
        {
          message: 'this key was used with another request',
          extensions: {
            code: 'CONFLICT',
            reason: 'IDEMPOTENCY_KEY_REUSED',
            field: 'Idempotency-Key',
          },
        },
      ]);
      expect(await peopleNamed(other)).toBe(0);
    });

    it('runs one of two concurrent requests with one key; the other is refused or replayed', async () => {
      const name = newName();
      const key = `race-${name}`;
      const results = await Promise.all(
        [0, 1].map(() => keyed(caseworker, key).execute<Created>(CREATE, input(name))),
      );
      expect(await peopleNamed(name)).toBe(1);
      const ran = results.filter((r) => !r.errors && r.headers.get('idempotent-replay') === null);
      expect(ran).toHaveLength(1);
      const [other] = results.filter((r) => r !== ran[0]);
      if (other.errors) {
        expect(other.errors[0]).toMatchObject({
          message: 'a request with this key is in progress',
          extensions: { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_IN_PROGRESS' },
        });
      } else {
        expect(other.headers.get('idempotent-replay')).toBe('true');
        expect(other.data).toEqual(ran[0].data);
      }
    });

    it('keeps the keys of different callers apart', async () => {
      const key = `shared-${newName()}`;
      const mine = newName();
      const theirs = newName();
      await keyed(caseworker, key).data(CREATE, input(mine));
      const other = await keyed(colleague, key).execute<Created>(CREATE, input(theirs));
      expect(other.errors).toBeUndefined();
      expect(other.headers.get('idempotent-replay')).toBeNull();
      expect(await peopleNamed(mine)).toBe(1);
      expect(await peopleNamed(theirs)).toBe(1);
    });

    it('forgets a key after 24 hours: the request runs again', async () => {
      const key = `old-${newName()}`;
      const name = newName();
      await keyed(caseworker, key).data(CREATE, input(name));
      await relais.dataSource.query(
        `UPDATE idempotency_key SET created_at = now() - interval '25 hours'
       WHERE principal_key = $1 AND key = $2`,
        [caseworkerId, key],
      );
      const later = newName();
      const again = await keyed(caseworker, key).execute<Created>(CREATE, input(later));
      expect(again.errors).toBeUndefined();
      expect(again.headers.get('idempotent-replay')).toBeNull();
      expect(await peopleNamed(later)).toBe(1);
    });

    it('purges the keys older than 24 hours with the idempotency.purge job, keeping the others', async () => {
      const old = `purged-${newName()}`;
      const young = `kept-${newName()}`;
      await keyed(caseworker, old).data(CREATE, input(newName()));
      await keyed(caseworker, young).data(CREATE, input(newName()));
      await relais.dataSource.query(
        `UPDATE idempotency_key SET created_at = now() - interval '25 hours'
       WHERE principal_key = $1 AND key = $2`,
        [caseworkerId, old],
      );
      expect(await relais.app.get(JobRunner).runNow('idempotency.purge')).toMatchObject({
        ran: true,
      });
      const keys = (await keysOf(caseworkerId)).map((row) => row.key);
      expect(keys).toContain(young);
      expect(keys).not.toContain(old);
    });

    it('keeps and replays a refusal too (a domain error is the request’s answer)', async () => {
      const key = `refused-${newName()}`;
      const elsewhere = await createTerritory(relais.dataSource);
      const request = { input: { ...input(newName()).input, territoryId: elsewhere.id } };
      const first = await keyed(caseworker, key).execute(CREATE, request);
      expect(first.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const again = await keyed(caseworker, key).execute(CREATE, request);
      expect(again.headers.get('idempotent-replay')).toBe('true');
      expect(again.errors).toEqual(first.errors);
    });

    it('refuses a malformed key on a mutation, and ignores the header on a query', async () => {
      for (const key of ['x'.repeat(256), 'é']) {
        const refused = await keyed(caseworker, key).execute(CREATE, input(newName()));
        expect(refused.errors?.[0]?.extensions).toEqual({
          code: 'BAD_USER_INPUT',
          reason: 'INVALID_FORMAT',
          field: 'Idempotency-Key',
        });
      }
      const before = (await keysOf(caseworkerId)).length;
      const query = await keyed(caseworker, 'query-key').execute(TERRITORIES);
      expect(query.errors).toBeUndefined();
      const again = await keyed(caseworker, 'query-key').execute(TERRITORIES);
      expect(again.headers.get('idempotent-replay')).toBeNull();
      const malformed = await keyed(caseworker, 'x'.repeat(256)).execute(TERRITORIES);
      expect(malformed.errors).toBeUndefined();
      expect(await keysOf(caseworkerId)).toHaveLength(before);
    });

    it('keys nothing for a caller who is not signed in', async () => {
      const anonymous = relais.graphql.withHeaders({ 'idempotency-key': 'anonymous' });
      const refused = await anonymous.execute(CREATE, input(newName()));
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const rows = await relais.dataSource.query<unknown[]>(
        `SELECT 1 FROM idempotency_key WHERE key = 'anonymous'`,
      );
      expect(rows).toHaveLength(0);
    });
  });
});
