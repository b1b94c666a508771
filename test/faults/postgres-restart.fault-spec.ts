import type { TerritoryEntity } from '@relais/organizations';
import { createStructure, createTerritory } from '@relais/testing';
import pg from 'pg';
import {
  type ApiProcess,
  type Caseworker,
  caseworkerOf,
  personFollowedBy,
  startApiProcess,
} from '../notifications/notification-support.js';
import { startRelais } from '../support/app.js';
import {
  graphqlCall,
  httpGet,
  leaksInternals,
  type OwnPostgres,
  type Outcome,
  startOwnPostgres,
  steadyLoad,
  tally,
} from './fault-support.js';

const TOKEN_SECRET = 'a-token-secret-for-the-postgres-restart-fault-0';
const READ = `query($id: ID!) { person(id: $id) { id familyName version } }`;
const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { id } }`;
/**
 * What a client may meet while the database is away: codes from the API's closed list. A lost
 * connection is SERVICE_UNAVAILABLE, never an internal error (tested below).
 */
const CLEAN_CODES = new Set(['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']);
const DOWN_MS = 4_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL stopped and started again under load (a server of the suite)', () => {
  let postgres: OwnPostgres;
  let api: ApiProcess | undefined;
  let caseworker: Caseworker;
  let personId: string;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    const previous = { url: process.env.DATABASE_URL, secret: process.env.AUTH_TOKEN_SECRET };
    process.env.DATABASE_URL = postgres.databaseUrl;
    process.env.AUTH_TOKEN_SECRET = TOKEN_SECRET;
    try {
      // In process only to build the data and sign in; the child serves the load.
      const relais = await startRelais();
      try {
        const territory: TerritoryEntity = await createTerritory(relais.dataSource);
        caseworker = await caseworkerOf(
          relais,
          await createStructure(relais.dataSource, territory),
        );
        personId = (await personFollowedBy(relais, territory, caseworker)).id;
      } finally {
        await relais.close();
      }
      api = await startApiProcess(TOKEN_SECRET);
    } finally {
      process.env.DATABASE_URL = previous.url;
      if (previous.secret === undefined) delete process.env.AUTH_TOKEN_SECRET;
      else process.env.AUTH_TOKEN_SECRET = previous.secret;
    }
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await postgres?.remove();
  });

  it('fails requests cleanly, says 503 when not ready, comes back within 10 s and loses no acknowledged write', async () => {
    const server = api as ApiProcess;
    let notes = 0;
    const load = steadyLoad(
      6,
      async (loop, iteration) => {
        const kind = (loop + iteration) % 3;
        if (kind === 0) {
          outcomes.push(
            await graphqlCall(server.baseUrl, caseworker.token, 'read', READ, { id: personId }),
          );
        } else if (kind === 1) {
          notes += 1;
          outcomes.push(
            await graphqlCall(server.baseUrl, caseworker.token, 'addNote', ADD_NOTE, {
              input: { personId, body: `Note de charge ${notes}` },
            }),
          );
        } else {
          outcomes.push(await httpGet(server.baseUrl, '/health/ready', 'ready'));
        }
      },
      20,
    );

    await sleep(3_000);
    const downAt = Date.now();
    await postgres.stop();
    await sleep(DOWN_MS);
    const readyWhileDown = await httpGet(server.baseUrl, '/health/ready', 'ready');
    await postgres.start();
    const upAt = Date.now();
    // Back: a read and the readiness probe succeed, from the database's return.
    let backAt: number | undefined;
    while (Date.now() - upAt < 20_000) {
      const [read, ready] = await Promise.all([
        graphqlCall(server.baseUrl, caseworker.token, 'probe', READ, { id: personId }),
        httpGet(server.baseUrl, '/health/ready', 'probe'),
      ]);
      if (read.ok && ready.status === 200) {
        backAt = Date.now();
        break;
      }
      await sleep(100);
    }
    await sleep(3_000);
    await load.stop();

    const failed = outcomes.filter((outcome) => !outcome.ok);
    const summary = tally(
      outcomes.map((o) => `${o.kind} ${o.status} ${o.codes.join(',') || 'ok'}`),
    );
    console.log(
      `PostgreSQL restart: ${outcomes.length} requests, ${failed.length} failed; down ${upAt - downAt} ms; ` +
        `back ${backAt === undefined ? 'never' : `${backAt - upAt} ms`} after the database\n` +
        JSON.stringify(summary, null, 2),
    );

    // The process lived through it, and no request met a closed socket.
    expect(server.child.exitCode).toBeNull();
    expect(server.child.signalCode).toBeNull();
    expect(outcomes.filter((o) => o.status === 0)).toEqual([]);
    // Failures are clean: a status and a code, no stack trace or internal detail.
    expect(failed.filter((o) => leaksInternals(o.body)).map((o) => o.body)).toEqual([]);
    const graphqlFailures = failed.filter((o) => o.kind !== 'ready');
    expect(graphqlFailures.filter((o) => !o.codes.every((code) => CLEAN_CODES.has(code)))).toEqual(
      [],
    );
    expect(failed.filter((o) => o.kind === 'ready').every((o) => o.status === 503)).toBe(true);
    expect(readyWhileDown.status).toBe(503);
    expect(failed.length).toBeGreaterThan(0);
    // Service is back within 10 s of the database.
    expect(backAt).toBeDefined();
    expect((backAt as number) - upAt).toBeLessThan(10_000);

    // Every acknowledged write is in the database.
    const acknowledged = outcomes
      .filter((o) => o.kind === 'addNote' && o.ok)
      .map((o) => (o.data?.addNote as { id: string }).id);
    const client = new pg.Client({ connectionString: postgres.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM note WHERE id = ANY($1::uuid[])',
        [acknowledged],
      );
      expect(rows.map((row) => row.id).sort()).toEqual([...acknowledged].sort());
    } finally {
      await client.end();
    }
  }, 120_000);

  it('tells clients the service is unavailable, not an internal error, while the database is away', () => {
    const codes = outcomes.flatMap((o) => o.codes);
    expect(codes.length).toBeGreaterThan(0);
    const internal = codes.filter((code) => code === 'INTERNAL_SERVER_ERROR');
    if (internal.length > 0) {
      // Which error it was: the server's log of errors, but for the database being away.
      const logged = (api?.output() ?? '')
        .split('\n')
        .filter((line) => line.includes('"level":"error"'))
        .filter((line) => !/ECONNREFUSED|57P0[13]|Connection terminated|ECONNRESET/.test(line));
      throw new Error(
        `${internal.length} INTERNAL_SERVER_ERROR while the database was away; the server logged:\n${logged.join('\n')}`,
      );
    }
  });
});
