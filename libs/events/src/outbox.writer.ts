import type { EntityManager } from 'typeorm';
import type { OutboxEventType, OutboxPayloads } from './event-catalogue.js';

/** The channel the dispatcher listens on; notified when an outbox row commits. */
export const OUTBOX_CHANNEL = 'relais_outbox';

/** One outbox row of type `T`, with that type's payload (see the catalogue). */
export interface OutboxEntryOf<T extends OutboxEventType> {
  readonly type: T;
  readonly territoryId: string;
  readonly structureIds?: readonly string[];
  readonly personId?: string | null;
  readonly actor: {
    readonly accountId: string | null;
    readonly membershipId: string | null;
    readonly clientId?: string | null;
  };
  readonly recipientAccountIds?: readonly string[];
  /** Ids and states only: partners read it. */
  readonly payload: OutboxPayloads[T];
}

/** Any catalogued outbox row: a type outside the catalogue, or a wrong payload, does not compile. */
export type OutboxEntry = { [T in OutboxEventType]: OutboxEntryOf<T> }[OutboxEventType];

/**
 * Writes a domain event in the caller's transaction, and wakes the dispatcher when it commits
 * (`pg_notify` is delivered at commit, never for a rolled-back transaction). Returns its id.
 */
export async function writeOutbox(manager: EntityManager, entry: OutboxEntry): Promise<string> {
  const rows = await manager.query<{ id: string }[]>(
    `WITH written AS (
       INSERT INTO outbox_event (type, territory_id, structure_ids, person_id, actor_account_id,
         actor_membership_id, actor_client_id, recipient_account_ids, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id)
     SELECT id, pg_notify('${OUTBOX_CHANNEL}', '') FROM written`,
    [
      entry.type,
      entry.territoryId,
      [...new Set(entry.structureIds ?? [])],
      entry.personId ?? null,
      entry.actor.accountId,
      entry.actor.membershipId,
      entry.actor.clientId ?? null,
      [...new Set(entry.recipientAccountIds ?? [])],
      entry.payload,
    ],
  );
  return rows[0].id;
}
