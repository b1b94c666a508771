import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, JobRunner, MetricsRegistry } from '@relais/core';
import { systemScope } from '@relais/access';
import { postgresConnectionOptions, preparedQuery } from '@relais/database';
import { type NumberedOutboxRow, OUTBOX_CHANNEL, OutboxRepository } from '@relais/events';
import { PersonSharingRepository } from '@relais/pathways';
import pg from 'pg';
import { Gauge, Histogram } from 'prom-client';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { InboxService } from './inbox.service.js';
import {
  type DispatchedEvent,
  type DispatchResult,
  type DispatchStep,
  eventOf,
  type NotificationViewReader,
} from './outbox-dispatch.types.js';
import { describe, LiveBus } from './live-bus.js';
import type { LiveEventJson } from './live-messages.js';
import { NotificationFanout } from './notification-fanout.js';
import { NotificationRepository } from './notification.repository.js';
import type { NotificationView } from './notification.views.js';

/** The advisory lock a dispatch holds for its transaction: one dispatcher at a time. */
export const OUTBOX_DISPATCH_LOCK = 7_305_180_244;
/** The advisory lock a follow-up transaction holds: follow-ups run in position order, once. */
export const OUTBOX_FOLLOW_UP_LOCK = 7_305_180_245;
/** Events numbered per dispatch transaction. */
export const DISPATCH_BATCH_SIZE = 500;
/** The fallback when a notification was missed (listener reconnecting, another instance busy). */
const POLL_INTERVAL_MS = 1_000;
const LISTENER_RETRY_MAX_MS = 10_000;
/** The listener's name in pg_stat_activity: how instances see each other. */
const DISPATCHER_APPLICATION_NAME = 'relais-dispatcher';

/**
 * Turns committed outbox events into inbox rows, transactional steps (webhooks) and live
 * pushes (docs/decisions/0009). Woken by `pg_notify` at each outbox commit (LISTEN on a
 * dedicated connection) and by a poll every second (the `outbox.poll` job, decision 0019, without
 * the job lock: each dispatch holds its own transaction lock). Each batch is one transaction under an
 * advisory lock: it numbers the pending events in the order they became visible, writes one
 * inbox row per recipient and event (the actor excepted; a replay writes nothing twice), runs
 * the steps and marks the events dispatched. Pushes follow the commit. A crash at any point
 * loses nothing: pending rows are dispatched by whichever instance runs next.
 *
 * Follow-ups (the email step) are work the live push need not wait for: they run after it, in
 * transactions of their own on a second connection, for the numbered events whose
 * `dispatched_at` is still null, lowest position first, under their own advisory lock. A
 * follow-up that fails or dies leaves its events to be taken again (at least once, never lost).
 */
