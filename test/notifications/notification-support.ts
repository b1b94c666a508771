import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Role, type AccountEntity, type MembershipEntity } from '@relais/identity';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  createAccount,
  createPerson,
  type GraphqlHttpClient,
  type TestApp,
  trackChild,
  waitUntil,
} from '@relais/testing';
import type { Socket } from 'socket.io-client';

export const REQUEST_TO_JOIN = `mutation($input: RequestToJoinTeamInput!) {
  requestToJoinTeam(input: $input) { id status }
}`;
export const DECIDE_JOIN = `mutation($input: DecideJoinRequestInput!) {
  decideJoinRequest(input: $input) { id status }
}`;
export const NOTIFICATION_FIELDS = `id eventId type eventType createdAt readAt cursor joinRequestId handoverId
  orientationRequestId person { id familyName isMember referentStructure { id name } }
  actor { name structure { id name } }`;
export const INBOX = `query($first: Int, $after: String, $unreadOnly: Boolean, $order: NotificationOrder) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly, order: $order) {
    edges { cursor node { ${NOTIFICATION_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
  unreadNotificationCount
}`;

export interface NotificationNode {
  id: string;
  eventId: string;
  type: string;
  eventType: string;
  createdAt: string;
  readAt: string | null;
  cursor: string;
  joinRequestId: string | null;
  handoverId: string | null;
  person: { id: string; familyName: string; isMember: boolean } | null;
  actor: { name: string; structure: { id: string; name: string } | null } | null;
}

export interface Inbox {
  notifications: {
    edges: { cursor: string; node: NotificationNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  unreadNotificationCount: number;
}

export interface Caseworker {
  readonly account: AccountEntity;
  readonly membership: MembershipEntity;
  readonly token: string;
  readonly client: GraphqlHttpClient;
}

/** A professional of a structure, signed in. */
export async function caseworkerOf(
  relais: TestApp,
  structure: StructureEntity,
  role: Role.PROFESSIONAL | Role.STRUCTURE_ADMIN | Role.ORIENTATION_MANAGER = Role.PROFESSIONAL,
): Promise<Caseworker> {
  const account = await createAccount(relais.dataSource);
  const membership = await addMembership(relais.dataSource, account, { role, structure });
  const { accessToken } = await relais.signIn(account.id);
  return {
    account,
    membership,
    token: accessToken,
    client: relais.graphql.withHeaders({ authorization: `Bearer ${accessToken}` }),
  };
}

/** A person of the territory whose referent is this caseworker. */
export async function personFollowedBy(
  relais: TestApp,
  territory: TerritoryEntity,
  referent: Caseworker,
  overrides: Partial<PersonEntity> = {},
): Promise<PersonEntity> {
  const person = await createPerson(relais.dataSource, territory, overrides);
  await addTeamMember(
    relais.dataSource,
    person,
    referent.account,
    referent.membership,
    TeamRole.REFERENT,
  );
  return person;
}

/** Asks to join a person's team; gives the join request's id. */
export async function askToJoin(client: GraphqlHttpClient, personId: string): Promise<string> {
  const data = await client.data<{ requestToJoinTeam: { id: string } }>(REQUEST_TO_JOIN, {
    input: { personId, reason: 'Suivi emploi' },
  });
  return data.requestToJoinTeam.id;
}

/** Resolves with the first payload of the event that matches, or fails after the timeout. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  matches: (payload: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T): void => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** Records every payload of an event, to check later what arrived (and what did not). */
export function record<T>(socket: Socket, event: string): T[] {
  const received: T[] = [];
  socket.on(event, (payload: T) => received.push(payload));
  return received;
}

/** The next value of an iterator, or `timeout` when none comes in time. */
export async function nextOrTimeout<T>(
  iterator: AsyncIterator<T>,
  timeoutMs: number,
): Promise<IteratorResult<T> | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    return await Promise.race([iterator.next(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until the condition holds, or fails after the timeout. */
export async function eventually<T>(
  probe: () => Promise<T>,
  holds: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  let last: T | undefined;
  await waitUntil(async () => holds((last = await probe())), timeoutMs).catch(() => {
    throw new Error(`the condition did not hold in time: ${JSON.stringify(last)}`);
  });
  return last as T;
}

/** How many inbox rows each (account, event) has, for the events given: all should be 1. */
export async function inboxRowsPerRecipient(
  relais: Pick<TestApp, 'dataSource'>,
  eventIds: readonly string[],
): Promise<{ account_id: string; event_id: string; rows: number }[]> {
  return relais.dataSource.query(
    `SELECT account_id, event_id, count(*)::int AS rows FROM notification
      WHERE event_id = ANY($1::uuid[]) GROUP BY account_id, event_id ORDER BY event_id, account_id`,
    [eventIds],
  );
}

/** The next value of an iterator that must yield one. */
export async function nextValue<T>(iterator: AsyncIterator<T>): Promise<T> {
  const result = await iterator.next();
  if (result.done) throw new Error('the stream ended');
  return result.value;
}

const MAIN = fileURLToPath(new URL('../../dist/apps/api/src/main.js', import.meta.url));

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** kill -9: no shutdown hook runs, whatever was in flight is lost. */
  crash(): Promise<void>;
  stop(): Promise<void>;
  /** What the server logged on stdout so far (JSON lines, LOG_LEVEL error by default). */
  output(): string;
  /** Resolves when the process has exited, with its exit code or the signal that ended it. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ApiProcessOptions {
  /** The port to listen on (a free one by default). */
  readonly port?: number;
  /** Variables on top of the test's own environment (REDIS_URL, SHUTDOWN_*...). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * The built API server (`node dist/apps/api/src/main.js`, as `npm run start:prod`) in a child
 * process on this worker's database, with the given token secret so tests can sign in.
 */
export async function startApiProcess(
  tokenSecret: string,
  options: ApiProcessOptions = {},
): Promise<ApiProcess> {
  const child = trackChild(
    spawn(process.execPath, [MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL,
        AUTH_TOKEN_SECRET: tokenSecret,
        HOST: '127.0.0.1',
        PORT: String(options.port ?? 0),
        LOG_LEVEL:
          process.env.LOG_LEVEL === 'silent' ? 'error' : (process.env.LOG_LEVEL ?? 'error'),
        REDIS_URL: '',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'API server (dist/apps/api/src/main.js)',
  );
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running for the process registry to find: the file fails on the start alone.
      child.kill('SIGKILL');
      reject(new Error(`the API did not start:\n${stderr}`));
    }, 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /GraphQL at (http:\/\/\S+)\/graphql/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the API exited at start:\n${stdout}\n${stderr}`));
    });
  });
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    child,
    baseUrl,
    crash: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    output: () => stdout,
    exited,
  };
}
