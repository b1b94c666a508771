import type { EntityManager } from 'typeorm';
import {
  type EventType,
  type OutboxEntry,
  type OutboxEntryOf,
  type OutboxEventType,
  writeOutbox,
} from '@relais/events';
import { appendTimeline } from '@relais/pathways';

/** A handover's or an orientation's event type: catalogued for the timeline and for the outbox. */
type HandoverEventType = EventType & OutboxEventType;

/** Who acted; null ids for the expiry job: nobody acted. */
type ChangeActor = { readonly accountId: string | null; readonly membershipId: string | null };

/** What a change to a handover says on the file's timeline; its outbox event shares type and actor. */
export interface HandoverChange<T extends HandoverEventType> {
  readonly type: T;
  readonly handoverId: string;
  readonly personId: string;
  readonly actor: ChangeActor;
  readonly before?: Record<string, unknown>;
  readonly after: Record<string, unknown>;
}

/** What a change to an orientation request says on the file's timeline, as for a handover. */
export interface OrientationChange<T extends HandoverEventType> {
  readonly type: T;
  readonly orientationRequestId: string;
  readonly personId: string;
  readonly actor: ChangeActor;
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
 * Writes a handover change's timeline row, then its outbox event, in the caller's transaction:
 * both commit or neither does.
 */
export function recordHandoverChange<T extends HandoverEventType>(
  manager: EntityManager,
  change: HandoverChange<T>,
  outbox: () => Promise<HandoverOutbox<T>>,
): Promise<void> {
  const { handoverId, ...rest } = change;
  return recordChange(manager, { ...rest, subjectType: 'Handover', subjectId: handoverId }, outbox);
}

/** The same for an orientation request's change: its timeline row, then its outbox event. */
export function recordOrientationChange<T extends HandoverEventType>(
  manager: EntityManager,
  change: OrientationChange<T>,
  outbox: () => Promise<HandoverOutbox<T>>,
): Promise<void> {
  const { orientationRequestId, ...rest } = change;
  return recordChange(
    manager,
    { ...rest, subjectType: 'OrientationRequest', subjectId: orientationRequestId },
    outbox,
  );
}

async function recordChange<T extends HandoverEventType>(
  manager: EntityManager,
  change: {
    readonly type: T;
    readonly subjectType: string;
    readonly subjectId: string;
    readonly personId: string;
    readonly actor: ChangeActor;
    readonly before?: Record<string, unknown>;
    readonly after: Record<string, unknown>;
  },
  outbox: () => Promise<HandoverOutbox<T>>,
): Promise<void> {
  await appendTimeline(
    manager,
    { personId: change.personId, ...change.actor, clientId: null },
    {
      type: change.type,
      subjectType: change.subjectType,
      subjectId: change.subjectId,
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
