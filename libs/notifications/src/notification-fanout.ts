import { EventEmitter } from 'node:events';
import { Injectable, Logger } from '@nestjs/common';
import { describe, LiveBus } from './live-bus.js';
import type { NotificationsMessage } from './live-messages.js';
import type { NotificationView } from './notification.views.js';

/**
 * Where inbox changes go once committed: to this instance's socket.io gateway (whose Redis
 * adapter reaches the sockets of every instance) and on the bus, to the GraphQL subscriptions
 * of every instance. Never throws: the inbox rows are the truth, pushes are best effort.
 */
@Injectable()
export class NotificationFanout {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly logger = new Logger(NotificationFanout.name);

  constructor(private readonly bus: LiveBus) {}

  push(
    notifications: readonly NotificationView[],
    unreadCounts: readonly { readonly accountId: string; readonly count: number }[],
  ): void {
    if (notifications.length === 0 && unreadCounts.length === 0) return;
    const message: NotificationsMessage = {
      notifications: notifications.map((notification) => ({
        ...notification,
        createdAt: notification.createdAt.toISOString(),
        readAt: notification.readAt?.toISOString() ?? null,
      })),
      unreadCounts,
    };
    try {
      this.local.emit('push', message);
    } catch (error) {
      this.logger.error(`a live push failed on this instance: ${describe(error)}`);
    }
    void this.bus.publish('notifications', message);
  }

  /** For the socket.io gateway of this instance; returns the unsubscribe. */
  onPush(listener: (message: NotificationsMessage) => void): () => void {
    this.local.on('push', listener);
    return () => this.local.off('push', listener);
  }
}
