import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  connectSocket,
  countStatements,
  createGraphqlWsClient,
  createStructure,
  createTerritory,
  type GraphqlWsClient,
  type TestApp,
} from '@relais/testing';
import type { Socket } from 'socket.io-client';
import { startRelais } from '../support/app.js';
import {
  askToJoin,
  type Caseworker,
  caseworkerOf,
  DECIDE_JOIN,
  eventually,
  INBOX,
  type Inbox,
  nextEvent,
  nextValue,
  NOTIFICATION_FIELDS,
  type NotificationNode,
  personFollowedBy,
  record,
} from './notification-support.js';

const MARK_READ = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { marked unreadCount } }`;
const MARK_ALL_READ = `mutation { markAllNotificationsRead { marked unreadCount } }`;

describe('the inbox, live on socket.io and on a GraphQL subscription (one instance)', () => {
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