@Injectable()
export class OutboxDispatcherService implements OnModuleInit {
  private readonly logger = new Logger(OutboxDispatcherService.name);
  private readonly steps: DispatchStep[] = [];
  private readonly followUps: DispatchStep[] = [];
  private views: NotificationViewReader | null = null;
  private warnedNoViews = false;
  private started = false;
  private stopped = false;
  private running: Promise<number> | null = null;
  private wakeAgain = false;
  private listener: pg.Client | null = null;
  private listenerRetry: NodeJS.Timeout | null = null;
  private listenerFailures = 0;
  /** The dispatch's connection, and the follow-ups' (each used by one piece of work at a time). */
  private readonly connection: OwnConnection;
  private readonly followConnection: OwnConnection;
  private following: Promise<number> | null = null;
  private followAgain = false;
  private followFailing = false;
  private failing = false;
  private warnedSharedOutbox = false;
  private readonly batchSizes: Histogram | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inbox: InboxService,
    private readonly outbox: OutboxRepository,
    private readonly notifications: NotificationRepository,
    private readonly people: PersonSharingRepository,
    private readonly fanout: NotificationFanout,
    private readonly bus: LiveBus,
    private readonly jobs: JobRunner,
    @Optional() metrics?: MetricsRegistry,
  ) {
    this.connection = new OwnConnection(dataSource);
    this.followConnection = new OwnConnection(dataSource);
    if (!metrics) return;
    this.batchSizes = new Histogram({
      name: 'relais_outbox_dispatch_batch_size',
      help: 'Events dispatched per committed batch (empty batches not counted).',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, DISPATCH_BATCH_SIZE],
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'relais_outbox_lag_seconds',
      help: 'Age of the oldest event not yet dispatched (0 when none waits), read at each scrape.',
      registers: [metrics.registry],
      collect: async function (this: Gauge) {
        this.set(await oldestPendingAgeSeconds(outbox));
      },
    });
  }

  /** Adds work to every dispatch transaction (registered at module init, before any dispatch). */
  registerStep(step: DispatchStep): void {
    this.steps.push(step);
  }

  /**
   * Adds work done after the live push, in a follow-up transaction of its own (registered at
   * module init): at least once per event, in position order, never holding up the push.
   */
  registerFollowUp(step: DispatchStep): void {
    this.followUps.push(step);
  }

  /** Gives the views of the inbox rows each dispatch pushes live (registered at module init). */
  useNotificationViews(views: NotificationViewReader): void {
    this.views = views;
  }

  /**
   * Dispatching starts with the jobs, when the API starts serving: a tool that boots the
   * application without listening (schema generation) never dispatches. The job is the poll;
   * its start and stop bring the LISTEN connection up and down.
   */
  onModuleInit(): void {
    this.jobs.register({
      name: 'outbox.poll',
      schedule: { everyMs: POLL_INTERVAL_MS },
      lock: false,
      logLevel: 'debug',
      run: async () => {
        this.wake(true);
        return `${(await this.running) ?? 0} dispatched`;
      },
      start: () => this.start(),
      stop: () => this.stop(),
    });
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.listen();
    this.wake();
    this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.listenerRetry) clearTimeout(this.listenerRetry);
    this.listenerRetry = null;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
    await this.running;
    await this.following;
    await this.connection.close();
    await this.followConnection.close();
  }

  /** Runs a dispatch now, or once more after the one running. `poll`: only if work is pending. */
  wake(poll = false): void {
    if (this.stopped) return;
    if (this.running) {
      if (!poll) this.wakeAgain = true;
      return;
    }
    this.running = this.runUntilDone(poll).finally(() => {
      this.running = null;
    });
  }

  /**
   * Dispatches batches until none is pending (or another instance holds the lock), then runs the
   * follow-ups of what is numbered, and returns how many events this call dispatched. Never
   * throws: a failure is logged and retried later.
   */
  async dispatchPending(): Promise<number> {
    const dispatched = await this.connection.exclusive(() => this.dispatchUntilDone());
    if (this.followUps.length > 0) {
      await this.followConnection.exclusive(() => this.followUpPending());
    }
    return dispatched;
  }

  /** Runs the follow-ups now, or once more after the run under way (on their own connection). */
  private follow(): void {
    if (this.stopped || this.followUps.length === 0) return;
    if (this.following) {
      this.followAgain = true;
      return;
    }
    this.following = this.followConnection
      .exclusive(() => this.followUpPending())
      .finally(() => {
        this.following = null;
      });
  }

  /** Follow-up batches until none is left (or another instance holds their lock). */
  private async followUpPending(): Promise<number> {
    let followed = 0;
    do {
      this.followAgain = false;
      for (;;) {
        let count: number | null;
        try {
          count = await this.followUpBatch();
          if (this.followFailing) this.logger.log('following up again');
          this.followFailing = false;
        } catch (error) {
          if (!this.followFailing) {
            this.logger.error(`a follow-up failed, retrying: ${describe(error)}`);
          }
          this.followFailing = true;
          await this.followConnection.drop();
          return followed;
        }
        if (count === null) return followed;
        followed += count;
        if (count < DISPATCH_BATCH_SIZE) break;
      }
    } while (this.followAgain && !this.stopped);
    return followed;
  }

  /**
   * One follow-up transaction: takes the numbered events not yet followed up (their
   * `dispatched_at` set in the same statement) and runs the follow-ups on them. Null when
   * another instance holds the follow-up lock.
   */
  private async followUpBatch(): Promise<number | null> {
    const runner = await this.followConnection.runner();
    return underLock(runner, OUTBOX_FOLLOW_UP_LOCK, async (manager) => {
      const taken = await this.outbox.takeForFollowUp(manager, DISPATCH_BATCH_SIZE);
      if (taken.length === 0) return 0;
      const events = await this.eventsOf(manager, taken);
      for (const step of this.followUps) await step(manager, events);
      return events.length;
    });
  }

  /** The rows as the steps see them, in position order, with whether each person withholds. */
  private async eventsOf(
    manager: EntityManager,
    rows: readonly NumberedOutboxRow[],
  ): Promise<DispatchedEvent[]> {
    const withheld = await this.people.withheld(
      systemScope('dispatcher'),
      rows.map((row) => row.person_id).filter((id): id is string => id !== null),
      manager,
    );
    return [...rows]
      .sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1))
      .map((row) => eventOf(row, withheld));
  }

  private async dispatchUntilDone(): Promise<number> {
    let dispatched = 0;
    for (;;) {
      let result: DispatchResult | null;
      try {
        result = await this.dispatchBatch();
        if (this.failing) this.logger.log('dispatching again');
        this.failing = false;
      } catch (error) {
        if (!this.failing) this.logger.error(`a dispatch failed, retrying: ${describe(error)}`);
        this.failing = true;
        await this.connection.drop();
        return dispatched;
      }
      if (!result) return dispatched;
      this.publish(result);
      if (result.events.length > 0) this.follow();
      if (result.events.length > 0) this.batchSizes?.observe(result.events.length);
      dispatched += result.events.length;
      if (result.events.length < DISPATCH_BATCH_SIZE) return dispatched;
    }
  }

  private async runUntilDone(poll: boolean): Promise<number> {
    if (poll && !(await this.connection.exclusive(() => this.anyPending()))) return 0;
    // Whatever waits for its follow-ups too (one that failed, or an instance that died).
    if (poll) this.follow();
    let dispatched = 0;
    do {
      this.wakeAgain = false;
      dispatched += await this.dispatchPending();
    } while (this.wakeAgain && !this.stopped);
    return dispatched;
  }

  /** The idle poll's one cheap statement (the pending rows have their own partial index). */
  private async anyPending(): Promise<boolean> {
    try {
      const runner = await this.connection.runner();
      return await this.outbox.anyPending(runner.manager);
    } catch (error) {
      if (!this.failing) this.logger.error(`the dispatcher cannot read: ${describe(error)}`);
      this.failing = true;
      await this.connection.drop();
      return false;
    }
  }

  /**
   * One batch in one transaction. Null when another instance holds the lock; an empty result
   * when nothing is pending.
   */
  private async dispatchBatch(): Promise<DispatchResult | null> {
    const runner = await this.connection.runner();
    // Prepared statements: a dispatch runs at every outbox commit, on its own connection.
    return underLock(runner, OUTBOX_DISPATCH_LOCK, async (manager) => {
      // Numbered in the order events became visible (see the repository).
      const updated = await this.outbox.numberPending(
        manager,
        DISPATCH_BATCH_SIZE,
        this.followUps.length > 0,
      );
      if (updated.length === 0) return { events: [], notifications: [], unreadCounts: [] };
      const events = await this.eventsOf(manager, updated);
      const rows = [...updated].sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
      const inserted = await this.notifications.insertForEvents(
        manager,
        rows.map((row) => ({
          id: row.id,
          type: row.type,
          personId: row.person_id,
          actorAccountId: row.actor_account_id,
          payload: row.payload,
          occurredAt: row.occurred_at_exact,
          recipientAccountIds: row.recipient_account_ids ?? [],
        })),
      );
      for (const step of this.steps) await step(manager, events);
      const notifications = await this.notificationViews(
        manager,
        inserted.map((row) => row.id),
      );
      const unreadCounts = await this.inbox.unreadCounts(
        manager,
        inserted.map((row) => row.account_id),
      );
      return { events, notifications, unreadCounts };
    });
  }

  /** The views to push; none (said once) when no reader was registered. */
  private async notificationViews(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<NotificationView[]> {
    if (ids.length === 0) return [];
    if (!this.views) {
      if (!this.warnedNoViews) this.logger.warn('no inbox views registered: no live inbox pushes');
      this.warnedNoViews = true;
      return [];
    }
    return this.views(manager, ids);
  }

  /** After the commit: live pushes, best effort (the rows are the truth). */
  private publish(result: DispatchResult): void {
    if (result.events.length === 0) return;
    try {
      this.fanout.push(result.notifications, result.unreadCounts);
      const events: LiveEventJson[] = result.events.map((event) => ({
        id: event.id,
        position: event.position,
        type: event.type,
        occurredAt: event.occurredAt.toISOString(),
        territoryId: event.territoryId,
        structureIds: event.structureIds,
        personId: event.personId,
        payload: event.payload,
        personWithheld: event.personWithheld,
      }));
      void this.bus.publish('events', {
        from: events[0].position,
        to: events[events.length - 1].position,
        events,
      });
    } catch (error) {
      this.logger.error(`live pushes failed: ${describe(error)}`);
    }
  }

  /**
   * Several instances share the outbox through the advisory lock, but their live pushes only
   * through Redis: without it, each pushes what it dispatched to its own sockets. Said once,
   * when the listener connects and sees other dispatchers on the database.
   */
  private async warnIfSharedWithoutRedis(client: pg.Client): Promise<void> {
    if (this.config.redisUrl || this.warnedSharedOutbox) return;
    const { rows } = await client.query<{ others: number }>(
      `SELECT count(*)::int AS others FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`,
      [DISPATCHER_APPLICATION_NAME],
    );
    if ((rows[0]?.others ?? 0) > 0) {
      this.warnedSharedOutbox = true;
      this.logger.warn(SHARED_OUTBOX_WITHOUT_REDIS);
    }
  }

  /** LISTENs on a dedicated connection; reconnects with a growing delay when it is lost. */
  private async listen(): Promise<void> {
    if (this.stopped) return;
    let connection: Awaited<ReturnType<typeof postgresConnectionOptions>>;
    try {
      // The pool's own TLS (sslmode, DATABASE_CA_FILE), settled when the pool was made.
      connection = await postgresConnectionOptions(
        this.config.databaseUrl,
        this.config.databaseCaFile,
      );
    } catch {
      this.listenerRetry = setTimeout(() => void this.listen(), LISTENER_RETRY_MAX_MS);
      this.listenerRetry.unref();
      return;
    }
    if (this.stopped) return;
    const client = new pg.Client({
      ...connection,
      application_name: DISPATCHER_APPLICATION_NAME,
    });
    const lost = (error?: Error): void => {
      // Once per connection: a cut one says so twice (its error, then its end), and a second
      // retry would open a second listener, which stop() would not end.
      if (this.listener !== client) return;
      this.listener = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.listenerFailures += 1;
      if (this.listenerFailures === 1) {
        this.logger.warn(
          `outbox listener lost${error ? ` (${describe(error)})` : ''}; polling meanwhile`,
        );
      }
      const delay = Math.min(500 * 2 ** (this.listenerFailures - 1), LISTENER_RETRY_MAX_MS);
      this.listenerRetry = setTimeout(() => void this.listen(), delay);
      this.listenerRetry.unref();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', () => this.wake());
    try {
      this.listener = client;
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      if (this.listenerFailures > 0) this.logger.log('outbox listener back');
      this.listenerFailures = 0;
      await this.warnIfSharedWithoutRedis(client);
      // Whatever committed while we were not listening.
      this.wake();
    } catch (error) {
      lost(error instanceof Error ? error : undefined);
    }
  }
}

/** What an instance without Redis says when other instances dispatch the same outbox. */
export const SHARED_OUTBOX_WITHOUT_REDIS =
  'another Relais instance dispatches the events of this database, and this one has no REDIS_URL: ' +
  'the live pushes of the events either instance dispatches reach only its own clients (the inbox ' +
  'stays complete). Give every instance the same REDIS_URL.';

/** The pending rows' own index gives the oldest in one step; NaN when the database is away. */
async function oldestPendingAgeSeconds(outbox: OutboxRepository): Promise<number> {
  try {
    return await outbox.oldestPendingAgeSeconds();
  } catch {
    return Number.NaN;
  }
}

/**
 * A connection of the dispatcher's own, kept between uses: it is not taken from the pool for each
 * poll, and what it sends is not counted against the requests that woke it. One piece of work
 * uses it at a time (a direct call beside a wake-up).
 */
class OwnConnection {
  private current: QueryRunner | null = null;
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  async runner(): Promise<QueryRunner> {
    if (!this.current || this.current.isReleased) {
      this.current = this.dataSource.createQueryRunner('master');
      await this.current.connect();
    }
    return this.current;
  }

  /** After a failure: the next use connects again. */
  async drop(): Promise<void> {
    const runner = this.current;
    this.current = null;
    await runner?.release().catch(() => undefined);
  }

  /** Once the work under way has ended. */
  async close(): Promise<void> {
    await this.turn;
    await this.drop();
  }
}

/**
 * One transaction under the advisory lock `lock` (prepared: it runs at every outbox commit):
 * `work`'s result once committed, or null when another instance holds the lock. A failure rolls
 * it back and is thrown.
 */
async function underLock<T>(
  runner: QueryRunner,
  lock: number,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T | null> {
  await runner.startTransaction();
  try {
    const [{ locked }] = await preparedQuery<{ locked: boolean }>(
      runner.manager,
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [lock],
    );
    const result = locked ? await work(runner.manager) : null;
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  }
}
