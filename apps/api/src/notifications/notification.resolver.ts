import { Args, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { viewerScope } from '@relais/access';
import type { AccountPrincipal } from '@relais/identity';
import { InboxService, type NotificationView } from '@relais/notifications';
import { InboxReadModel } from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import { MarkNotificationsReadArgs, NotificationsArgs } from './dto/notification.args.js';
import {
  Notification,
  NotificationConnection,
  NotificationsReadResult,
} from './notification.models.js';

/** Your inbox: notifications of what concerns you, read and marked read; live as it fills. */
@Resolver(() => Notification)
export class NotificationResolver {
  constructor(
    private readonly inbox: InboxService,
    private readonly inboxPages: InboxReadModel,
  ) {}

  @Authenticated()
  @Query(() => NotificationConnection, {
    description:
      'Your notifications, newest first. After a reconnection, `order: OLDEST_FIRST, after: <the last cursor you had>` gives what arrived meanwhile.',
  })
  async notifications(
    @CurrentAccount() viewer: AccountPrincipal,
    @Args() args: NotificationsArgs,
  ): Promise<Connection<Notification>> {
    const page = await this.inboxPages.page(viewerScope(viewer), args);
    return toConnection(
      page,
      (notification) => notification,
      (notification) => notification.cursor,
    );
  }

  @Authenticated()
  @Query(() => Int)
  unreadNotificationCount(@CurrentAccount() viewer: AccountPrincipal): Promise<number> {
    return this.inbox.unreadCount(viewer);
  }

  @Authenticated()
  @Mutation(() => NotificationsReadResult, {
    description: 'Marks some of your notifications read; ids not of your inbox are ignored.',
  })
  markNotificationsRead(
    @CurrentAccount() viewer: AccountPrincipal,
    @Args() args: MarkNotificationsReadArgs,
  ): Promise<NotificationsReadResult> {
    return this.inbox.markRead(viewer, args.ids);
  }

  @Authenticated()
  @Mutation(() => NotificationsReadResult)
  markAllNotificationsRead(
    @CurrentAccount() viewer: AccountPrincipal,
  ): Promise<NotificationsReadResult> {
    return this.inbox.markAllRead(viewer);
  }

  @Authenticated()
  @Subscription(() => Notification, {
    description: 'Your notifications as they arrive (GraphQL over WebSocket).',
    resolve: (notification: NotificationView) => notification,
  })
  notificationAdded(
    @CurrentAccount() viewer: AccountPrincipal,
  ): AsyncIterableIterator<NotificationView> {
    return this.inbox.live(viewer);
  }
}
