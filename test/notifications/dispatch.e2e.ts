import { OutboxDispatcherService } from '@relais/notifications';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  connectSocket,
  countStatements,
  createApiClient,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type GraphqlWsClient,
  type TestApp,
} from '@relais/testing';
import { startFromEmptyTables, startRelais } from '../support/app.js';
import {
  askToJoin,
  type Caseworker,
  caseworkerOf,
  DECIDE_JOIN,
  eventually,
  INBOX,
  type Inbox,
  inboxRowsPerRecipient,
  nextEvent,
  nextOrTimeout,
  nextValue,
  NOTIFICATION_FIELDS,
  type NotificationNode,
  personFollowedBy,
  record,
} from './notification-support.js';
import type { Socket } from 'socket.io-client';
import { AccessTokenService, type ApiClientEntity } from '@relais/identity';

// The outbox dispatched: at least once, to the inboxes live, to partner systems. One file, so the
// app's module graph is loaded once for the three (docs/decisions/0021).
describe('the outbox dispatcher: at least once, each notification once', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let dispatcher: OutboxDispatcherService;
  let territory: TerritoryEntity;
  let referent: Caseworker;
  let requester: Caseworker;

  const positionOf = async (eventId: string): Promise<string | null> =>
    (
      await relais.dataSource.query<{ position: string | null }[]>(
        'SELECT position FROM outbox_event WHERE id = $1',
        [eventId],
      )
    )[0].position;

  /** Writes an event as a domain would, in its own transaction (the commit wakes the dispatcher). */
  const writeEvent = (recipients: readonly string[], actor: string | null = null) =>
    relais.dataSource
      .query<{ id: string }[]>(
        `INSERT INTO outbox_event (type, territory_id, actor_account_id, recipient_account_ids, payload)
         VALUES ('team.join_requested', $1, $2, $3, '{}') RETURNING id`,
        [territory.id, actor, recipients],
      )
      .then(([row]) => row.id);

  beforeAll(async () => {
    relais = await startRelais();
    dispatcher = relais.app.get(OutboxDispatcherService);
    territory = await createTerritory(relais.dataSource);
    referent = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    requester = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
  });

  afterAll(async () => {
    await relais.close();
  });

  it('dispatching the same events again (even twice at once) adds no inbox row', async () => {
    const joinRequestIds: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const person = await personFollowedBy(relais, territory, referent);
      joinRequestIds.push(await askToJoin(requester.client, person.id));
    }
    const events = await eventually(
      () =>
        relais.dataSource.query<{ id: string; position: string | null }[]>(
          `SELECT id, position FROM outbox_event WHERE payload->>'joinRequestId' = ANY($1)`,
          [joinRequestIds],
        ),
      (rows) => rows.length === 3 && rows.every((row) => row.position !== null),
    );
    const eventIds = events.map((event) => event.id);
    const once = await inboxRowsPerRecipient(relais, eventIds);
    expect(once).toHaveLength(3);
    expect(once.every((row) => row.account_id === referent.account.id && row.rows === 1)).toBe(
      true,
    );

    // As if the dispatch's commit had been lost after the inbox rows were written elsewhere.
    await relais.dataSource.query(
      'UPDATE outbox_event SET position = NULL, dispatched_at = NULL WHERE id = ANY($1)',
      [eventIds],
    );
    const dispatched = await Promise.all([
      dispatcher.dispatchPending(),
      dispatcher.dispatchPending(),
    ]);
    await eventually(
      () => Promise.all(eventIds.map(positionOf)),
      (positions) => positions.every((position) => position !== null),
    );
    expect(dispatched.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(3);
    expect(await inboxRowsPerRecipient(relais, eventIds)).toEqual(once);
  });

  it('leaves the actor out, and numbers events in the order they became visible, not written', async () => {
    const early = relais.dataSource.createQueryRunner();
    const late = relais.dataSource.createQueryRunner();
    try {
      await early.startTransaction();
      const [{ id: earlyId }] = (await early.query(
        `INSERT INTO outbox_event (type, territory_id, actor_account_id, recipient_account_ids, payload)
         VALUES ('team.join_requested', $1, $2, $3, '{}') RETURNING id`,
        [territory.id, requester.account.id, [referent.account.id, requester.account.id]],
      )) as { id: string }[];
      await late.startTransaction();
      const [{ id: lateId }] = (await late.query(
        `INSERT INTO outbox_event (type, territory_id, recipient_account_ids, payload)
         VALUES ('team.join_requested', $1, $2, '{}') RETURNING id`,
        [territory.id, [referent.account.id]],
      )) as { id: string }[];
      await late.commitTransaction();
      await dispatcher.dispatchPending();
      const latePosition = await eventually(
        () => positionOf(lateId),
        (position) => position !== null,
      );
      await early.commitTransaction();
      const earlyPosition = await eventually(
        () => positionOf(earlyId),
        (position) => position !== null,
      );
      // Written first, visible last: a reader who had seen `late` still gets `early` after it.
      expect(BigInt(earlyPosition as string)).toBeGreaterThan(BigInt(latePosition as string));
      expect(await inboxRowsPerRecipient(relais, [earlyId])).toEqual([
        { account_id: referent.account.id, event_id: earlyId, rows: 1 },
      ]);
    } finally {
      await early.release();
      await late.release();
    }
  });

  it('rolls a whole batch back when a step fails, and dispatches it on the next try', async () => {
    let failing = true;
    dispatcher.registerStep(() =>
      failing ? Promise.reject(new Error('webhook store unavailable')) : Promise.resolve(),
    );
    const eventId = await writeEvent([referent.account.id]);
    await dispatcher.dispatchPending();
    expect(await positionOf(eventId)).toBeNull();
    expect(await inboxRowsPerRecipient(relais, [eventId])).toEqual([]);

    failing = false;
    await eventually(
      () => positionOf(eventId),
      (position) => position !== null,
    );
    expect(await inboxRowsPerRecipient(relais, [eventId])).toEqual([
      { account_id: referent.account.id, event_id: eventId, rows: 1 },
    ]);
  });

  it('positions every event once, densely, in numbering order', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, () => writeEvent([referent.account.id])),
    );
    await eventually(
      () => Promise.all(ids.map(positionOf)),
      (positions) => positions.every((position) => position !== null),
    );
    const [check] = await relais.dataSource.query<
      { n: number; distinct_positions: number; lowest: string; highest: string }[]
    >(
      `SELECT count(*)::int AS n, count(DISTINCT position)::int AS distinct_positions,
         min(position) AS lowest, max(position) AS highest FROM outbox_event WHERE id = ANY($1)`,
      [ids],
    );
    expect(check.n).toBe(20);
    expect(check.distinct_positions).toBe(check.n);
    expect(BigInt(check.highest) - BigInt(check.lowest) + 1n).toBe(BigInt(check.n));
  });
});

