import type { ChildProcess } from 'node:child_process';
import { findFreePort } from '@relais/database';
import { AccessTokenService, Role } from '@relais/identity';
import { OutboxDispatcherService } from '@relais/notifications';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  connectSocket,
  createAccount,
  createApiClient,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type GraphqlWsClient,
  type TestApp,
} from '@relais/testing';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import {
  REDIS_SERVER,
  redisServerInstalled,
  startRedisServer,
  stopRedisServer,
} from '../support/redis-server.js';
import {
  askToJoin,
  type Caseworker,
  caseworkerOf,
  eventually,
  INBOX,
  type Inbox,
  nextEvent,
  NOTIFICATION_FIELDS,
  type NotificationNode,
  nextOrTimeout,
  nextValue,
  personFollowedBy,
  record,
} from './notification-support.js';

if (!redisServerInstalled) {
  process.stdout.write(
    `notifications across instances: NOT RUN — no redis-server at ${REDIS_SERVER} (apt-get install redis-server)\n`,
  );
}
const describeWithRedis = redisServerInstalled ? describe : describe.skip;
const startRedis = startRedisServer;
const stopRedis = stopRedisServer;

/** What Redis sees: clients other than this probe, and those subscribed to a pattern. */
async function redisState(url: string): Promise<{ clients: number; subscribers: number }> {
  const probe = new Redis(url, {
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    connectionName: 'probe',
  });
  try {
    await probe.connect();
    const list = (await probe.call('CLIENT', 'LIST')) as string;
    const clients = list.split('\n').filter((line) => line && !line.includes('name=probe'));
    const subscribers = clients.filter((line) => /\bpsub=[1-9]/.test(line));
    return { clients: clients.length, subscribers: subscribers.length };
  } catch {
    return { clients: 0, subscribers: 0 };
  } finally {
    probe.disconnect();
  }
}

