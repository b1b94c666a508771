import { OutboxDispatcherService } from '@relais/notifications';
import type { TerritoryEntity } from '@relais/organizations';
import { createStructure, createTerritory, type TestApp } from '@relais/testing';
import { startRelais } from '../support/app.js';
import {
  askToJoin,
  type Caseworker,
  caseworkerOf,
  eventually,
  inboxRowsPerRecipient,
  personFollowedBy,
} from './notification-support.js';

describe('the outbox dispatcher: at least once, each notification once', () => {
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
