import type { EntityManager } from 'typeorm';
import type { OutboxEventType, OutboxPayloads } from './event-catalogue.js';
import { insertOutboxEvent, OUTBOX_CHANNEL } from './outbox.repository.js';

export { OUTBOX_CHANNEL };

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
  return insertOutboxEvent(manager, {
    type: entry.type,
    territoryId: entry.territoryId,
    structureIds: [...new Set(entry.structureIds ?? [])],
    personId: entry.personId ?? null,
    actorAccountId: entry.actor.accountId,
    actorMembershipId: entry.actor.membershipId,
    actorClientId: entry.actor.clientId ?? null,
    recipientAccountIds: [...new Set(entry.recipientAccountIds ?? [])],
    payload: entry.payload,
  });
}
