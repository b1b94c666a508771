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
import { OutboxRepository } from '@relais/events';
import { type AccountPrincipal, ApiClientWebhookRepository } from '@relais/identity';
import type { DispatchedEvent } from '../outbox-dispatch.types.js';
import { OutboxDispatcherService } from '../outbox-dispatcher.service.js';
import { partnerMaySee } from '../partner-visibility.js';
import { WebhookDeliveryStatus } from '../webhook-delivery.entity.js';
import {
  WebhookDeliveryRepository,
  type WebhookDeliveryRow,
} from '../webhook-delivery.repository.js';
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

/** A delivery with its event's type and position (the event read through its owner). */
type DeliveryRow = WebhookDeliveryRow & { event_type: string; event_position: string | null };

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

/** The webhook deliveries: queued from dispatched events, listed for admins, redelivered. */
@Injectable()
export class WebhookDeliveryService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly clients: ApiClientWebhookRepository,
    private readonly outbox: OutboxRepository,
    private readonly worker: WebhookWorker,
    private readonly dispatcher: OutboxDispatcherService,
  ) {}

  onModuleInit(): void {
    this.dispatcher.registerStep(async (manager, events) => {
      await this.enqueue(manager, events);
    });
  }

  /**
   * The dispatcher's step, in its transaction, after the events were numbered: for each event,
   * one PENDING delivery, due now, to each live client with an endpoint that may see it (the
   * rule of partner-visibility.ts); wakes the worker once that transaction commits.
   */
  async enqueue(manager: EntityManager, events: readonly DispatchedEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const targets = await this.clients.webhookTargets(manager);
    const queued = events.flatMap((event) =>
      targets
        .filter((client) =>
          partnerMaySee(
            {
              territoryId: client.territory_id,
              structureId: client.structure_id,
              scopes: client.scopes,
            },
            event,
          ),
        )
        .map((client) => ({ clientId: client.id, eventId: event.id })),
    );
    const rows = await this.deliveries.enqueue(manager, queued);
    if (rows.length > 0) this.worker.wakeAfterCommit(manager);
    return rows.length;
  }

  /** A client's deliveries, newest first, for the admins of its territory. */
  async page(
    principal: AccountPrincipal,
    clientId: string,
    options: { first: number; after?: string | null; status?: WebhookDeliveryStatus | null },
  ): Promise<Page<WebhookDeliveryView>> {
    const client = await this.clients.byId(clientId);
    if (!client) throw forbidden();
    actingMembership(principal, (ability) =>
      ability.can(
        'read',
        subject('ApiClient', { territoryId: client.territoryId, structureId: client.structureId }),
      ),
    );
    let before: string | null = null;
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
      before = id;
    }
    const rows = await this.withEvents(
      await this.deliveries.pageOfClient({
        clientId,
        limit: options.first + 1,
        status: options.status,
        before,
      }),
    );
    return toPage(rows.map(viewOf), options.first, (row) => [row.id]);
  }

  /**
   * Sends a delivery again, whatever became of it: PENDING and due now, with its attempts back
   * to zero so it gets the whole retry schedule again.
   */
  async redeliver(principal: AccountPrincipal, deliveryId: string): Promise<WebhookDeliveryView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const found = await this.deliveries.lockById(deliveryId, manager);
      if (!found) throw forbidden();
      const client = await this.clients.byIdOrFail(found.client_id, manager);
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
      await this.deliveries.resetForRedelivery(deliveryId, manager);
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
      const delivery = await this.deliveries.byId(deliveryId, manager);
      const [row] = await this.withEvents(delivery ? [delivery] : [], manager);
      return viewOf(row);
    });
    this.worker.wake();
    return view;
  }

  /**
   * The deliveries with their event's type and position, in their order; one whose event is
   * gone is left out (the purge removes both).
   */
  private async withEvents(
    deliveries: readonly WebhookDeliveryRow[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<DeliveryRow[]> {
    const events = new Map(
      (
        await this.outbox.byIds(
          deliveries.map((delivery) => delivery.event_id),
          manager,
        )
      ).map((event) => [event.id, event]),
    );
    return deliveries.flatMap((delivery) => {
      const event = events.get(delivery.event_id);
      return event ? [{ ...delivery, event_type: event.type, event_position: event.position }] : [];
    });
  }
}
