import { Module } from '@nestjs/common';
import { systemScope } from '@relais/access';
import {
  EmailModule,
  EventEmailsModule,
  NotificationsModule,
  OutboxDispatcherService,
} from '@relais/notifications';
import { InboxReadModel, ReadModelsModule } from '@relais/read-models';
import { EventFeedResolver } from './event-feed.resolver.js';
import { NotificationResolver } from './notification.resolver.js';

/**
 * The GraphQL face of the inbox and of the partners' event feed; and the email channel, whose
 * `email.send` job runs with the application's jobs.
 */
@Module({
  imports: [NotificationsModule, EmailModule, EventEmailsModule, ReadModelsModule],
  providers: [NotificationResolver, EventFeedResolver],
})
export class NotificationsApiModule {
  /** The dispatcher pushes each new inbox row live as the inbox read model shows it. */
  constructor(dispatcher: OutboxDispatcherService, inbox: InboxReadModel) {
    dispatcher.useNotificationViews((manager, ids) =>
      inbox.viewsByIds(systemScope('dispatcher'), manager, ids),
    );
  }
}
