import type { EntityManager } from 'typeorm';
import {
  type EventType,
  type OutboxEntry,
  type OutboxEntryOf,
  type OutboxEventType,
  writeOutbox,
} from '@relais/events';
import { appendTimeline } from '@relais/pathways';

/** A handover event type: catalogued for the timeline and for the outbox. */
type HandoverEventType = EventType & OutboxEventType;

/** What a change to a handover says on the file's timeline; its outbox event shares type and actor. */
export interface HandoverChange<T extends HandoverEventType> {
  readonly type: T;
  readonly handoverId: string;
  readonly personId: string;
  /** Null ids for the expiry job: nobody acted. */
  readonly actor: { readonly accountId: string | null; readonly membershipId: string | null };
  readonly before?: Record<string, unknown>;
  readonly after: Record<string, unknown>;
}

/**
 * The rest of the outbox event, computed once the timeline row is written: its audience and
 * structures are read in the same transaction, after the change (as each command did inline).
 */
export type HandoverOutbox<T extends HandoverEventType> = Pick<
  OutboxEntryOf<T>,
  'territoryId' | 'structureIds' | 'recipientAccountIds' | 'payload'
>;

/**
 * Writes a change's timeline row, then its outbox event, in the caller's transaction: both
 * commit or neither does.
 */
export async function recordHandoverChange<T extends HandoverEventType>(
  manager: EntityManager,
  change: HandoverChange<T>,
  outbox: () => Promise<HandoverOutbox<T>>,
): Promise<void> {
  await appendTimeline(
    manager,
    { personId: change.personId, ...change.actor, clientId: null },
    {
      type: change.type,
      subjectType: 'Handover',
      subjectId: change.handoverId,
      before: change.before,
      after: change.after,
    },
  );
  const entry = {
    type: change.type,
    personId: change.personId,
    actor: change.actor,
    ...(await outbox()),
  } as OutboxEntryOf<T>;
  await writeOutbox(manager, entry as OutboxEntry);
}
