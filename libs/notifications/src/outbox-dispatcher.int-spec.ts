import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@relais/core';
import { JobRunner } from '@relais/core';
import { buildDataSourceOptions } from '@relais/database';
import { eventEntities, OutboxRepository, writeOutbox } from '@relais/events';
import {
  type AccountEntity,
  type ClientPrincipal,
  identityEntities,
  type MembershipEntity,
  Role,
} from '@relais/identity';
import {
  organizationEntities,
  type StructureEntity,
  type TerritoryEntity,
} from '@relais/organizations';
import { pathwayEntities, PersonSharingRepository, type PersonEntity } from '@relais/pathways';
import {
  addMembership,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  waitUntil,
} from '@relais/testing';
import { InboxService } from './inbox.service.js';
import { InMemoryLiveBus } from './live-bus.js';
import type { EventsMessage } from './live-messages.js';
import { NotificationFanout } from './notification-fanout.js';
import { NotificationRepository } from './notification.repository.js';
import { NotificationEntity } from './notification.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import type { DispatchedEvent } from './outbox-dispatch.types.js';
import { OUTBOX_DISPATCH_LOCK, OutboxDispatcherService } from './outbox-dispatcher.service.js';
import { partnerMaySee } from './partner-visibility.js';

const url = (): string => process.env.DATABASE_URL as string;

/** What one dispatcher instance did: the events its steps saw and the events it pushed live. */
interface Instance {
  readonly dispatcher: OutboxDispatcherService;
  readonly stepped: DispatchedEvent[];
  readonly pushed: EventsMessage[];
}

/**
 * The outbox dispatcher against PostgreSQL, without HTTP: each instance is built as the app
 * builds it, on its own services, with an in-memory bus (no Redis) and no job runner started.
 */