describeWithRedis('two API instances sharing one Redis', () => {
  startFromEmptyTables();
  let redisUrl: string;
  let redisPort: number;
  let redis: ChildProcess;
  let a: TestApp;
  let b: TestApp;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let referent: Caseworker;
  let requesterOnA: GraphqlHttpClient;
  let requesterOnB: GraphqlHttpClient;
  let socketOnB: Socket;
  let graphqlOnB: GraphqlWsClient;

  /** Both instances' four Redis clients (bus and socket.io, publisher and subscriber) are back. */
  const bothInstancesConnected = () =>
    eventually(
      () => redisState(redisUrl),
      // Per instance: the bus and the socket.io adapter each psubscribe on their own client.
      (state) => state.clients >= 8 && state.subscribers >= 4,
      20_000,
    );

  beforeAll(async () => {
    redisPort = await findFreePort();
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    redis = await startRedis(redisPort);
    // The configuration is read from the environment when each application boots; instances
    // share their token secret, as deployed ones do.
    const previous = { ...process.env };
    process.env.REDIS_URL = redisUrl;
    process.env.AUTH_TOKEN_SECRET = 'a-token-secret-shared-by-both-instances-0000';
    try {
      a = await startRelais();
      b = await startRelais();
    } finally {
      for (const name of ['REDIS_URL', 'AUTH_TOKEN_SECRET']) {
        if (previous[name] === undefined) delete process.env[name];
        else process.env[name] = previous[name];
      }
    }
    // Only A dispatches: what reaches B's clients crossed through Redis.
    await b.app.get(OutboxDispatcherService).stop();

    territory = await createTerritory(a.dataSource);
    structure = await createStructure(a.dataSource, territory);
    referent = await caseworkerOf(a, structure);
    const requester = await caseworkerOf(a, await createStructure(a.dataSource, territory));
    requesterOnA = requester.client;
    requesterOnB = b.graphql.withHeaders({ authorization: `Bearer ${requester.token}` });
    socketOnB = await connectSocket(b.baseUrl, { auth: { token: referent.token } });
    graphqlOnB = createGraphqlWsClient(
      b.baseUrl,
      { authorization: `Bearer ${referent.token}` },
      { lazy: false },
    );
    await bothInstancesConnected();
  });

  afterAll(async () => {
    socketOnB?.close();
    await graphqlOnB?.close();
    await a?.close();
    await b?.close();
    if (redis) await stopRedis(redis);
  });

  it('an event committed and dispatched on A reaches a socket and a subscription on B', async () => {
    const subscription = graphqlOnB.subscribe<{ notificationAdded: NotificationNode }>(
      `subscription { notificationAdded { ${NOTIFICATION_FIELDS} } }`,
    );
    await graphqlOnB.execute('{ apiInfo { name } }');
    const person = await personFollowedBy(a, territory, referent);
    const pushed = nextEvent<NotificationNode>(
      socketOnB,
      'notification',
      (n) => n.person?.id === person.id,
    );
    const joinRequestId = await askToJoin(requesterOnA, person.id);
    expect(await pushed).toMatchObject({ type: 'team.join_requested', joinRequestId });
    const added = await nextValue(subscription);
    expect(added.data?.notificationAdded.joinRequestId).toBe(joinRequestId);
    await subscription.return?.();
  });

  it('a revocation on A closes the account’s socket and GraphQL connection on B', async () => {
    const admin = await createAccount(a.dataSource, [{ role: Role.TERRITORY_ADMIN, territory }]);
    const colleague = await caseworkerOf(a, structure);
    const socket = await connectSocket(b.baseUrl, { auth: { token: colleague.token } });
    const socketClosed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const graphqlWs = createGraphqlWsClient(
      b.baseUrl,
      { authorization: `Bearer ${colleague.token}` },
      { lazy: false },
    );
    try {
      await graphqlWs.execute('{ apiInfo { name } }');
      const adminOnA = await a.graphqlAs(admin.id);
      await adminOnA.data(`mutation($id: ID!) { revokeMembership(id: $id) { id } }`, {
        id: colleague.membership.id,
      });
      expect(await socketClosed).toBe('io server disconnect');
      expect(await graphqlWs.closed).toEqual({
        code: 4403,
        reason: 'Forbidden: access withdrawn',
      });
    } finally {
      socket.close();
      await graphqlWs.close();
    }
  });

  /** One session's socket and GraphQL connection on B, opened and acknowledged. */
  async function liveOnB(token: string) {
    const socket = await connectSocket(b.baseUrl, { auth: { token } });
    const socketClosed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const pushes = record<NotificationNode>(socket, 'notification');
    const graphqlWs = createGraphqlWsClient(
      b.baseUrl,
      { authorization: `Bearer ${token}` },
      { lazy: false },
    );
    await graphqlWs.execute('{ apiInfo { name } }');
    return { socket, socketClosed, pushes, graphqlWs };
  }

  it('signing out on A closes that session’s socket and GraphQL connection on B, and no push reaches it', async () => {
    const colleague = await caseworkerOf(a, structure);
    // The same account signed in elsewhere too: that session is not the one signed out.
    const other = await b.signIn(colleague.account.id);
    const signedOut = await liveOnB(colleague.token);
    const staying = await liveOnB(other.accessToken);
    try {
      const answer = await fetch(`${a.baseUrl}/auth/sign-out`, {
        method: 'POST',
        headers: { authorization: `Bearer ${colleague.token}` },
      });
      expect(answer.status).toBe(204);
      expect(await signedOut.socketClosed).toBe('io server disconnect');
      expect(await signedOut.graphqlWs.closed).toEqual({
        code: 4403,
        reason: 'Forbidden: access withdrawn',
      });
      // The old token opens nothing any more.
      await expect(connectSocket(b.baseUrl, { auth: { token: colleague.token } })).rejects.toThrow(
        'UNAUTHENTICATED',
      );

      // A push after the sign-out reaches the other session only.
      const person = await personFollowedBy(a, territory, colleague);
      const pushed = nextEvent<NotificationNode>(
        staying.socket,
        'notification',
        (n) => n.person?.id === person.id,
      );
      await askToJoin(requesterOnA, person.id);
      await pushed;
      expect(staying.socket.connected).toBe(true);
      expect(signedOut.pushes.filter((n) => n.person?.id === person.id)).toEqual([]);
    } finally {
      for (const live of [signedOut, staying]) {
        live.socket.close();
        await live.graphqlWs.close();
      }
    }
  });

  it('a refresh token reused on A ends its session, and its connections on B close', async () => {
    const colleague = await caseworkerOf(a, structure);
    const tokens = await a.signIn(colleague.account.id);
    const live = await liveOnB(tokens.accessToken);
    const refresh = (refreshToken: string) =>
      fetch(`${a.baseUrl}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    try {
      expect((await refresh(tokens.refreshToken)).status).toBe(200);
      // Past the grace of a concurrent refresh: the old token presented again is a theft.
      await a.dataSource.query(
        `UPDATE refresh_token SET used_at = used_at - interval '1 minute'
          WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
        [tokens.refreshToken],
      );
      expect((await refresh(tokens.refreshToken)).status).toBe(401);
      expect(await live.socketClosed).toBe('io server disconnect');
      expect((await live.graphqlWs.closed).code).toBe(4403);
    } finally {
      live.socket.close();
      await live.graphqlWs.close();
    }
  });

  it('with Redis down, mutations succeed and the inbox is complete; live delivery resumes when it is back', async () => {
    // A partner streaming from B: what it missed while Redis was away comes back, in order, once.
    const partner = await createApiClient(a.dataSource, territory, ['events:read', 'persons:read']);
    const partnerToken = await b.app
      .get(AccessTokenService)
      .issueForClient(partner.id, partner.scopes, partner.secretRotatedAt.getTime());
    const partnerWs = createGraphqlWsClient(
      b.baseUrl,
      { authorization: `Bearer ${partnerToken}` },
      { lazy: false },
    );
    const [{ head }] = await a.dataSource.query<{ head: string }[]>(
      'SELECT COALESCE(max(position), 0)::text AS head FROM outbox_event',
    );
    const stream = partnerWs.subscribe<{
      events: { id: string; payload: { joinRequestId?: string } };
    }>('subscription($after: String) { events(after: $after) { id payload } }', { after: head });
    await partnerWs.execute('{ apiInfo { name } }');

    await stopRedis(redis);
    const during: string[] = [];
    for (const client of [requesterOnA, requesterOnB, requesterOnA]) {
      const person = await personFollowedBy(a, territory, referent);
      during.push(await askToJoin(client, person.id));
    }
    const inboxOnB = b.graphql.withHeaders({ authorization: `Bearer ${referent.token}` });
    const inbox = await eventually(
      () => inboxOnB.data<Inbox>(INBOX, { first: 10 }),
      (page) =>
        during.every((id) => page.notifications.edges.some((e) => e.node.joinRequestId === id)),
    );
    expect(
      inbox.notifications.edges.filter((edge) => during.includes(edge.node.joinRequestId ?? '')),
    ).toHaveLength(3);
    expect(socketOnB.connected).toBe(true);

    redis = await startRedis(redisPort);
    await bothInstancesConnected();
    const person = await personFollowedBy(a, territory, referent);
    const pushed = nextEvent<NotificationNode>(
      socketOnB,
      'notification',
      (n) => n.person?.id === person.id,
    );
    const joinRequestId = await askToJoin(requesterOnA, person.id);
    expect((await pushed).joinRequestId).toBe(joinRequestId);

    const streamed: string[] = [];
    while (streamed.length < 4) {
      streamed.push(String((await nextValue(stream)).data?.events.payload.joinRequestId));
    }
    expect(streamed).toEqual([...during, joinRequestId]);
    expect(await nextOrTimeout(stream, 300)).toBe('timeout');
    await partnerWs.close();
  });
});
