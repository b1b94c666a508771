import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EmailDeliveryStatus } from './email-delivery.entity.js';

/** One email to queue; `dedupeKey` makes a second enqueue of the same email a no-op. */
export interface EmailToEnqueue {
  /** Null for an email to a followed person, who has no account (issue 22). */
  readonly accountId: string | null;
  readonly toAddress: string;
  /** The template kind (`HANDOVER_PROPOSED`, `INVITATION`, `DIGEST`, ...). */
  readonly kind: string;
  /** The preference category. */
  readonly category: string;
  readonly eventId?: string | null;
  /** `(account, event, kind)`, `(account, 'digest', day)` or `(invitation, send count)`. */
  readonly dedupeKey: string;
  /** The typed data the template renders from; never a sensitive field. */
  readonly message: unknown;
}

/** One delivery as stored (the message data left out). */
export interface EmailDeliveryRow {
  id: string;
  account_id: string | null;
  to_address: string;
  kind: string;
  category: string;
  event_id: string | null;
  dedupe_key: string;
  status: EmailDeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
  message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** A delivery the sender claimed, with what it renders from. */
export interface ClaimedEmailRow {
  id: string;
  account_id: string | null;
  to_address: string;
  kind: string;
  category: string;
  attempts: number;
  message: unknown;
}

const LOG_COLUMNS = `d.id, d.account_id, d.to_address, d.kind, d.category, d.event_id, d.dedupe_key,
  d.status, d.attempts, d.next_attempt_at, d.last_error, d.message_id, d.created_at, d.sent_at`;

const MAX_ERROR_LENGTH = 500;

/**
 * A message's one-time secret (a personal-space link, a sign-in code) is kept under this key
 * only until the email is sent or given up: then it is dropped from the row, so the queue does
 * not keep usable credentials at rest longer than it must.
 */
export const EMAIL_SECRET_KEY = 'secret';
const WITHOUT_SECRET = `message = message - '${EMAIL_SECRET_KEY}'`;

/** The `email_delivery` table: queued in the callers' transactions, claimed, sent and logged. */
@Injectable()
export class EmailDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Queues the emails, PENDING and due now, in the caller's transaction; one whose dedupe key
   * is already queued (by this or any earlier transaction) is left alone. Returns the ids of the
   * rows inserted, in the given order.
   */
  async enqueue(manager: EntityManager, emails: readonly EmailToEnqueue[]): Promise<string[]> {
    if (emails.length === 0) return [];
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO email_delivery
         (account_id, to_address, kind, category, event_id, dedupe_key, message, status,
          next_attempt_at)
       SELECT q.account_id, q.to_address, q.kind, q.category, q.event_id, q.dedupe_key, q.message,
              'PENDING', clock_timestamp()
         FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::varchar[], $5::uuid[],
                     $6::varchar[], $7::jsonb[]) WITH ORDINALITY
              AS q(account_id, to_address, kind, category, event_id, dedupe_key, message, ord)
        ORDER BY q.ord
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        emails.map((email) => email.accountId),
        emails.map((email) => email.toAddress),
        emails.map((email) => email.kind),
        emails.map((email) => email.category),
        emails.map((email) => email.eventId ?? null),
        emails.map((email) => email.dedupeKey),
        emails.map((email) => JSON.stringify(email.message ?? null)),
      ],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Claims due deliveries, oldest first, in one short statement: `FOR UPDATE SKIP LOCKED` lets
   * several instances share the work, and moving `next_attempt_at` ahead is a lease, so an
   * instance that dies mid-send leaves its claims to be sent once the lease runs out.
   */
  async claimDue(limit: number, leaseSeconds: number): Promise<ClaimedEmailRow[]> {
    // TypeORM gives an UPDATE's result as [rows, count].
    const [rows] = await this.dataSource.query<[ClaimedEmailRow[], number]>(
      `WITH due AS (
         SELECT id, created_at FROM email_delivery
         WHERE status IN ('PENDING', 'DEFERRED') AND next_attempt_at <= now()
         ORDER BY next_attempt_at, created_at, id
         LIMIT $1
         FOR UPDATE SKIP LOCKED
       )
       UPDATE email_delivery d SET next_attempt_at = now() + make_interval(secs => $2)
       FROM due
       WHERE d.id = due.id
       RETURNING d.id, d.account_id, d.to_address, d.kind, d.category, d.attempts, d.message`,
      [limit, leaseSeconds],
    );
    return rows;
  }

  async markSent(id: string, attempts: number, messageId: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_delivery SET status = 'SENT', attempts = $2, message_id = $3,
         last_error = NULL, next_attempt_at = NULL, sent_at = now(), ${WITHOUT_SECRET}
       WHERE id = $1`,
      [id, attempts, messageId?.slice(0, 998) ?? null],
    );
  }

  /** Refused for now: DEFERRED, tried again in `delaySeconds`. */
  async markDeferred(
    id: string,
    attempts: number,
    error: string,
    delaySeconds: number,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_delivery SET status = 'DEFERRED', attempts = $2, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4::float8)
       WHERE id = $1`,
      [id, attempts, error.slice(0, MAX_ERROR_LENGTH), delaySeconds],
    );
  }

  /** Given up for good, with the reason (the server's answer, or why it was not sent). */
  async markFailed(id: string, attempts: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE email_delivery SET status = 'FAILED', attempts = $2, last_error = $3,
         next_attempt_at = NULL, ${WITHOUT_SECRET}
       WHERE id = $1`,
      [id, attempts, error.slice(0, MAX_ERROR_LENGTH)],
    );
  }

  /** Deliveries waiting to be sent (pending or deferred). */
  async waitingCount(): Promise<number> {
    const rows = await this.dataSource.query<{ waiting: number }[]>(
      `SELECT count(*)::int AS waiting FROM email_delivery WHERE status IN ('PENDING', 'DEFERRED')`,
    );
    return rows[0]?.waiting ?? 0;
  }

  /** The deliveries of these dedupe keys (what became of them), for tests and the dispatcher. */
  async byDedupeKeys(
    keys: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EmailDeliveryRow[]> {
    if (keys.length === 0) return [];
    return manager.query<EmailDeliveryRow[]>(
      `SELECT ${LOG_COLUMNS} FROM email_delivery d WHERE d.dedupe_key = ANY($1::varchar[])
       ORDER BY d.created_at, d.id`,
      [keys],
    );
  }
}