describe('OutboxDispatcherService', () => {
  let dataSource: DataSource;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let actor: { account: AccountEntity; membership: MembershipEntity };
  let recipients: AccountEntity[];
  const instances: Instance[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    dataSource = await new DataSource(
      await buildDataSourceOptions({
        url: url(),
        poolSize: 6,
        entities: [
          ...organizationEntities,
          ...identityEntities,
          ...pathwayEntities,
          ...eventEntities,
          NotificationEntity,
          WebhookDeliveryEntity,
        ],
      }),
    ).initialize();
    territory = await createTerritory(dataSource);
    structure = await createStructure(dataSource, territory);
    const account = await createAccount(dataSource);
    actor = {
      account,
      membership: await addMembership(dataSource, account, { role: Role.PROFESSIONAL, structure }),
    };
    recipients = [await createAccount(dataSource), await createAccount(dataSource)];
  });

  afterEach(async () => {
    for (const instance of instances.splice(0)) await instance.dispatcher.stop();
  });

  afterAll(async () => {
    await dataSource.destroy();
    Logger.overrideLogger(['error', 'warn']);
  });

  /** A dispatcher instance as the notifications module makes it. */
  function instance(): Instance {
    const bus = new InMemoryLiveBus();
    const fanout = new NotificationFanout(bus);
    const notifications = new NotificationRepository(dataSource);
    const config = {
      databaseUrl: url(),
      databaseCaFile: undefined,
      redisUrl: undefined,
    } as unknown as AppConfig;
    const dispatcher = new OutboxDispatcherService(
      dataSource,
      config,
      new InboxService(notifications, fanout, bus),
      new OutboxRepository(dataSource),
      notifications,
      new PersonSharingRepository(dataSource),
      fanout,
      bus,
      new JobRunner(null),
    );
    const made: Instance = { dispatcher, stepped: [], pushed: [] };
    dispatcher.registerStep((_manager, events) => {
      made.stepped.push(...events);
      return Promise.resolve();
    });
    bus.subscribe('events', (message) => made.pushed.push(message));
    instances.push(made);
    return made;
  }

  /** A handover event of a person, written in the given transaction, to both recipients. */
  function write(
    manager: DataSource['manager'],
    person: Pick<PersonEntity, 'id'>,
    handoverId = randomUUID(),
  ): Promise<string> {
    return writeOutbox(manager, {
      type: 'handover.proposed',
      territoryId: territory.id,
      structureIds: [structure.id],
      personId: person.id,
      actor: { accountId: actor.account.id, membershipId: actor.membership.id },
      // The actor among them: they are told nothing of what they did themselves.
      recipientAccountIds: [...recipients.map((r) => r.id), actor.account.id],
      payload: {
        handoverId,
        personId: person.id,
        fromStructureId: structure.id,
        toStructureId: structure.id,
        toAccountId: null,
        status: 'PROPOSED',
      },
    });
  }

  async function positions(ids: readonly string[]): Promise<Map<string, string | null>> {
    const rows = await dataSource.query<{ id: string; position: string | null }[]>(
      'SELECT id, position FROM outbox_event WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.position]));
  }

  async function inboxRows(
    eventIds: readonly string[],
  ): Promise<{ account_id: string; event_id: string }[]> {
    return dataSource.query(
      'SELECT account_id, event_id FROM notification WHERE event_id = ANY($1::uuid[]) ORDER BY seq',
      [eventIds],
    );
  }

  it('numbers committed events in write order and notifies their recipients, never the actor', async () => {
    const person = await createPerson(dataSource, territory);
    const first = await dataSource.transaction(async (manager) => [
      await write(manager, person),
      await write(manager, person),
    ]);
    const second = await dataSource.transaction((manager) => write(manager, person));
    // A rolled-back transaction leaves no event behind.
    await dataSource
      .transaction(async (manager) => {
        await write(manager, person);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const written = [...first, second];

    const { dispatcher, stepped, pushed } = instance();
    expect(await dispatcher.dispatchPending()).toBe(3);

    const numbered = await positions(written);
    const order = written.map((id) => BigInt(numbered.get(id) as string));
    expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : 1)));
    expect(order[1] - order[0]).toBe(1n);
    expect(order[2] - order[1]).toBe(1n);
    expect(stepped.map((event) => event.id)).toEqual(written);

    const rows = await inboxRows(written);
    expect(rows).toHaveLength(written.length * recipients.length);
    expect(rows.map((row) => row.account_id)).not.toContain(actor.account.id);
    for (const id of written) {
      expect(rows.filter((row) => row.event_id === id).map((row) => row.account_id)).toEqual(
        recipients.map((r) => r.id),
      );
    }
    // The live push follows the commit, in position order.
    const message = await waitUntil(() => pushed[0]);
    expect(message.events.map((event) => event.id)).toEqual(written);
    expect(await dispatcher.dispatchPending()).toBe(0);
  });

  it('dispatches an event as soon as its transaction commits, woken by LISTEN', async () => {
    const person = await createPerson(dataSource, territory);
    const { dispatcher } = instance();
    dispatcher.start();
    // The listener is up: its connection is idle after LISTEN (then its look at the other
    // instances). No poll job runs here: only a notification can wake the dispatcher.
    await waitUntil(async () => {
      const [{ listening }] = await dataSource.query<{ listening: number }[]>(
        `SELECT count(*)::int AS listening FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'relais-dispatcher'
            AND state = 'idle' AND (query LIKE 'LISTEN%' OR query LIKE '%pg_stat_activity%')`,
      );
      return listening === 1;
    });
    const id = await dataSource.transaction((manager) => write(manager, person));
    const rows = await waitUntil(async () => {
      const found = await inboxRows([id]);
      return found.length === recipients.length && found;
    });
    expect(rows.map((row) => row.account_id).sort()).toEqual(recipients.map((r) => r.id).sort());
    expect((await positions([id])).get(id)).not.toBeNull();
  });

  it('withholds from partners the events of a person who restricted processing or objected', async () => {
    const [open, restricted, objecting] = [
      await createPerson(dataSource, territory),
      await createPerson(dataSource, territory, { restricted: true }),
      await createPerson(dataSource, territory, { objection: true }),
    ];
    const ids = await dataSource.transaction(async (manager) => [
      await write(manager, open),
      await write(manager, restricted),
      await write(manager, objecting),
    ]);
    const { dispatcher, stepped, pushed } = instance();
    expect(await dispatcher.dispatchPending()).toBe(3);

    expect(stepped.map((event) => [event.id, event.personWithheld])).toEqual([
      [ids[0], false],
      [ids[1], true],
      [ids[2], true],
    ]);
    const partner: ClientPrincipal = {
      kind: 'client',
      clientId: randomUUID(),
      territoryId: territory.id,
      structureId: null,
      scopes: ['events:read', 'handovers:read'],
      memberships: [],
    };
    expect(stepped.filter((event) => partnerMaySee(partner, event)).map((e) => e.id)).toEqual([
      ids[0],
    ]);
    const message = await waitUntil(() => pushed[0]);
    expect(message.events.map((event) => event.personWithheld)).toEqual([false, true, true]);
    // Withheld from partners only: the professionals' inboxes still hear of it.
    expect(await inboxRows(ids)).toHaveLength(ids.length * recipients.length);
  });

  it('lets two instances share the outbox without dispatching an event twice', async () => {
    const person = await createPerson(dataSource, territory);
    const [a, b] = [instance(), instance()];
    const written: string[] = [];
    let writing = true;
    // A writer and both dispatchers at once: each event committed on its own. Forty events, or
    // more until each instance has dispatched some (which one takes the lock is the database's
    // timing: on a loaded machine one may win forty times in a row).
    const bothTookPart = () => a.stepped.length > 0 && b.stepped.length > 0;
    await Promise.all([
      (async () => {
        for (let i = 0; i < 40 || (!bothTookPart() && i < 400); i += 1) {
          written.push(await dataSource.transaction((manager) => write(manager, person)));
        }
        writing = false;
      })(),
      (async () => {
        // Each starts first in turn: the one that takes the lock dispatches, the other returns.
        for (let i = 0; writing; i += 1) {
          const [first, second] = i % 2 ? [a, b] : [b, a];
          await Promise.all([
            first.dispatcher.dispatchPending(),
            second.dispatcher.dispatchPending(),
          ]);
        }
      })(),
    ]);
    // Whatever is left, once no instance holds the lock any more.
    await waitUntil(
      async () =>
        (await a.dispatcher.dispatchPending()) + (await b.dispatcher.dispatchPending()) === 0 &&
        [...(await positions(written)).values()].every((position) => position !== null),
    );

    const seen = [...a.stepped, ...b.stepped].map((event) => event.id);
    expect([...seen].sort()).toEqual([...written].sort());
    // Each event went through the steps once, on one instance or the other, and both took part.
    expect(a.stepped.length + b.stepped.length).toBe(written.length);
    expect(a.stepped.length).toBeGreaterThan(0);
    expect(b.stepped.length).toBeGreaterThan(0);
    const numbered = await positions(written);
    // Positions follow commit order, which is write order here (one writer, one at a time).
    const byWrite = written.map((id) => BigInt(numbered.get(id) as string));
    expect(new Set(byWrite).size).toBe(written.length);
    expect(byWrite).toEqual([...byWrite].sort((x, y) => (x < y ? -1 : 1)));
    expect(await inboxRows(written)).toHaveLength(written.length * recipients.length);
  });

  it('lets two started instances, both woken by every commit, dispatch each event once', async () => {
    const person = await createPerson(dataSource, territory);
    const [a, b] = [instance(), instance()];
    a.dispatcher.start();
    b.dispatcher.start();
    const written: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      written.push(await dataSource.transaction((manager) => write(manager, person)));
    }
    await waitUntil(async () =>
      [...(await positions(written)).values()].every((position) => position !== null),
    );
    await Promise.all([a.dispatcher.stop(), b.dispatcher.stop()]);

    const seen = [...a.stepped, ...b.stepped].map((event) => event.id);
    expect([...seen].sort()).toEqual([...written].sort());
    // Pushed live once each too (the in-memory bus delivers on a later tick).
    const pushed = await waitUntil(() => {
      const ids = [...a.pushed, ...b.pushed].flatMap((message) => message.events.map((e) => e.id));
      return ids.length >= written.length && ids;
    });
    expect([...pushed].sort()).toEqual([...written].sort());
    expect(await inboxRows(written)).toHaveLength(written.length * recipients.length);
  });

  it('dispatches nothing while another instance holds the dispatch lock', async () => {
    const person = await createPerson(dataSource, territory);
    const id = await dataSource.transaction((manager) => write(manager, person));
    const other = new pg.Client({ connectionString: url() });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [OUTBOX_DISPATCH_LOCK]);
      const { dispatcher } = instance();
      expect(await dispatcher.dispatchPending()).toBe(0);
      expect((await positions([id])).get(id)).toBeNull();
      await other.query('COMMIT');
      expect(await dispatcher.dispatchPending()).toBe(1);
    } finally {
      await other.end();
    }
  });

  it('keeps what a stopped dispatcher committed, and leaves the rest to the next one, once', async () => {
    const person = await createPerson(dataSource, territory);
    const crashing = instance();
    const committed = await dataSource.transaction(async (manager) => [
      await write(manager, person),
      await write(manager, person),
    ]);
    expect(await crashing.dispatcher.dispatchPending()).toBe(2);
    const acknowledged = await positions(committed);

    // The next batch loses its connection in the middle of its transaction (inbox rows written,
    // steps running): as if the process died there.
    const pending = await dataSource.transaction(async (manager) => [
      await write(manager, person),
      await write(manager, person),
    ]);
    crashing.dispatcher.registerStep(async (manager) => {
      await manager.query('SELECT pg_terminate_backend(pg_backend_pid())');
    });
    expect(await crashing.dispatcher.dispatchPending()).toBe(0);
    await crashing.dispatcher.stop();

    expect(await positions(committed)).toEqual(acknowledged);
    expect(await inboxRows(committed)).toHaveLength(committed.length * recipients.length);
    expect([...(await positions(pending)).values()]).toEqual([null, null]);
    expect(await inboxRows(pending)).toEqual([]);

    const next = instance();
    expect(await next.dispatcher.dispatchPending()).toBe(2);
    expect(next.stepped.map((event) => event.id)).toEqual(pending);
    const after = await positions(pending);
    const highest = [...acknowledged.values()].map((p) => BigInt(p as string));
    for (const id of pending) {
      expect(BigInt(after.get(id) as string)).toBeGreaterThan(highest[highest.length - 1]);
    }
    expect(await inboxRows(pending)).toHaveLength(pending.length * recipients.length);
    expect(await inboxRows(committed)).toHaveLength(committed.length * recipients.length);
    expect(await next.dispatcher.dispatchPending()).toBe(0);
  });

  it('runs the follow-ups after the push, in position order, and again until they commit', async () => {
    const person = await createPerson(dataSource, territory);
    const { dispatcher, stepped, pushed } = instance();
    const followed: string[] = [];
    let written: string[] = [];
    let failing = true;
    dispatcher.registerFollowUp(async (manager, events) => {
      const ours = events.map((event) => event.id).filter((id) => written.includes(id));
      // The events are numbered and their inbox rows committed before any follow-up runs.
      const [{ committed }] = await manager.query<{ committed: number }[]>(
        'SELECT count(*)::int AS committed FROM notification WHERE event_id = ANY($1::uuid[])',
        [ours],
      );
      expect(committed).toBe(ours.length * recipients.length);
      if (failing) throw new Error('the follow-up fails');
      followed.push(...ours);
    });
    written = await dataSource.transaction(async (manager) => [
      await write(manager, person),
      await write(manager, person),
      await write(manager, person),
    ]);
    const dispatchedAt = async (): Promise<(Date | null)[]> =>
      (
        await dataSource.query<{ dispatched_at: Date | null }[]>(
          'SELECT dispatched_at FROM outbox_event WHERE id = ANY($1::uuid[]) ORDER BY position',
          [written],
        )
      ).map((row) => row.dispatched_at);

    // The follow-up fails (each time it is tried): the events are numbered, in the inbox and
    // pushed all the same, and wait for their follow-up.
    expect(await dispatcher.dispatchPending()).toBe(3);
    expect(stepped.map((event) => event.id)).toEqual(written);
    expect((await waitUntil(() => pushed[0])).events.map((event) => event.id)).toEqual(written);
    expect(followed).toEqual([]);
    expect(await dispatchedAt()).toEqual([null, null, null]);

    // Taken again once it can commit: once, in position order, with nothing numbered twice.
    failing = false;
    expect(await dispatcher.dispatchPending()).toBe(0);
    expect(followed).toEqual(written);
    expect((await dispatchedAt()).every((at) => at !== null)).toBe(true);
    expect(await dispatcher.dispatchPending()).toBe(0);
    expect(followed).toEqual(written);
    expect(stepped.map((event) => event.id)).toEqual(written);
  });

  it('listens again on one connection after losing it, and leaves none behind when stopped', async () => {
    // The listener's connections on this database, as pg_stat_activity names them.
    const listeners = async (): Promise<number[]> =>
      (
        await dataSource.query<{ pid: number }[]>(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'relais-dispatcher'`,
        )
      ).map((row) => row.pid);
    const { dispatcher } = instance();
    dispatcher.start();
    await waitUntil(async () => (await listeners()).length === 1);
    const [first] = await listeners();

    // Its connection cut (a database restart, a failover): the client says so twice, by an
    // error and by its end, which must count as one loss and bring back one listener, not two
    // (the second retry came a second later and was never ended).
    const failures = () => (dispatcher as unknown as { listenerFailures: number }).listenerFailures;
    await dataSource.query('SELECT pg_terminate_backend($1)', [first]);
    await waitUntil(async () => !(await listeners()).includes(first));
    // One loss (or none left, when the retry half a second later already connected).
    expect([0, 1]).toContain(failures());
    await waitUntil(async () => (await listeners()).length === 1);
    const written = await dataSource.transaction((manager) =>
      createPerson(dataSource, territory).then((person) => write(manager, person)),
    );
    await waitUntil(async () => (await positions([written])).get(written) !== null);
    expect(await listeners()).toHaveLength(1);

    await dispatcher.stop();
    await waitUntil(async () => (await listeners()).length === 0);
  });
});
