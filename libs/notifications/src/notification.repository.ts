import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '@relais/database';
import { DataSource, type EntityManager } from 'typeorm';

/** An event the dispatcher turns into inbox rows, one per recipient (the actor excepted). */
export interface NotifiedEvent {
  readonly id: string;
  readonly type: string;
  readonly personId: string | null;
  readonly actorAccountId: string | null;
  readonly payload: Record<string, unknown>;
  /** The event's `occurred_at` at its full precision, the rows' `created_at`. */
  readonly occurredAt: string;
  readonly recipientAccountIds: readonly string[];
}

/** The `notification` table: the accounts' inbox rows. */
@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One inbox row per recipient and event, the actor left out, in the events' order then their
   * recipients' (a replay writes nothing twice), in one statement. Returns the rows written.
   */
  async insertForEvents(
    manager: EntityManager,
    events: readonly NotifiedEvent[],
  ): Promise<{ id: string; account_id: string }[]> {
    const columns = {
      account: [] as string[],
      event: [] as string[],
      type: [] as string[],
      person: [] as (string | null)[],
      actor: [] as (string | null)[],
      payload: [] as string[],
      createdAt: [] as string[],
    };
    for (const event of events) {
      for (const accountId of event.recipientAccountIds) {
        columns.account.push(accountId);
        columns.event.push(event.id);
        columns.type.push(event.type);
        columns.person.push(event.personId);
        columns.actor.push(event.actorAccountId);
        columns.payload.push(JSON.stringify(event.payload));
        columns.createdAt.push(event.occurredAt);
      }
    }
    return preparedQuery<{ id: string; account_id: string }>(
      manager,
      `INSERT INTO notification (account_id, event_id, type, person_id, actor_account_id,
         payload, created_at)
       SELECT r.account_id, r.event_id, r.type, r.person_id, r.actor_account_id, r.payload,
         r.created_at
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::jsonb[],
           $7::timestamptz[])
           WITH ORDINALITY AS r(account_id, event_id, type, person_id, actor_account_id, payload,
             created_at, ord)
        WHERE r.account_id IS DISTINCT FROM r.actor_account_id
        ORDER BY r.ord
       ON CONFLICT (account_id, event_id) DO NOTHING
       RETURNING id, account_id`,
      [
        columns.account,
        columns.event,
        columns.type,
        columns.person,
        columns.actor,
        columns.payload,
        columns.createdAt,
      ],
    );
  }

  /** How many of an account's notifications are unread. */
  async unreadCount(accountId: string): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM notification WHERE account_id = $1 AND read_at IS NULL',
      [accountId],
    );
    return row.count;
  }

  /** Unread counts of these accounts, in one statement. */
  async unreadCounts(
    manager: EntityManager,
    accountIds: readonly string[],
  ): Promise<{ accountId: string; count: number }[]> {
    if (accountIds.length === 0) return [];
    const rows = await preparedQuery<{ account_id: string; count: number }>(
      manager,
      `SELECT a.account_id, count(n.id)::int AS count
         FROM unnest($1::uuid[]) AS a(account_id)
         LEFT JOIN notification n ON n.account_id = a.account_id AND n.read_at IS NULL
        GROUP BY a.account_id`,
      [[...new Set(accountIds)]],
    );
    return rows.map((row) => ({ accountId: row.account_id, count: row.count }));
  }

  /**
   * Marks an account's unread notifications read (these ids only, or all when null), and counts
   * those left unread, in one statement (its snapshot is from before the update).
   */
  async markRead(
    accountId: string,
    ids: readonly string[] | null,
  ): Promise<{ marked: number; unread: number }> {
    const [row] = await this.dataSource.query<{ marked: number; unread: number }[]>(
      `WITH marked AS (
         UPDATE notification SET read_at = now()
          WHERE account_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))
          RETURNING 1)
       SELECT (SELECT count(*) FROM marked)::int AS marked,
         ((SELECT count(*) FROM notification WHERE account_id = $1 AND read_at IS NULL)
           - (SELECT count(*) FROM marked))::int AS unread`,
      [accountId, ids === null ? null : [...new Set(ids)]],
    );
    return row;
  }
}
