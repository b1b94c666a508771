import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig, JobRunner, MetricsRegistry } from '@relais/core';
import { type OutboxEventRow, OutboxRepository } from '@relais/events';
import { ApiClientWebhookRepository } from '@relais/identity';
import { Counter, Gauge } from 'prom-client';
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
} from 'typeorm';
import { partnerPayload } from '../event-feed.service.js';
import type { WebhookAddressPolicy } from './webhook-address.js';
import { WebhookDeliveryStatus } from '../webhook-delivery.entity.js';
import { WebhookDeliveryRepository } from '../webhook-delivery.repository.js';
import {
  retryDelayAfter,
  WEBHOOK_OPTIONS,
  type WebhookOptions,
  webhookOptions,
} from './webhook-options.js';
import { sendWebhook, type WebhookAttempt, type WebhookEvent } from './webhook-sender.js';

/** A claimed delivery, its client's webhook and its event's columns. */
interface ClaimedRow extends Omit<OutboxEventRow, 'id'> {
  id: string;
  attempts: number;
  webhook_url: string | null;
  webhook_secret: string | null;
  revoked_at: Date | null;
  event_id: string;
}

const MAX_ERROR_LENGTH = 300;

/**
 * Sends the queued webhook deliveries: every `pollIntervalMs` (the `webhooks.send` job, without
 * the job lock: instances share the rows through SKIP LOCKED), and at once when woken after an
 * enqueue commits. Logs ids and outcomes only, never a secret or a payload.
 */