const MARK_READ = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }`;
const MARK_ALL_READ = `mutation { markAllNotificationsRead { marked unreadCount } }`;

describe('the inbox, live on socket.io and on a GraphQL subscription (one instance)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let referentStructure: StructureEntity;
  let requesterStructure: StructureEntity;
  let referent: Caseworker;
  let requester: Caseworker;
  let socket: Socket;
  let graphqlWs: GraphqlWsClient;

  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    referentStructure = await createStructure(relais.dataSource, territory, {
      name: 'Département de Loire-Atlantique',
    });
    requesterStructure = await createStructure(relais.dataSource, territory, {
      name: 'Mission locale de Nantes',
    });
    referent = await caseworkerOf(relais, referentStructure);
    requester = await caseworkerOf(relais, requesterStructure);
    socket = await connectSocket(relais.baseUrl, { auth: { token: referent.token } });
    graphqlWs = createGraphqlWsClient(
      relais.baseUrl,
      { authorization: `Bearer ${referent.token}` },
      { lazy: false },
    );
  });

  afterAll(async () => {
    socket.close();
    await graphqlWs.close();
    await relais.close();
  });

  it('notifies the referent of a join request at once (socket.io and subscription), lists it once, never notifies the requester', async () => {
    const person = await personFollowedBy(relais, territory, referent, { familyName: 'Benali' });
    const subscription = graphqlWs.subscribe<{ notificationAdded: NotificationNode }>(
      `subscription { notificationAdded { ${NOTIFICATION_FIELDS} } }`,
    );
    // The subscription is set up once the connection answered an operation sent after it.
    await graphqlWs.execute('{ apiInfo { name } }');

    const pushed = nextEvent<NotificationNode & { accountId: string }>(
      socket,
      'notification',
      (n) => n.person?.id === person.id,
    );
    const counted = nextEvent<{ count: number }>(socket, 'unread-count');
    const joinRequestId = await askToJoin(requester.client, person.id);

    const live = await pushed;
    expect(live).toMatchObject({
      type: 'team.join_requested',
      joinRequestId,
      readAt: null,
      person: { id: person.id, familyName: 'Benali', isMember: true },
      actor: {
        name: `${requester.account.givenName} ${requester.account.familyName}`,
        structure: { id: requesterStructure.id, name: 'Mission locale de Nantes' },
      },
    });
    expect(await counted).toEqual({ count: 1 });

    const added = await nextValue(subscription);
    expect(added.data?.notificationAdded).toMatchObject({
      id: live.id,
      eventId: live.eventId,
      type: 'team.join_requested',
      eventType: 'TEAM_JOIN_REQUESTED',
      cursor: live.cursor,
      joinRequestId,
    });
    await subscription.return?.();

    const inbox = await referent.client.data<Inbox>(INBOX, { first: 10 });
    expect(inbox.unreadNotificationCount).toBe(1);
    expect(inbox.notifications.edges.map((edge) => edge.node.id)).toEqual([live.id]);
    expect(inbox.notifications.edges[0].node).toMatchObject({
      type: 'team.join_requested',
      eventType: 'TEAM_JOIN_REQUESTED',
    });
    expect(inbox.notifications.edges[0].cursor).toBe(live.cursor);
    expect(
      await relais.dataSource.query(
        'SELECT count(*)::int AS n FROM notification WHERE event_id = $1',
        [live.eventId],
      ),
    ).toEqual([{ n: 1 }]);

    const own = await requester.client.data<Inbox>(INBOX, { first: 10 });
    expect(own.notifications.edges).toHaveLength(0);
    expect(own.unreadNotificationCount).toBe(0);
  });

  it('marks read: only the caller’s own notifications, and pushes the new count', async () => {
    const person = await personFollowedBy(relais, territory, referent);
    const pushed = nextEvent<NotificationNode>(
      socket,
      'notification',
      (n) => n.person?.id === person.id,
    );
    await askToJoin(requester.client, person.id);
    const notification = await pushed;
    const before = await referent.client.data<Inbox>(INBOX, { first: 1, unreadOnly: true });
    expect(before.unreadNotificationCount).toBeGreaterThanOrEqual(1);

    // Someone else's id is ignored, not an error: the batch keeps what the caller may touch.
    const byOther = await requester.client.data<{
      markNotificationsRead: { marked: number; unreadCount: number };
    }>(MARK_READ, { ids: [notification.id] });
    expect(byOther.markNotificationsRead).toEqual({ marked: 0, unreadCount: 0 });

    const counted = nextEvent<{ count: number }>(socket, 'unread-count');
    const marked = await referent.client.data<{
      markNotificationsRead: { marked: number; unreadCount: number };
    }>(MARK_READ, { ids: [notification.id] });
    expect(marked.markNotificationsRead).toEqual({
      marked: 1,
      unreadCount: before.unreadNotificationCount - 1,
    });
    expect(await counted).toEqual({ count: before.unreadNotificationCount - 1 });
    const again = await referent.client.data<{ markNotificationsRead: { marked: number } }>(
      MARK_READ,
      { ids: [notification.id] },
    );
    expect(again.markNotificationsRead.marked).toBe(0);

    const inbox = await referent.client.data<Inbox>(INBOX, { first: 100 });
    const read = inbox.notifications.edges.find((edge) => edge.node.id === notification.id);
    expect(read?.node.readAt).not.toBeNull();
    const unreadOnly = await referent.client.data<Inbox>(INBOX, { first: 100, unreadOnly: true });
    expect(unreadOnly.notifications.edges.map((edge) => edge.node.id)).not.toContain(
      notification.id,
    );

    const all = await referent.client.data<{
      markAllNotificationsRead: { marked: number; unreadCount: number };
    }>(MARK_ALL_READ);
    expect(all.markAllNotificationsRead).toEqual({
      marked: before.unreadNotificationCount - 1,
      unreadCount: 0,
    });
    expect((await referent.client.data<Inbox>(INBOX, { first: 1 })).unreadNotificationCount).toBe(
      0,
    );
  });

  it('lets a client that was away catch up from its last cursor, oldest first, without gap or repeat', async () => {
    const first = await personFollowedBy(relais, territory, referent);
    const pushed = nextEvent<NotificationNode>(
      socket,
      'notification',
      (n) => n.person?.id === first.id,
    );
    await askToJoin(requester.client, first.id);
    const lastSeen = await pushed;
    socket.disconnect();
    try {
      // Meanwhile, three more requests, from three colleagues.
      const missed: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const colleague = await caseworkerOf(relais, requesterStructure);
        const person = await personFollowedBy(relais, territory, referent);
        missed.push(await askToJoin(colleague.client, person.id));
      }
      await eventually(
        () => referent.client.data<Inbox>(INBOX, { first: 3 }),
        (inbox) => inbox.notifications.edges[0]?.node.joinRequestId === missed[2],
      );
      const caughtUp = await referent.client.data<Inbox>(INBOX, {
        first: 2,
        after: lastSeen.cursor,
        order: 'OLDEST_FIRST',
      });
      const rest = await referent.client.data<Inbox>(INBOX, {
        first: 2,
        after: caughtUp.notifications.pageInfo.endCursor,
        order: 'OLDEST_FIRST',
      });
      expect(caughtUp.notifications.pageInfo.hasNextPage).toBe(true);
      expect(rest.notifications.pageInfo.hasNextPage).toBe(false);
      expect(
        [...caughtUp.notifications.edges, ...rest.notifications.edges].map(
          (edge) => edge.node.joinRequestId,
        ),
      ).toEqual(missed);

      // Newest first pages backwards through the same rows.
      const newest = await referent.client.data<Inbox>(INBOX, { first: 3 });
      expect(newest.notifications.edges.map((edge) => edge.node.joinRequestId)).toEqual(
        [...missed].reverse(),
      );
      const older = await referent.client.data<Inbox>(INBOX, {
        first: 1,
        after: newest.notifications.pageInfo.endCursor,
      });
      expect(older.notifications.edges[0].node.id).toBe(lastSeen.id);
    } finally {
      socket = await connectSocket(relais.baseUrl, { auth: { token: referent.token } });
    }
  });

  it('notifies the requester of the decision, not the referent who made it', async () => {
    const person = await personFollowedBy(relais, territory, referent);
    const requesterSocket = await connectSocket(relais.baseUrl, {
      auth: { token: requester.token },
    });
    const referentPushes = record<NotificationNode>(socket, 'notification');
    try {
      const requestPushed = nextEvent<NotificationNode>(
        socket,
        'notification',
        (n) => n.person?.id === person.id,
      );
      const requestId = await askToJoin(requester.client, person.id);
      await requestPushed;
      const decided = nextEvent<NotificationNode>(
        requesterSocket,
        'notification',
        (n) => n.joinRequestId === requestId,
      );
      await referent.client.data(DECIDE_JOIN, { input: { requestId, accept: true } });
      expect(await decided).toMatchObject({
        type: 'team.join_accepted',
        person: { id: person.id, isMember: true },
        actor: { structure: { id: referentStructure.id } },
      });
      expect(referentPushes.map((n) => n.type)).toEqual(['team.join_requested']);
    } finally {
      requesterSocket.close();
    }
  });

  it('shows a person only to recipients working in their territory', async () => {
    const elsewhere = await createTerritory(relais.dataSource);
    const person = await personFollowedBy(relais, territory, referent);
    // A recipient with no membership in the person's territory (written as a domain would).
    const outsider = await caseworkerOf(
      relais,
      await createStructure(relais.dataSource, elsewhere),
    );
    await relais.dataSource.query(
      `INSERT INTO outbox_event (type, territory_id, person_id, recipient_account_ids, payload)
       VALUES ('team.join_requested', $1, $2, $3, '{}')`,
      [territory.id, person.id, [outsider.account.id, referent.account.id]],
    );
    await relais.dataSource.query(`SELECT pg_notify('relais_outbox', '')`);
    const theirs = await eventually(
      () => outsider.client.data<Inbox>(INBOX, { first: 1 }),
      (inbox) => inbox.notifications.edges.length === 1,
    );
    expect(theirs.notifications.edges[0].node.person).toBeNull();
    const mine = await referent.client.data<Inbox>(INBOX, { first: 1 });
    expect(mine.notifications.edges[0].node.person?.id).toBe(person.id);
  });

  it('reads a page of the inbox in one statement, whatever its size', async () => {
    // The referent has had several notifications by now; a fresh client signs in once.
    const client = await relais.graphqlAs(referent.account.id);
    const statementsOf = (first: number) =>
      countStatements(relais.dataSource, async () => {
        const result = await client.execute<{ notifications: { edges: unknown[] } }>(
          `query($first: Int) { notifications(first: $first) { edges { node { ${NOTIFICATION_FIELDS} } } } }`,
          { first },
        );
        expect(result.data?.notifications.edges).toHaveLength(first);
      });
    const one = await statementsOf(1);
    expect(await statementsOf(5)).toBe(one);
    // As many as the unread count, a single SELECT after the same authentication.
    const count = await countStatements(relais.dataSource, () =>
      client.execute('{ unreadNotificationCount }'),
    );
    expect(one).toBe(count);
  });

  it('refuses partner clients the inbox, and accounts the partner event feed', async () => {
    const unsigned = await relais.graphql.execute(INBOX, { first: 1 });
    expect(unsigned.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const feed = await referent.client.execute('{ events(first: 1) { edges { cursor } } }');
    expect(feed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stream = graphqlWs.subscribe('subscription { events { id } }');
    const refused = await nextValue(stream);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    const bad = await referent.client.execute(INBOX, { first: 1, after: 'forged' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

const EVENT_FIELDS =
  'id position type eventType occurredAt territoryId structureIds personId payload';
const STREAM = `subscription($after: String, $types: [String!]) {
  events(after: $after, types: $types) { ${EVENT_FIELDS} }
}`;
const FEED = `query($after: String, $first: Int, $types: [String!]) {
  events(after: $after, first: $first, types: $types) {
    edges { cursor node { ${EVENT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface PartnerEvent {
  id: string;
  position: string;
  type: string;
  eventType: string;
  occurredAt: string;
  territoryId: string;
  structureIds: string[];
  personId: string | null;
  payload: Record<string, unknown>;
}
type StreamResult = { data?: { events: PartnerEvent } | null; errors?: readonly unknown[] };

describe('partner systems: the events subscription and the reconciliation query', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let referent: Caseworker;
  let requester: Caseworker;
  let partner: ApiClientEntity;
  let otherTerritoryPartner: ApiClientEntity;
  let unscopedPartner: ApiClientEntity;
  const connections: GraphqlWsClient[] = [];

  async function connectAs(client: ApiClientEntity): Promise<GraphqlWsClient> {
    const token = await relais.app
      .get(AccessTokenService)
      .issueForClient(client.id, client.scopes, client.secretRotatedAt.getTime());
    const connection = createGraphqlWsClient(
      relais.baseUrl,
      { authorization: `Bearer ${token}` },
      { lazy: false },
    );
    connections.push(connection);
    return connection;
  }

  /** A join request on a new person of the territory, and its outbox event's id once dispatched. */
  async function joinRequestEvent(
    overrides: { objection?: boolean } = {},
  ): Promise<{ eventId: string; joinRequestId: string; position: string }> {
    const person = await personFollowedBy(relais, territory, referent, overrides);
    const joinRequestId = await askToJoin(requester.client, person.id);
    const [row] = await eventually(
      () =>
        relais.dataSource.query<{ id: string; position: string | null }[]>(
          `SELECT id, position FROM outbox_event WHERE payload->>'joinRequestId' = $1`,
          [joinRequestId],
        ),
      (rows) => rows[0]?.position !== null && rows[0]?.position !== undefined,
    );
    return { eventId: row.id, joinRequestId, position: String(row.position) };
  }

  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    structure = await createStructure(relais.dataSource, territory);
    referent = await caseworkerOf(relais, structure);
    requester = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    partner = await createApiClient(relais.dataSource, territory, ['events:read', 'persons:read']);
    otherTerritoryPartner = await createApiClient(
      relais.dataSource,
      await createTerritory(relais.dataSource),
      ['events:read', 'persons:read'],
    );
    unscopedPartner = await createApiClient(relais.dataSource, territory, ['persons:read']);
  });

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await relais.close();
  });

  it('replays from the start then streams live, in position order, once each; another territory gets nothing', async () => {
    const before = await joinRequestEvent();
    const stream = (await connectAs(partner)).subscribe<{ events: PartnerEvent }>(STREAM, {
      after: null,
    }) as AsyncIterableIterator<StreamResult>;
    const elsewhere = (await connectAs(otherTerritoryPartner)).subscribe<{
      events: PartnerEvent;
    }>(STREAM) as AsyncIterableIterator<StreamResult>;

    const replayed = await nextValue(stream);
    expect(replayed.data?.events).toMatchObject({
      id: before.eventId,
      position: before.position,
      type: 'team.join_requested',
      eventType: 'TEAM_JOIN_REQUESTED',
      territoryId: territory.id,
      payload: { joinRequestId: before.joinRequestId },
    });

    const during = await joinRequestEvent();
    const live = await nextValue(stream);
    expect(live.data?.events).toMatchObject({
      id: during.eventId,
      position: during.position,
    });
    expect(BigInt(during.position)).toBeGreaterThan(BigInt(before.position));

    // A person who objected to sharing is never sent; the next event still comes, once.
    await joinRequestEvent({ objection: true });
    const after = await joinRequestEvent();
    const next = await nextValue(stream);
    expect(next.data?.events.id).toBe(after.eventId);
    expect(await nextOrTimeout(stream, 300)).toBe('timeout');
    expect(await nextOrTimeout(elsewhere, 300)).toBe('timeout');
    await stream.return?.();
    await elsewhere.return?.();
  });

  it('resumes after a cursor: the events missed, then live, filtered by type', async () => {
    const seen = await joinRequestEvent();
    const missed = await joinRequestEvent();
    const connection = await connectAs(partner);
    const stream = connection.subscribe(STREAM, {
      after: seen.position,
      types: ['team.join_requested'],
    }) as AsyncIterableIterator<StreamResult>;
    const first = await nextValue(stream);
    expect(first.data?.events.id).toBe(missed.eventId);
    const live = await joinRequestEvent();
    expect((await nextValue(stream)).data?.events.id).toBe(live.eventId);
    await stream.return?.();

    const otherType = connection.subscribe(STREAM, {
      after: seen.position,
      types: ['handover.accepted'],
    }) as AsyncIterableIterator<StreamResult>;
    expect(await nextOrTimeout(otherType, 300)).toBe('timeout');
    await otherType.return?.();
  });

  it('pages the same feed for reconciliation, by position, and refuses what it must', async () => {
    const first = await joinRequestEvent();
    const withheld = await joinRequestEvent({ objection: true });
    const second = await joinRequestEvent();
    const client = await relais.graphqlAsClient(partner);
    const page = await client.data<{
      events: {
        edges: { cursor: string; node: PartnerEvent }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(FEED, { after: String(BigInt(first.position) - 1n), first: 1 });
    expect(page.events.edges.map((edge) => [edge.cursor, edge.node.id])).toEqual([
      [first.position, first.eventId],
    ]);
    expect(page.events.pageInfo).toEqual({ hasNextPage: true, endCursor: first.position });
    const rest = await client.data<{ events: { edges: { node: PartnerEvent }[] } }>(FEED, {
      after: page.events.pageInfo.endCursor,
      first: 100,
    });
    const ids = rest.events.edges.map((edge) => edge.node.id);
    expect(ids).toContain(second.eventId);
    expect(ids).not.toContain(withheld.eventId);

    const elsewhere = await relais.graphqlAsClient(otherTerritoryPartner);
    expect(
      (await elsewhere.data<{ events: { edges: unknown[] } }>(FEED, { first: 100 })).events.edges,
    ).toHaveLength(0);

    const unscoped = await relais.graphqlAsClient(unscopedPartner);
    expect((await unscoped.execute(FEED, { first: 1 })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const refused = (await connectAs(unscopedPartner)).subscribe(
      STREAM,
    ) as AsyncIterableIterator<StreamResult>;
    const result = await nextValue(refused);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });

    const forged = await client.execute(FEED, { after: 'abc', first: 1 });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
