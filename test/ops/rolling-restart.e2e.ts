import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TerritoryEntity } from '@relais/organizations';
import type { PersonEntity } from '@relais/pathways';
import {
  connectSocket,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type TestApp,
  trackChild,
} from '@relais/testing';
import type { Socket } from 'socket.io-client';
import { SERVICE_RESTART_CLOSE_CODE } from '../../apps/api/src/graphql/graphql-ws-connections.js';
import { SERVICE_RESTART_EVENT } from '../../apps/api/src/realtime/realtime.gateway.js';
import {
  type ApiProcess,
  type Caseworker,
  caseworkerOf,
  eventually,
  personFollowedBy,
  REQUEST_TO_JOIN,
  startApiProcess,
} from '../notifications/notification-support.js';
import { startRedisServer, stopRedisServer } from '../support/redis-server.js';
import { startRelaisBesideChildren, startFromEmptyTables } from '../support/app.js';

// Debian's package, installed by .ci/run.
const HAPROXY = '/usr/sbin/haproxy';
const TOKEN_SECRET = 'a-token-secret-for-the-rolling-restart-test-0';
const DRAIN_SECONDS = 2;
const GRACE_SECONDS = 8;
/** The load balancer's health checks: every 200 ms, 2 failures to take a server out. */
const CHECK_INTERVAL_MS = 200;

const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { id } }`;
const UNREAD = `query { unreadNotificationCount }`;

/** A free loopback port (the kernel's pick, released for the server that will take it). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** SIGTERM, SIGKILL after 5 s; resolves once the process is gone. */
async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}

/** Whether a new TCP connection to the port is refused (the server stopped accepting). */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function statusOf(url: string): Promise<number | string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return String((error as { cause?: { code?: string } }).cause?.code ?? error);
  }
}

/** haproxy in front of the given servers: round robin, health checked on /health/ready. */
async function startHaproxy(
  dir: string,
  frontPort: number,
  statsPort: number,
  servers: Readonly<Record<string, number>>,
): Promise<ChildProcess> {
  const config = [
    'global',
    '  maxconn 512',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    // A server is taken out when its readiness says 503 (a drain), not because a loaded
    // machine answered a check late: with 1 s, two slow checks took out the only ready one.
    '  timeout check 5s',
    'frontend api',
    `  bind 127.0.0.1:${frontPort}`,
    '  default_backend apis',
    'backend apis',
    '  balance roundrobin',
    '  option httpchk GET /health/ready',
    '  http-check expect status 200',
    `  default-server inter ${CHECK_INTERVAL_MS} fall 2 rise 2`,
    ...Object.entries(servers).map(([name, port]) => `  server ${name} 127.0.0.1:${port} check`),
    'listen stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ].join('\n');
  const file = join(dir, 'haproxy.cfg');
  await writeFile(file, config);
  const child = trackChild(
    spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] }),
    'haproxy',
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await eventually(
      () => statusOf(`http://127.0.0.1:${statsPort}/stats;csv`),
      (status) => status === 200 || child.exitCode !== null,
      10_000,
    );
    if (child.exitCode !== null) throw new Error(`haproxy exited:\n${output}`);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return child;
}

