import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '@relais/database';
import { DataSource, type EntityManager } from 'typeorm';

/** The channel the dispatcher listens on; notified when an outbox row commits. */
export const OUTBOX_CHANNEL = 'relais_outbox';

/** The columns of one outbox row, as its writer gives them. */
export interface OutboxRowValues {
  readonly type: string;
  readonly territoryId: string;
  readonly structureIds: readonly string[];
  readonly personId: string | null;
  readonly actorAccountId: string | null;
  readonly actorMembershipId: string | null;
  readonly actorClientId: string | null;
  readonly recipientAccountIds: readonly string[];
  readonly payload: unknown;
}

/**
 * Inserts an outbox row in the caller's transaction and wakes the dispatcher when it commits
 * (`pg_notify` is delivered at commit, never for a rolled-back transaction). A function, not a
 * method: the domain services write events with their transaction's manager, without injection.
 */
export async function insertOutboxEvent(
  manager: EntityManager,
  row: OutboxRowValues,
): Promise<string> {
  const rows = await manager.query<{ id: string }[]>(
    `WITH written AS (
       INSERT INTO outbox_event (type, territory_id, structure_ids, person_id, actor_account_id,
         actor_membership_id, actor_client_id, recipient_account_ids, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id)
     SELECT id, pg_notify('${OUTBOX_CHANNEL}', '') FROM written`,
    [
      row.type,
      row.territoryId,
      row.structureIds,
      row.personId,
      row.actorAccountId,
      row.actorMembershipId,
      row.actorClientId,
      row.recipientAccountIds,
      row.payload,
    ],
  );
  return rows[0].id;
}

/** An outbox row as the dispatcher numbered it. */
export interface NumberedOutboxRow {
  id: string;
  seq: string;
  position: string;
  type: string;
  occurred_at: Date;
  /** `occurred_at` at its full precision (a JavaScript date keeps milliseconds only). */
  occurred_at_exact: string;
  territory_id: string;
  structure_ids: string[];
  person_id: string | null;
  actor_account_id: string | null;
  actor_membership_id: string | null;
  actor_client_id: string | null;
  recipient_account_ids: string[];
  payload: Record<string, unknown>;
}

/** What the dispatcher reads of the events it numbers or follows up. */
const NUMBERED_COLUMNS = `e.id, e.seq, e.position, e.type, e.occurred_at,
         e.occurred_at::text AS occurred_at_exact, e.territory_id,
         e.structure_ids, e.person_id, e.actor_account_id, e.actor_membership_id,
         e.actor_client_id, e.recipient_account_ids, e.payload`;

/** A dispatched event, as webhooks send it. */
export interface OutboxEventRow {
  id: string;
  position: string | null;
  type: string;
  occurred_at: Date;
  territory_id: string;
  structure_ids: string[];
  person_id: string | null;
  payload: Record<string, unknown>;
}

/**
 * The `outbox_event` table, for the dispatcher that numbers it and the webhooks that send it
 * (the writers use `insertOutboxEvent`; the partners' feed reads it through its read model).
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The idle poll's one cheap statement: an event not numbered yet, or numbered and still waiting
   * for its follow-ups (`dispatched_at` is null for both; the rows have their own partial index).
   */
  async anyPending(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM outbox_event WHERE dispatched_at IS NULL LIMIT 1',
    );
    return rows.length > 0;
  }

  /**
   * Numbers up to `limit` pending events, after the highest position so far, in write order
   * among those now visible: positions grow in the order events became visible, never behind a
   * reader's cursor. The rows stay locked until the caller's transaction ends. With
   * `followUps`, `dispatched_at` stays null until `takeForFollowUp` has taken the events.
   */
  async numberPending(
    manager: EntityManager,
    limit: number,
    followUps = false,
  ): Promise<NumberedOutboxRow[]> {
    // Prepared: a dispatch runs at every outbox commit, on its own connection.
    // TypeORM answers an UPDATE with [rows, affected count].
    const [updated] = (await preparedQuery(
      manager,
      `WITH pending AS (
         SELECT id, seq FROM outbox_event
          WHERE position IS NULL ORDER BY seq LIMIT $1 FOR UPDATE),
       numbered AS (
         SELECT pending.id,
           (SELECT COALESCE(max(position), 0) FROM outbox_event)
             + row_number() OVER (ORDER BY pending.seq) AS position
           FROM pending)
       UPDATE outbox_event e SET position = n.position,
           dispatched_at = CASE WHEN $2::boolean THEN NULL ELSE now() END
         FROM numbered n
        WHERE e.id = n.id
       RETURNING ${NUMBERED_COLUMNS}`,
      [limit, followUps],
    )) as unknown as [NumberedOutboxRow[], number];
    return updated;
  }

  /**
   * Takes up to `limit` numbered events whose follow-ups have not run, lowest position first,
   * and marks them dispatched: the caller's transaction runs the follow-ups and commits, or rolls
   * back and leaves them to be taken again. The rows stay locked until it ends.
   */
  async takeForFollowUp(manager: EntityManager, limit: number): Promise<NumberedOutboxRow[]> {
    const [updated] = (await preparedQuery(
      manager,
      `WITH due AS (
         SELECT id FROM outbox_event
          WHERE dispatched_at IS NULL AND position IS NOT NULL
          ORDER BY position LIMIT $1 FOR UPDATE)
       UPDATE outbox_event e SET dispatched_at = now()
         FROM due
        WHERE e.id = due.id
       RETURNING ${NUMBERED_COLUMNS}`,
      [limit],
    )) as unknown as [NumberedOutboxRow[], number];
    return updated;
  }

  /** Age of the oldest event not yet dispatched, 0 when none waits (its index answers it). */
  async oldestPendingAgeSeconds(): Promise<number> {
    const rows = await this.dataSource.query<{ age: number }[]>(
      `SELECT EXTRACT(EPOCH FROM clock_timestamp() - occurred_at)::float8 AS age
         FROM outbox_event WHERE position IS NULL ORDER BY seq LIMIT 1`,
    );
    return Math.max(rows[0]?.age ?? 0, 0);
  }

  /**
   * Who proposed each of these handovers: the actor of its `handover.proposed` event, found by
   * the people's index (an outcome's payload does not carry the proposer).
   */
  async handoverProposers(
    handovers: readonly { readonly handoverId: string; readonly personId: string }[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    if (handovers.length === 0) return new Map();
    const rows = await manager.query<{ handover_id: string; actor_account_id: string }[]>(
      `SELECT payload->>'handoverId' AS handover_id, actor_account_id FROM outbox_event
        WHERE person_id = ANY($1::uuid[]) AND type = 'handover.proposed'
          AND payload->>'handoverId' = ANY($2::text[]) AND actor_account_id IS NOT NULL`,
      [
        [...new Set(handovers.map((h) => h.personId))],
        [...new Set(handovers.map((h) => h.handoverId))],
      ],
    );
    return new Map(rows.map((row) => [row.handover_id, row.actor_account_id]));
  }

  /** These events, by id (any order). */
  async byIds(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OutboxEventRow[]> {
    if (ids.length === 0) return [];
    return manager.query<OutboxEventRow[]>(
      `SELECT id, position, type, occurred_at, territory_id, structure_ids, person_id, payload
         FROM outbox_event WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
  }
}
