import { Injectable } from '@nestjs/common';
import type { AccountPrincipal } from '@relais/identity';
import type { EntityManager } from 'typeorm';
import { LiveBus, pushIterator } from './live-bus.js';
import { NotificationFanout } from './notification-fanout.js';
import { NotificationRepository } from './notification.repository.js';
import { notificationFromJson, type NotificationView } from './notification.views.js';

/** Inbox order: newest first to read it, oldest first to catch up `after` a cursor. */
export type InboxOrder = 'NEWEST_FIRST' | 'OLDEST_FIRST';

/** A page of an inbox, as the inbox read model reads it. */
export interface InboxQuery {
  readonly first: number;
  readonly after?: string | null;
  readonly unreadOnly?: boolean;
  readonly order?: InboxOrder;
}

export interface ReadMarks {
  /** How many of the given notifications were unread and are now read. */
  readonly marked: number;
  readonly unreadCount: number;
}

/** At most this many ids in one `markNotificationsRead`. */
export const MAX_MARKED_IDS = 100;

/**
 * Each account's inbox: its own rows only, whoever asks (rule 4: the viewer is the scope). Its
 * pages, which show the people and actors of other owners, are read by the inbox read model.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly fanout: NotificationFanout,
    private readonly bus: LiveBus,
  ) {}

  /**
   * The caller's new notifications as they are dispatched, on any instance. Live only: a
   * client that was away reads a page (order OLDEST_FIRST, after its last cursor).
   */
  live(viewer: AccountPrincipal): AsyncIterableIterator<NotificationView> {
    return pushIterator<NotificationView>((push) =>
      this.bus.subscribe('notifications', (message) => {
        for (const notification of message.notifications) {
          if (notification.accountId === viewer.accountId) push(notificationFromJson(notification));
        }
      }),
    );
  }

  async unreadCount(viewer: AccountPrincipal): Promise<number> {
    return this.notifications.unreadCount(viewer.accountId);
  }

  /**
   * Marks some of the caller's notifications read. Ids of others' notifications (or unknown
   * ones) are ignored, as the batch rule says (STYLE.md rule 3): telling them apart would tell
   * whether someone else's notification exists.
   */
  async markRead(viewer: AccountPrincipal, ids: readonly string[]): Promise<ReadMarks> {
    return this.mark(viewer, ids);
  }

  async markAllRead(viewer: AccountPrincipal): Promise<ReadMarks> {
    return this.mark(viewer, null);
  }

  /** Unread counts of these accounts, in one statement. */
  async unreadCounts(
    manager: EntityManager,
    accountIds: readonly string[],
  ): Promise<{ accountId: string; count: number }[]> {
    return this.notifications.unreadCounts(manager, accountIds);
  }

  /** One statement: the update and the count left. */
  private async mark(viewer: AccountPrincipal, ids: readonly string[] | null): Promise<ReadMarks> {
    const row = await this.notifications.markRead(viewer.accountId, ids);
    if (row.marked > 0) {
      this.fanout.push([], [{ accountId: viewer.accountId, count: row.unread }]);
    }
    return { marked: row.marked, unreadCount: row.unread };
  }
}
