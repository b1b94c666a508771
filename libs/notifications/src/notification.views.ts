import type { PersonStatus } from '@relais/pathways';

/** What a caseworker sees of a person in a notification: the minimal view, of their territories only. */
export interface NotificationPersonView {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthYear: number;
  readonly status: PersonStatus;
  readonly referentStructure: { readonly id: string; readonly name: string } | null;
  /** Whether the recipient is an active member of the person's team. */
  readonly isMember: boolean;
}

/** Who did it: a caseworker with the structure they acted for, or a partner system. */
export interface NotificationActorView {
  readonly name: string;
  readonly structure: { readonly id: string; readonly name: string } | null;
}

/** One row of an account's inbox, as GraphQL, socket.io and subscriptions all show it. */
export interface NotificationView {
  readonly id: string;
  readonly accountId: string;
  readonly eventId: string;
  readonly type: string;
  readonly createdAt: Date;
  readonly readAt: Date | null;
  /** The inbox position: pass it as `after` to read on from here. */
  readonly cursor: string;
  readonly person: NotificationPersonView | null;
  readonly handoverId: string | null;
  readonly joinRequestId: string | null;
  readonly orientationRequestId: string | null;
  readonly actor: NotificationActorView | null;
}

/** A notification as JSON (a live message): dates are ISO strings. */
export type NotificationJson = Omit<NotificationView, 'createdAt' | 'readAt'> & {
  readonly createdAt: string;
  readonly readAt: string | null;
};

export function notificationFromJson(json: NotificationJson): NotificationView {
  return {
    ...json,
    createdAt: new Date(json.createdAt),
    readAt: json.readAt === null ? null : new Date(json.readAt),
  };
}

/** A domain event as a partner system reads it: ids and states, never a free text. */
export interface PartnerEventView {
  readonly id: string;
  /** The public cursor, a decimal string: pass it as `after`. */
  readonly position: string;
  readonly type: string;
  readonly occurredAt: Date;
  readonly territoryId: string;
  readonly structureIds: readonly string[];
  readonly personId: string | null;
  readonly payload: Record<string, unknown>;
}
