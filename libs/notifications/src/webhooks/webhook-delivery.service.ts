import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import { DataSource, type EntityManager } from 'typeorm';
import { actingMembership, forbidden, recordAdminChange } from '@relais/access';
import {
  decodeCursor,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  type Page,
  toPage,
} from '@relais/core';
import { preparedQuery } from '@relais/database';
import { type AccountPrincipal, ApiClientEntity } from '@relais/identity';
import { OutboxDispatcherService } from '../outbox-dispatcher.service.js';
import { EVENT_FAMILY_SCOPES, partnerEventCondition } from '../partner-visibility.js';
import { WebhookDeliveryStatus } from '../webhook-delivery.entity.js';
import { WebhookWorker } from './webhook-worker.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One line of a client's delivery log, with the event it carries. */
export interface WebhookDeliveryView {
  readonly id: string;
  readonly clientId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly eventPosition: string | null;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly deliveredAt: Date | null;
}

interface DeliveryRow {
  id: string;
  client_id: string;
  event_id: string;
  event_type: string;
  event_position: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

function viewOf(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    clientId: row.client_id,
    eventId: row.event_id,
    eventType: row.event_type,
    eventPosition: row.event_position,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

const SELECT_DELIVERY = `SELECT d.id, d.client_id, d.event_id, e.type AS event_type,
    e.position AS event_position, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
    d.last_error, d.created_at, d.delivered_at
  FROM webhook_delivery d JOIN outbox_event e ON e.id = d.event_id`;

// The event families and their scopes, as two parallel arrays for SQL.
const FAMILIES = Object.keys(EVENT_FAMILY_SCOPES);
const FAMILY_SCOPES = FAMILIES.map((family) => EVENT_FAMILY_SCOPES[family]);

/**
 * Each dispatched event, for each live client with an endpoint that may see it (the rule of
 * partner-visibility.ts, in SQL): one PENDING delivery, due now. The client's prefixes come from
 * its scopes as `partnerEventPrefixes` computes them.
 */
const ENQUEUE = `INSERT INTO webhook_delivery (client_id, event_id, status, next_attempt_at)
  SELECT c.id, e.id, 'PENDING', now()
  FROM outbox_event e
  LEFT JOIN person p ON p.id = e.person_id
  JOIN api_client c ON c.revoked_at IS NULL AND c.webhook_url IS NOT NULL
  CROSS JOIN LATERAL (
    SELECT ARRAY(
      SELECT f.family || '.' FROM unnest($2::text[], $3::text[]) AS f(family, scope)
      WHERE 'events:read' = ANY(c.scopes) AND f.scope = ANY(c.scopes)
    ) AS prefixes
  ) k
  WHERE e.id = ANY($1::uuid[])
    AND ${partnerEventCondition('c.territory_id', 'c.structure_id', 'k.prefixes')}
  ON CONFLICT (client_id, event_id) DO NOTHING
  RETURNING id`;

/** The webhook deliveries: queued from dispatched events, listed for admins, redelivered. */
@Injectable()
export class WebhookDeliveryService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly worker: WebhookWorker,
    private readonly dispatcher: OutboxDispatcherService,
  ) {}

  onModuleInit(): void {
    this.dispatcher.registerStep(async (manager, events) => {
      await this.enqueue(manager, events);
    });
  }

  /**
   * The dispatcher's step, in its transaction, after the events were numbered: queues their
   * deliveries, and wakes the worker once that transaction commits.
   */
  async enqueue(
    manager: EntityManager,
    events: readonly { readonly id: string }[],
  ): Promise<number> {
    if (events.length === 0) return 0;
    const rows = await preparedQuery<{ id: string }>(manager, ENQUEUE, [
      events.map((event) => event.id),
      FAMILIES,
      FAMILY_SCOPES,
    ]);
    if (rows.length > 0) this.worker.wakeAfterCommit(manager);
    return rows.length;
  }

  /** A client's deliveries, newest first, for the admins of its territory. */
  async page(
    principal: AccountPrincipal,
    clientId: string,
    options: { first: number; after?: string | null; status?: WebhookDeliveryStatus | null },
  ): Promise<Page<WebhookDeliveryView>> {
    const client = await this.dataSource.manager.findOneBy(ApiClientEntity, { id: clientId });
    if (!client) throw forbidden();
    actingMembership(principal, (ability) =>
      ability.can(
        'read',
        subject('ApiClient', { territoryId: client.territoryId, structureId: client.structureId }),
      ),
    );
    const params: unknown[] = [clientId, options.first + 1];
    const conditions = ['d.client_id = $1'];
    if (options.status) {
      params.push(options.status);
      conditions.push(`d.status = $${params.length}`);
    }
    if (options.after) {
      const [id] = decodeCursor(options.after);
      if (typeof id !== 'string' || !UUID.test(id)) {
        throw new DomainError(
          DomainErrorCode.InvalidInput,
          DomainErrorReason.InvalidCursor,
          'after is not a cursor this API gave',
          {
            field: 'after',
          },
        );
      }
      // The position is the row itself: compared in the database, at its full precision.
      params.push(id);
      conditions.push(
        `(d.created_at, d.id) < (SELECT created_at, id FROM webhook_delivery WHERE id = $${params.length})`,
      );
    }
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `${SELECT_DELIVERY} WHERE ${conditions.join(' AND ')}
       ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
      params,
    );
    return toPage(rows.map(viewOf), options.first, (row) => [row.id]);
  }

  /**
   * Sends a delivery again, whatever became of it: PENDING and due now, with its attempts back
   * to zero so it gets the whole retry schedule again.
   */
  async redeliver(principal: AccountPrincipal, deliveryId: string): Promise<WebhookDeliveryView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const [found] = await manager.query<
        { client_id: string; status: WebhookDeliveryStatus; attempts: number }[]
      >(`SELECT client_id, status, attempts FROM webhook_delivery WHERE id = $1 FOR UPDATE`, [
        deliveryId,
      ]);
      if (!found) throw forbidden();
      const client = await manager.findOneByOrFail(ApiClientEntity, { id: found.client_id });
      const acting = actingMembership(principal, (ability) =>
        ability.can(
          'update',
          subject('ApiClient', {
            territoryId: client.territoryId,
            structureId: client.structureId,
          }),
        ),
      );
      if (client.revokedAt !== null) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.ClientRevoked,
          'This client was revoked.',
        );
      }
      if (client.webhookUrl === null) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.WebhookNotSet,
          'This client has no webhook endpoint: set one first.',
        );
      }
      await manager.query(
        `UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(),
           delivered_at = NULL
         WHERE id = $1`,
        [deliveryId],
      );
      await recordAdminChange(manager, {
        actorAccountId: principal.accountId,
        actorMembershipId: acting.id,
        action: 'api_client.redeliver_webhook',
        subjectType: 'ApiClient',
        subjectId: client.id,
        territoryId: client.territoryId,
        structureId: client.structureId,
        before: { deliveryId, status: found.status, attempts: found.attempts },
        after: { deliveryId, status: WebhookDeliveryStatus.PENDING, attempts: 0 },
      });
      const [row] = await manager.query<DeliveryRow[]>(`${SELECT_DELIVERY} WHERE d.id = $1`, [
        deliveryId,
      ]);
      return viewOf(row);
    });
    this.worker.wake();
    return view;
  }
}
