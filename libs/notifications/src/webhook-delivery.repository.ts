import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '@relais/database';
import { DataSource, type EntityManager } from 'typeorm';
import { WebhookDeliveryStatus } from './webhook-delivery.entity.js';

/** One delivery, without its event. */
export interface WebhookDeliveryRow {
  id: string;
  client_id: string;
  event_id: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** A delivery the worker claimed: its client and event are read by their owners. */
export interface ClaimedDeliveryRow {
  id: string;
  attempts: number;
  client_id: string;
  event_id: string;
}

const DELIVERY_COLUMNS = `d.id, d.client_id, d.event_id, d.status, d.attempts, d.next_attempt_at,
  d.last_status_code, d.last_error, d.created_at, d.delivered_at`;

/** The `webhook_delivery` table: queued from dispatched events, claimed, sent and logged. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One PENDING delivery per (client, event), due now; those already queued are left alone. */
  async enqueue(
    manager: EntityManager,
    deliveries: readonly { readonly clientId: string; readonly eventId: string }[],
  ): Promise<{ id: string }[]> {
    if (deliveries.length === 0) return [];
    return preparedQuery<{ id: string }>(
      manager,
      `INSERT INTO webhook_delivery (client_id, event_id, status, next_attempt_at)
       SELECT q.client_id, q.event_id, 'PENDING', now()
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS q(client_id, event_id, ord)
        ORDER BY q.ord
       ON CONFLICT (client_id, event_id) DO NOTHING
       RETURNING id`,
      [deliveries.map((d) => d.clientId), deliveries.map((d) => d.eventId)],
    );
  }

  /**
   * Claims due deliveries in one short statement: `FOR UPDATE SKIP LOCKED` lets several
   * instances share the work, and moving `next_attempt_at` ahead is a lease, so a worker that
   * dies mid-send leaves its claims to be retried once it runs out.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<ClaimedDeliveryRow[]> {
    // TypeORM gives an UPDATE's result as [rows, count], RETURNING or not.
    const [rows] = await this.dataSource.query<[ClaimedDeliveryRow[], number]>(
      `WITH due AS (
         SELECT id FROM webhook_delivery
         WHERE status = 'PENDING' AND next_attempt_at <= now()
         ORDER BY next_attempt_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE webhook_delivery d SET next_attempt_at = now() + make_interval(secs => $2)
       FROM due
       WHERE d.id = due.id
       RETURNING d.id, d.attempts, d.client_id, d.event_id`,
      [limit, leaseSeconds],
    );
    return rows;
  }

  async markDelivered(id: string, attempts: number, statusCode: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET status = 'DELIVERED', attempts = $2, last_status_code = $3,
         last_error = NULL, next_attempt_at = NULL, delivered_at = now()
       WHERE id = $1`,
      [id, attempts, statusCode],
    );
  }

  /** A failed attempt: retried after `delaySeconds`, or FAILED for good when it is null. */
  async markAttemptFailed(
    id: string,
    attempt: {
      status: WebhookDeliveryStatus;
      attempts: number;
      statusCode: number | null;
      error: string | null;
      delaySeconds: number | null;
    },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET status = $2, attempts = $3, last_status_code = $4,
         last_error = $5,
         next_attempt_at = CASE WHEN $6::float8 IS NULL THEN NULL
           ELSE now() + make_interval(secs => $6::float8) END
       WHERE id = $1`,
      [
        id,
        attempt.status,
        attempt.attempts,
        attempt.statusCode,
        attempt.error,
        attempt.delaySeconds,
      ],
    );
  }

  /** A delivery that can no longer be sent: FAILED, with the reason, without an attempt. */
  async drop(id: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_delivery SET status = 'FAILED', last_error = $2, next_attempt_at = NULL
       WHERE id = $1`,
      [id, reason],
    );
  }

  /** Deliveries waiting to be sent (due or retrying later); the pending rows' index answers. */
  async pendingCount(): Promise<number> {
    const rows = await this.dataSource.query<{ pending: number }[]>(
      `SELECT count(*)::int AS pending FROM webhook_delivery WHERE status = 'PENDING'`,
    );
    return rows[0]?.pending ?? 0;
  }

  /**
   * A client's deliveries, newest first: `limit` of them, of one status or any, before the
   * delivery `before` (compared in the database, at its full precision).
   */
  async pageOfClient(query: {
    clientId: string;
    limit: number;
    status?: WebhookDeliveryStatus | null;
    before?: string | null;
  }): Promise<WebhookDeliveryRow[]> {
    const params: unknown[] = [query.clientId, query.limit];
    const conditions = ['d.client_id = $1'];
    if (query.status) {
      params.push(query.status);
      conditions.push(`d.status = $${params.length}`);
    }
    if (query.before) {
      params.push(query.before);
      conditions.push(
        `(d.created_at, d.id) < (SELECT created_at, id FROM webhook_delivery WHERE id = $${params.length})`,
      );
    }
    return this.dataSource.query<WebhookDeliveryRow[]>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d WHERE ${conditions.join(' AND ')}
       ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
      params,
    );
  }

  /** A delivery's client, status and attempts, its row locked until the transaction ends. */
  async lockById(
    id: string,
    manager: EntityManager,
  ): Promise<{ client_id: string; status: WebhookDeliveryStatus; attempts: number } | null> {
    const [found] = await manager.query<
      { client_id: string; status: WebhookDeliveryStatus; attempts: number }[]
    >(`SELECT client_id, status, attempts FROM webhook_delivery WHERE id = $1 FOR UPDATE`, [id]);
    return found ?? null;
  }

  /** Sends a delivery again: PENDING and due now, with its attempts back to zero. */
  async resetForRedelivery(id: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE webhook_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now(),
         delivered_at = NULL
       WHERE id = $1`,
      [id],
    );
  }

  async byId(id: string, manager: EntityManager): Promise<WebhookDeliveryRow | null> {
    const [row] = await manager.query<WebhookDeliveryRow[]>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_delivery d WHERE d.id = $1`,
      [id],
    );
    return row ?? null;
  }
}
