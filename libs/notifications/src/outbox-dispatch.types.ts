import type { NumberedOutboxRow } from '@relais/events';
import type { EntityManager } from 'typeorm';
import type { NotificationView } from './notification.views.js';

/** What the outbox dispatcher hands its steps and its live pushes. */

/** An event as one dispatch numbered it, for the steps and the live pushes. */
export interface DispatchedEvent {
  readonly id: string;
  readonly seq: string;
  readonly position: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly territoryId: string;
  readonly structureIds: readonly string[];
  readonly personId: string | null;
  readonly actorAccountId: string | null;
  readonly actorMembershipId: string | null;
  readonly actorClientId: string | null;
  readonly recipientAccountIds: readonly string[];
  readonly payload: Record<string, unknown>;
  /** The person restricted processing or objected to sharing: no partner may see the event. */
  readonly personWithheld: boolean;
}

/**
 * Work done in the dispatch transaction for each batch (e.g. enqueueing webhook deliveries):
 * a step that throws rolls the whole batch back, and it is dispatched again later.
 */
export type DispatchStep = (
  manager: EntityManager,
  events: readonly DispatchedEvent[],
) => Promise<void>;

/**
 * The inbox rows' views, as the inbox shows them, read in the dispatch transaction: they join
 * other owners' tables, so the inbox read model gives them (the API registers it).
 */
export type NotificationViewReader = (
  manager: EntityManager,
  ids: readonly string[],
) => Promise<NotificationView[]>;

/** What one committed batch produced. */
export interface DispatchResult {
  readonly events: readonly DispatchedEvent[];
  readonly notifications: readonly NotificationView[];
  readonly unreadCounts: readonly { readonly accountId: string; readonly count: number }[];
}

/** A numbered outbox row as the steps see it. */
export function eventOf(row: NumberedOutboxRow, withheld: ReadonlySet<string>): DispatchedEvent {
  return {
    id: row.id,
    seq: String(row.seq),
    position: String(row.position),
    type: row.type,
    occurredAt: row.occurred_at,
    territoryId: row.territory_id,
    structureIds: row.structure_ids,
    personId: row.person_id,
    actorAccountId: row.actor_account_id,
    actorMembershipId: row.actor_membership_id,
    actorClientId: row.actor_client_id,
    recipientAccountIds: row.recipient_account_ids,
    payload: row.payload,
    personWithheld: row.person_id !== null && withheld.has(row.person_id),
  };
}
