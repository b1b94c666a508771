import type { NotificationJson } from './notification.views.js';

/** Inbox changes: new notifications and fresh unread counts, per account. */
export interface NotificationsMessage {
  readonly notifications: readonly NotificationJson[];
  readonly unreadCounts: readonly { readonly accountId: string; readonly count: number }[];
}

/** An event of a dispatched batch, with what partner filtering needs (never sent as is). */
export interface LiveEventJson {
  readonly id: string;
  readonly position: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly territoryId: string;
  readonly structureIds: readonly string[];
  readonly personId: string | null;
  readonly payload: Record<string, unknown>;
  /** The person restricted processing or objected to sharing: partners never see it. */
  readonly personWithheld: boolean;
}

/**
 * One dispatched batch: every event numbered `from`..`to`, whether or not a partner may see it,
 * so a stream that receives a batch starting after `its position + 1` knows it missed one.
 */
export interface EventsMessage {
  readonly from: string;
  readonly to: string;
  readonly events: readonly LiveEventJson[];
}

/** An account's (or client's, `client:<id>`) access was withdrawn on one instance. */
export interface RevocationMessage {
  readonly origin: string;
  readonly key: string;
}

export interface LiveTopics {
  notifications: NotificationsMessage;
  events: EventsMessage;
  revocations: RevocationMessage;
}