@Injectable()
export class WebhookWorker implements OnModuleInit, EntitySubscriberInterface {
  private readonly logger = new Logger(WebhookWorker.name);
  private readonly options: WebhookOptions;
  private readonly policy: WebhookAddressPolicy;
  private running: Promise<number> | undefined;
  private again = false;
  private failing = false;
  private stopped = true;
  private readonly stopping = new AbortController();
  /** Transactions that queued deliveries: the worker is woken when they commit. */
  private readonly waitingForCommit = new WeakSet<QueryRunner>();
  private readonly failures: Counter<'outcome'> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly clients: ApiClientWebhookRepository,
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobRunner,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(WEBHOOK_OPTIONS) overrides?: Partial<WebhookOptions> | null,
    @Optional() metrics?: MetricsRegistry,
  ) {
    this.options = webhookOptions(overrides);
    this.policy = { allowPrivateAddresses: config.webhookAllowPrivateAddresses };
    if (!metrics) return;
    this.failures = new Counter({
      name: 'relais_webhook_delivery_failures_total',
      help: 'Webhook attempts that failed: retried later (retry) or given up (failed, dropped).',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'relais_webhook_queue_depth',
      help: 'Webhook deliveries waiting to be sent (due or retrying later), read at each scrape.',
      registers: [metrics.registry],
      collect: async function (this: Gauge) {
        this.set(await pendingDeliveries(deliveries));
      },
    });
  }

  /**
   * Sending starts with the jobs, when the API starts serving, as dispatching does: a tool that
   * boots the application without listening (schema generation) sends nothing.
   */
  onModuleInit(): void {
    this.jobs.register({
      name: 'webhooks.send',
      schedule: { everyMs: this.options.pollIntervalMs },
      lock: false,
      logLevel: 'debug',
      run: async () => {
        this.wake();
        return `${(await this.running) ?? 0} attempted`;
      },
      start: () => this.start(),
      stop: () => this.stop(),
    });
  }

  private start(): void {
    if (this.stopping.signal.aborted || !this.stopped) return;
    this.stopped = false;
    // Told of every commit (TypeORM's subscriber hook), to wake after the enqueuing ones.
    this.dataSource.subscribers.push(this);
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    const index = this.dataSource.subscribers.indexOf(this);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    // Attempts under way are abandoned: their lease runs out and they are retried.
    this.stopping.abort();
    await this.running;
  }

  /** Looks for due deliveries now (or right after the round under way). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Wakes the worker when this transaction commits (at once if there is none). */
  wakeAfterCommit(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) this.waitingForCommit.add(runner);
    else this.wake();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A released savepoint also reports a commit: wait for the outermost one.
    if (event.queryRunner.isTransactionActive) return;
    if (this.waitingForCommit.delete(event.queryRunner)) this.wake();
  }

  /** Rounds until none is due; returns how many deliveries were claimed. */
  private async drain(): Promise<number> {
    let total = 0;
    try {
      do {
        this.again = false;
        const claimed = await this.round();
        total += claimed;
        if (this.failing) this.logger.log('webhook deliveries going again');
        this.failing = false;
        // A full batch suggests more are due: go on without waiting for the timer.
        if (claimed >= this.options.batchSize) this.again = true;
      } while (this.again && !this.stopped);
    } catch (error) {
      // Once per outage (the database gone, say), not at every poll.
      if (!this.failing) {
        this.logger.error(
          { err: { type: error instanceof Error ? error.constructor.name : typeof error } },
          'webhook deliveries failing; retrying at each poll',
        );
      }
      this.failing = true;
    }
    return total;
  }

  /** One round: claim, send all at once, record each outcome. Returns how many were claimed. */
  private async round(): Promise<number> {
    const rows = await this.claim();
    // Every attempt settles before the round ends; one failing to record fails the round.
    const outcomes = await Promise.allSettled(rows.map((row) => this.attempt(row)));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return rows.length;
  }

  /**
   * Claims due deliveries (`FOR UPDATE SKIP LOCKED`, a lease: see the repository), with their
   * client's endpoint and their event, each read from its owner. A delivery whose client or event
   * is gone is left alone, as the single statement did.
   */
  private async claim(): Promise<ClaimedRow[]> {
    const claimed = await this.deliveries.claimDue(
      this.options.batchSize,
      this.options.leaseMs / 1000,
    );
    if (claimed.length === 0) return [];
    const [endpoints, events] = await Promise.all([
      this.clients.endpointsByIds(claimed.map((row) => row.client_id)),
      this.outbox.byIds(claimed.map((row) => row.event_id)),
    ]);
    const clientById = new Map(endpoints.map((client) => [client.id, client]));
    const eventById = new Map(events.map((event) => [event.id, event]));
    return claimed.flatMap((row) => {
      const client = clientById.get(row.client_id);
      const event = eventById.get(row.event_id);
      if (!client || !event) return [];
      return [
        {
          id: row.id,
          attempts: row.attempts,
          webhook_url: client.webhook_url,
          webhook_secret: client.webhook_secret,
          revoked_at: client.revoked_at,
          event_id: event.id,
          position: event.position,
          type: event.type,
          occurred_at: event.occurred_at,
          territory_id: event.territory_id,
          structure_ids: event.structure_ids,
          person_id: event.person_id,
          payload: event.payload,
        },
      ];
    });
  }

  private async attempt(row: ClaimedRow): Promise<void> {
    if (row.revoked_at !== null) return this.drop(row.id, 'the client was revoked');
    if (row.webhook_url === null || row.webhook_secret === null) {
      return this.drop(row.id, 'the client has no webhook endpoint any more');
    }
    const event: WebhookEvent = {
      id: row.event_id,
      position: row.position,
      type: row.type,
      occurredAt: row.occurred_at,
      territoryId: row.territory_id,
      structureIds: row.structure_ids,
      personId: row.person_id,
      // The partners' view of a payload, as the event feed gives it (one redaction path).
      payload: partnerPayload(row.payload),
    };
    const outcome = await sendWebhook({ url: row.webhook_url, secret: row.webhook_secret }, event, {
      timeoutMs: this.options.timeoutMs,
      signal: this.stopping.signal,
      policy: this.policy,
    });
    // Stopping mid-send is not the endpoint's failure: the lease brings it back later.
    if (this.stopping.signal.aborted && !outcome.delivered) return;
    await this.record(row, outcome);
  }

  private async record(row: ClaimedRow, outcome: WebhookAttempt): Promise<void> {
    const attempts = row.attempts + 1;
    const error = outcome.error?.slice(0, MAX_ERROR_LENGTH) ?? null;
    if (outcome.delivered) {
      await this.deliveries.markDelivered(row.id, attempts, outcome.statusCode);
      this.logger.debug({ deliveryId: row.id, attempts }, 'webhook delivered');
      return;
    }
    const delay = retryDelayAfter(this.options, attempts);
    const status = delay === null ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING;
    this.failures?.inc({ outcome: delay === null ? 'failed' : 'retry' });
    await this.deliveries.markAttemptFailed(row.id, {
      status,
      attempts,
      statusCode: outcome.statusCode,
      error,
      delaySeconds: delay === null ? null : delay / 1000,
    });
    this.logger.warn(
      { deliveryId: row.id, attempts, statusCode: outcome.statusCode, status },
      'webhook attempt failed',
    );
  }

  /** A delivery that can no longer be sent: FAILED, with the reason, without an attempt. */
  private async drop(id: string, reason: string): Promise<void> {
    this.failures?.inc({ outcome: 'dropped' });
    await this.deliveries.drop(id, reason);
  }
}

/** The pending deliveries' partial index answers this; NaN when the database is away. */
async function pendingDeliveries(deliveries: WebhookDeliveryRepository): Promise<number> {
  try {
    return await deliveries.pendingCount();
  } catch {
    return Number.NaN;
  }
}