/** The status haproxy gives each server of the backend (UP, DOWN, ...). */
async function serverStates(statsPort: number): Promise<Record<string, string>> {
  const response = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`);
  const [header, ...rows] = (await response.text()).trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const proxy = columns.indexOf('pxname');
  const name = columns.indexOf('svname');
  const status = columns.indexOf('status');
  const states: Record<string, string> = {};
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[proxy] === 'apis' && !['FRONTEND', 'BACKEND'].includes(cells[name])) {
      states[cells[name]] = cells[status];
    }
  }
  return states;
}

interface Outcome {
  readonly kind: 'addNote' | 'requestToJoinTeam' | 'read';
  readonly ok: boolean;
  readonly id?: string;
  readonly detail?: string;
}

/** One GraphQL request through the proxy; any failure (5xx, error, no answer) is said so. */
async function call(
  baseUrl: string,
  token: string,
  kind: Outcome['kind'],
  query: string,
  variables?: Record<string, unknown>,
): Promise<Outcome> {
  try {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (response.status !== 200) return { kind, ok: false, detail: `${response.status} ${text}` };
    const body = JSON.parse(text) as {
      data?: Record<string, { id?: string } | number> | null;
      errors?: unknown[];
    };
    if (body.errors || !body.data) return { kind, ok: false, detail: text };
    const value = body.data[kind];
    return { kind, ok: true, id: typeof value === 'object' ? value.id : undefined };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { kind, ok: false, detail: `${String(error)} ${cause?.code ?? cause?.message ?? ''}` };
  }
}

describe('graceful shutdown (SIGTERM)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let referent: Caseworker;
  let requester: Caseworker;
  let redis: ChildProcess | undefined;
  let redisUrl: string;
  const children = new Set<ApiProcess>();
  let haproxy: ChildProcess | undefined;
  let haproxyDir: string | undefined;
  /** Ends the clients' loops of the rolling restart, whatever happened. */
  let stopped = false;

  /** An API child process on the shared database and Redis, registered to be stopped. */
  const startInstance = async (
    port?: number,
    env: Record<string, string> = {},
  ): Promise<ApiProcess> => {
    const api = await startApiProcess(TOKEN_SECRET, {
      port,
      env: {
        ...env,
        REDIS_URL: redisUrl,
        SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
        SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      },
    });
    children.add(api);
    return api;
  };

  beforeAll(async () => {
    if (!existsSync(HAPROXY)) throw new Error(`${HAPROXY} is missing: apt-get install haproxy`);
    // In this process only to build data and sign in, with the children's token secret; the
    // children dispatch the outbox, not this one.
    relais = await startRelaisBesideChildren(TOKEN_SECRET);
    const redisPort = await freePort();
    redis = await startRedisServer(redisPort);
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    territory = await createTerritory(relais.dataSource);
    referent = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    requester = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
  });

  afterAll(async () => {
    stopped = true;
    await stopChild(haproxy);
    if (haproxyDir) await rm(haproxyDir, { recursive: true, force: true });
    await Promise.all([...children].map((api) => api.crash()));
    if (redis) await stopRedisServer(redis);
    await relais?.close();
  });

  it('on SIGTERM, readiness fails at once while liveness holds, live connections are told to reconnect, a request in flight completes, and the process exits 0', async () => {
    const port = await freePort();
    // Its log read to the end: every line of the shutdown, 'stopped' the last.
    const api = await startInstance(port, { LOG_LEVEL: 'info' });
    const baseUrl = api.baseUrl;
    const person = await personFollowedBy(relais, territory, referent);
    const graphqlWs = createGraphqlWsClient(
      baseUrl,
      { authorization: `Bearer ${referent.token}` },
      { lazy: false },
    );
    let socket: Socket | undefined;
    const slow = new net.Socket();
    try {
      expect(await graphqlWs.execute(UNREAD)).toEqual({ data: { unreadNotificationCount: 0 } });
      socket = await connectSocket(baseUrl, { auth: { token: referent.token } });
      const restartEvents: unknown[] = [];
      socket.on(SERVICE_RESTART_EVENT, () => restartEvents.push(SERVICE_RESTART_EVENT));
      const disconnected = new Promise<string>((resolve) =>
        (socket as Socket).once('disconnect', (reason) => resolve(reason)),
      );

      // A mutation whose body is still arriving when the signal comes.
      const body = JSON.stringify({
        query: ADD_NOTE,
        variables: { input: { personId: person.id, body: 'Écrite pendant l’arrêt' } },
      });
      await new Promise<void>((resolve, reject) => {
        slow.once('error', reject);
        slow.connect(port, '127.0.0.1', resolve);
      });
      let answer = '';
      slow.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      const answered = new Promise<void>((resolve) => slow.once('end', resolve));
      const bytes = Buffer.from(body);
      slow.write(
        `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\n` +
          `authorization: Bearer ${referent.token}\r\ncontent-length: ${bytes.length}\r\n\r\n`,
      );
      slow.write(bytes.subarray(0, 20));

      const signalledAt = Date.now();
      api.child.kill('SIGTERM');
      // Readiness says 503 within a few checks, liveness stays 200.
      await eventually(
        () => statusOf(`${baseUrl}/health/ready`),
        (status) => status === 503,
        1_000,
      );
      expect(await statusOf(`${baseUrl}/health/live`)).toBe(200);
      // A second signal changes nothing.
      api.child.kill('SIGTERM');
      // Still serving for the drain period: a new request is answered.
      const during = await call(baseUrl, referent.token, 'read', UNREAD);
      expect(during).toEqual({ kind: 'read', ok: true, id: undefined });

      // Then the port stops accepting and the live connections are told to go elsewhere.
      await eventually(
        () => refusesConnections(port),
        (refused) => refused,
        GRACE_SECONDS * 1000,
      );
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(DRAIN_SECONDS * 1000);
      expect(await graphqlWs.closed).toEqual({
        code: SERVICE_RESTART_CLOSE_CODE,
        reason: 'Service restart: reconnect',
      });
      // socket.io's own client reconnects after a transport close (not after a server disconnect).
      expect(await disconnected).toBe('transport close');
      expect(restartEvents).toEqual([SERVICE_RESTART_EVENT]);

      // The request in flight completes, and its write is there.
      slow.write(bytes.subarray(20));
      await answered;
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toMatch(/\r\nconnection: close\r\n/i);
      const id = /"addNote":\{"id":"([^"]+)"\}/.exec(answer)?.[1];
      expect(id).toBeDefined();
      const rows = await relais.dataSource.query<{ body: string }[]>(
        'SELECT body FROM note WHERE id = $1',
        [id],
      );
      expect(rows).toEqual([{ body: 'Écrite pendant l’arrêt' }]);

      expect(await api.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalledAt).toBeLessThan(GRACE_SECONDS * 1000);
      // The logs are written asynchronously: what was still buffered is written before the exit.
      const logged = await eventually(
        () => Promise.resolve(api.output()),
        (output) => output.trimEnd().endsWith('"msg":"stopped"}'),
        5_000,
      );
      expect(logged).toContain('"msg":"closing: no new connection; ');
    } finally {
      slow.destroy();
      socket?.close();
      await graphqlWs.close();
      await api.crash();
    }
  });

  it('a rolling restart of two instances behind haproxy loses no request and no acknowledged write', async () => {
    const ports = { a: await freePort(), b: await freePort() };
    const instances: Record<'a' | 'b', ApiProcess> = {
      a: await startInstance(ports.a),
      b: await startInstance(ports.b),
    };
    const frontPort = await freePort();
    const statsPort = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'relais-haproxy-'));
    haproxyDir = dir;
    let traffic: Promise<unknown> | undefined;
    const outcomes: Outcome[] = [];
    try {
      haproxy = await startHaproxy(dir, frontPort, statsPort, ports);
      const proxy = `http://127.0.0.1:${frontPort}`;
      await eventually(
        () => serverStates(statsPort),
        (states) => states.a === 'UP' && states.b === 'UP',
        10_000,
      );
      const person = await personFollowedBy(relais, territory, referent);
      // Files the requester asks to join, one each: events for the outbox, notifications after.
      const joinable: PersonEntity[] = [];
      for (let i = 0; i < 40; i++)
        joinable.push(await personFollowedBy(relais, territory, referent));

      // Clients keep writing and reading through the proxy until both restarts are done.
      const MAX_PER_LOOP = 3_000;
      const loop = async (next: (n: number) => Promise<Outcome> | undefined): Promise<void> => {
        for (let n = 0; n < MAX_PER_LOOP && !stopped; n++) {
          const outcome = next(n);
          if (!outcome) return;
          outcomes.push(await outcome);
        }
      };
      let noteNumber = 0;
      const writer = () =>
        call(proxy, referent.token, 'addNote', ADD_NOTE, {
          input: { personId: person.id, body: `Note ${noteNumber++} du redémarrage` },
        });
      traffic = Promise.all([
        loop(writer),
        loop(writer),
        loop(writer),
        loop(() => call(proxy, referent.token, 'read', UNREAD)),
        loop(() => call(proxy, requester.token, 'read', UNREAD)),
        loop((n) =>
          n < joinable.length
            ? call(proxy, requester.token, 'requestToJoinTeam', REQUEST_TO_JOIN, {
                input: { personId: joinable[n].id, reason: 'Suivi emploi' },
              })
            : undefined,
        ),
      ]);

      const exits: { name: string; code: number | null; seconds: number }[] = [];
      const readyWhileDraining: Record<string, number | string> = {};
      for (const name of ['a', 'b'] as const) {
        // Some traffic before each restart, so the restart happens under load.
        const before = outcomes.length;
        await eventually(
          () => Promise.resolve(outcomes.length),
          (count) => count >= before + 20,
        );
        const old = instances[name];
        const signalledAt = Date.now();
        old.child.kill('SIGTERM');
        readyWhileDraining[name] = await eventually(
          () => statusOf(`${old.baseUrl}/health/ready`),
          (status) => status === 503,
          1_000,
        );
        const { code } = await old.exited;
        exits.push({ name, code, seconds: (Date.now() - signalledAt) / 1000 });
        instances[name] = await startInstance(ports[name]);
        await eventually(
          () => serverStates(statsPort),
          (states) => states[name] === 'UP',
          10_000,
        );
      }
      // A little traffic on the new pair too.
      const afterRestarts = outcomes.length;
      await eventually(
        () => Promise.resolve(outcomes.length),
        (count) => count >= afterRestarts + 20,
      );
      stopped = true;
      await traffic;

      expect(readyWhileDraining).toEqual({ a: 503, b: 503 });
      for (const exit of exits) {
        expect(exit.code).toBe(0);
        expect(exit.seconds).toBeLessThan(GRACE_SECONDS);
      }
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);

      // Every acknowledged write is in the database.
      const notes = outcomes.filter((o) => o.kind === 'addNote').map((o) => o.id as string);
      expect(notes.length).toBeGreaterThan(30);
      const stored = await relais.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM note WHERE id = ANY($1::uuid[])',
        [notes],
      );
      expect(stored).toEqual([{ count: notes.length }]);
      // Every acknowledged join request was dispatched: the referent has each one in the inbox.
      const joins = outcomes
        .filter((o) => o.kind === 'requestToJoinTeam')
        .map((o) => o.id as string);
      expect(joins).toHaveLength(joinable.length);
      await eventually(
        () =>
          relais.dataSource.query<{ count: number }[]>(
            `SELECT count(*)::int AS count FROM notification
              WHERE account_id = $1 AND payload->>'joinRequestId' = ANY($2::text[])`,
            [referent.account.id, joins],
          ),
        (rows) => rows[0].count === joins.length,
        10_000,
      );
    } finally {
      stopped = true;
      await traffic;
      await stopChild(haproxy);
    }
  }, 180_000);
});
