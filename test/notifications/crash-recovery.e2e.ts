import { OUTBOX_DISPATCH_LOCK } from '@relais/notifications';
import type { TerritoryEntity } from '@relais/organizations';
import { createStructure, createTerritory, GraphqlHttpClient, type TestApp } from '@relais/testing';
import pg from 'pg';
import { startRelaisBesideChildren, startFromEmptyTables } from '../support/app.js';
import {
  type ApiProcess,
  askToJoin,
  type Caseworker,
  caseworkerOf,
  eventually,
  INBOX,
  type Inbox,
  inboxRowsPerRecipient,
  personFollowedBy,
  startApiProcess,
} from './notification-support.js';

const TOKEN_SECRET = 'a-token-secret-for-the-crash-recovery-test-0';

describe('a server killed between the commit and the push (kill -9) loses no notification', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let referent: Caseworker;
  let requester: Caseworker;
  let api: ApiProcess | undefined;

  /** A client of the running child server, with a caseworker's token. */
  const on = (server: ApiProcess, who: Caseworker): GraphqlHttpClient =>
    new GraphqlHttpClient(`${server.baseUrl}/graphql`, { authorization: `Bearer ${who.token}` });

  const eventOf = async (joinRequestId: string) =>
    (
      await relais.dataSource.query<{ id: string; position: string | null }[]>(
        `SELECT id, position FROM outbox_event WHERE payload->>'joinRequestId' = $1`,
        [joinRequestId],
      )
    )[0];

  beforeAll(async () => {
    // In this process only to build data and sign in, with the child's token secret; it does
    // not dispatch (the child server does).
    relais = await startRelaisBesideChildren(TOKEN_SECRET);
    territory = await createTerritory(relais.dataSource);
    referent = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
    requester = await caseworkerOf(relais, await createStructure(relais.dataSource, territory));
  });

  afterEach(async () => {
    await api?.stop();
    api = undefined;
  });

  afterAll(async () => {
    await relais.close();
  });

  it('an event committed but not yet dispatched when the server dies is notified once after restart', async () => {
    // Hold the dispatch lock so the server commits the mutation but cannot dispatch it.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [OUTBOX_DISPATCH_LOCK]);
      api = await startApiProcess(TOKEN_SECRET);
      const person = await personFollowedBy(relais, territory, referent);
      const joinRequestId = await askToJoin(on(api, requester), person.id);
      // Committed (the mutation answered) and, the lock being held here, not dispatched: no
      // poll needs to come and go for that; the server dies with the event pending.
      const event = await eventOf(joinRequestId);
      expect(event.position).toBeNull();
      await api.crash();
      api = undefined;
      await holder.query('SELECT pg_advisory_unlock($1)', [OUTBOX_DISPATCH_LOCK]);

      api = await startApiProcess(TOKEN_SECRET);
      await eventually(
        () => on(api as ApiProcess, referent).data<Inbox>(INBOX, { first: 10 }),
        (page) => page.notifications.edges.some((e) => e.node.joinRequestId === joinRequestId),
      );
      // Read again: the list and the count of one request run side by side, maybe across the
      // dispatch's commit.
      const inbox = await on(api, referent).data<Inbox>(INBOX, { first: 10 });
      expect(inbox.unreadNotificationCount).toBe(1);
      expect(await inboxRowsPerRecipient(relais, [event.id])).toEqual([
        { account_id: referent.account.id, event_id: event.id, rows: 1 },
      ]);
      expect((await eventOf(joinRequestId)).position).not.toBeNull();
    } finally {
      await holder.end();
    }
  });

  it('a server killed right after answering a mutation: after restart, every recipient has it exactly once', async () => {
    api = await startApiProcess(TOKEN_SECRET);
    const people = await Promise.all(
      [0, 1, 2].map(() => personFollowedBy(relais, territory, referent)),
    );
    const client = on(api, requester);
    const joinRequestIds: string[] = [];
    for (const person of people) joinRequestIds.push(await askToJoin(client, person.id));
    await api.crash();
    api = undefined;

    api = await startApiProcess(TOKEN_SECRET);
    const events = await eventually(
      () => Promise.all(joinRequestIds.map(eventOf)),
      (rows) => rows.every((row) => row.position !== null),
    );
    expect(
      await inboxRowsPerRecipient(
        relais,
        events.map((event) => event.id),
      ),
    ).toEqual(
      events
        .map((event) => ({ account_id: referent.account.id, event_id: event.id, rows: 1 }))
        .sort((x, y) => x.event_id.localeCompare(y.event_id)),
    );
  });

  it('events written while no server ran are dispatched at start, once per recipient, never to their actor', async () => {
    const colleague = await caseworkerOf(
      relais,
      await createStructure(relais.dataSource, territory),
    );
    const written = await relais.dataSource.query<{ id: string }[]>(
      `INSERT INTO outbox_event (type, territory_id, actor_account_id, recipient_account_ids, payload)
       SELECT 'team.join_requested', $1, $2, $3, '{}' FROM generate_series(1, 3)
       RETURNING id`,
      [
        territory.id,
        requester.account.id,
        [referent.account.id, colleague.account.id, requester.account.id],
      ],
    );
    const ids = written.map((row) => row.id);
    api = await startApiProcess(TOKEN_SECRET);
    await eventually(
      () =>
        relais.dataSource.query<{ pending: number }[]>(
          'SELECT count(*)::int AS pending FROM outbox_event WHERE id = ANY($1) AND position IS NULL',
          [ids],
        ),
      ([row]) => row.pending === 0,
    );
    const rows = await inboxRowsPerRecipient(relais, ids);
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.rows === 1)).toBe(true);
    expect(rows.map((row) => row.account_id)).not.toContain(requester.account.id);
  });
});
