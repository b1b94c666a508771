import type { EntityManager } from 'typeorm';

/** What purging people removed, beside the people themselves. */
export interface PurgeCounts {
  /** Files (people) deleted, with everything that hangs on them by foreign key. */
  readonly files: number;
  readonly notifications: number;
  readonly events: number;
  readonly webhookDeliveries: number;
  readonly idempotencyRecords: number;
}

// The responses kept for Idempotency-Key replays (24 hours) may show the person: those naming
// one of them go too. The table holds one day of keys.
const IDEMPOTENCY_NAMING = `response::text LIKE ANY (SELECT '%' || id::text || '%' FROM unnest($1::uuid[]) id)`;

// Events about the people. Every event about a person has its person_id (writeOutbox), which
// its payload only repeats.
const THEIR_EVENTS = `SELECT e.id FROM outbox_event e WHERE e.person_id = ANY($1::uuid[])`;

/**
 * Deletes people and everything that hangs on them, in the caller's transaction. Team, join
 * requests, obstacles, plan, appointments, notes and their revisions, timeline, handovers and
 * orientation requests go by their `ON DELETE CASCADE` foreign keys; the outbox events about
 * them, the notifications and webhook deliveries made from those events, and the kept
 * idempotent responses that show them have no foreign key and are deleted here. The access log
 * keeps its rows: their person id names nobody once the person is gone (decision 0014).
 */
export async function purgePeople(
  manager: EntityManager,
  personIds: readonly string[],
): Promise<PurgeCounts> {
  if (personIds.length === 0) return countsOf([0, 0, 0, 0, 0]);
  const ids = [...personIds];
  const deleted = async (sql: string): Promise<number> => {
    const [, affected] = await manager.query<[unknown[], number]>(sql, [ids]);
    return affected;
  };
  const webhookDeliveries = await deleted(
    `DELETE FROM webhook_delivery WHERE event_id IN (${THEIR_EVENTS})`,
  );
  const notifications = await deleted(
    `DELETE FROM notification
      WHERE person_id = ANY($1::uuid[]) OR event_id IN (${THEIR_EVENTS})`,
  );
  const events = await deleted(`DELETE FROM outbox_event WHERE person_id = ANY($1::uuid[])`);
  const idempotencyRecords = await deleted(
    `DELETE FROM idempotency_key WHERE ${IDEMPOTENCY_NAMING}`,
  );
  const files = await deleted(`DELETE FROM person WHERE id = ANY($1::uuid[])`);
  return countsOf([files, notifications, events, webhookDeliveries, idempotencyRecords]);
}

/** The same counts, without deleting anything. */
export async function countPurge(
  manager: EntityManager,
  personIds: readonly string[],
): Promise<PurgeCounts> {
  if (personIds.length === 0) return countsOf([0, 0, 0, 0, 0]);
  const [row] = await manager.query<{ w: number; n: number; e: number; i: number }[]>(
    `SELECT
       (SELECT count(*)::int FROM webhook_delivery WHERE event_id IN (${THEIR_EVENTS})) AS w,
       (SELECT count(*)::int FROM notification
         WHERE person_id = ANY($1::uuid[]) OR event_id IN (${THEIR_EVENTS})) AS n,
       (SELECT count(*)::int FROM outbox_event WHERE person_id = ANY($1::uuid[])) AS e,
       (SELECT count(*)::int FROM idempotency_key WHERE ${IDEMPOTENCY_NAMING}) AS i`,
    [[...personIds]],
  );
  return countsOf([personIds.length, row.n, row.e, row.w, row.i]);
}

function countsOf([files, notifications, events, webhookDeliveries, idempotencyRecords]: [
  number,
  number,
  number,
  number,
  number,
]): PurgeCounts {
  return { files, notifications, events, webhookDeliveries, idempotencyRecords };
}
