import { Module } from '@nestjs/common';
import { NotificationsModule } from '@relais/notifications';
import { EventFeedResolver } from './event-feed.resolver.js';
import { NotificationResolver } from './notification.resolver.js';

/** The GraphQL face of the inbox and of the partners' event feed. */
@Module({
  imports: [NotificationsModule],
  providers: [NotificationResolver, EventFeedResolver],
})
export class NotificationsApiModule {}
