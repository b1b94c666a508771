import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobsModule } from '@relais/core';
import { EventsModule } from '@relais/events';
import { IdentityModule } from '@relais/identity';
import { PathwaysModule } from '@relais/pathways';
import { EventFeedService } from './event-feed.service.js';
import { InboxService } from './inbox.service.js';
import { InMemoryLiveBus, LiveBus, RedisLiveBus } from './live-bus.js';
import { NotificationFanout } from './notification-fanout.js';
import { NotificationRepository } from './notification.repository.js';
import { NotificationPurgeRepository } from './notification-purge.repository.js';
import { OutboxDispatcherService } from './outbox-dispatcher.service.js';
import { RevocationRelay } from './revocation-relay.js';

/**
 * The dispatcher, the inbox, the partner event feed and the live bus (Redis with `REDIS_URL`,
 * in memory otherwise). One instance for the whole application, whoever imports it.
 */
@Module({
  imports: [IdentityModule, JobsModule, EventsModule, PathwaysModule],
  providers: [
    {
      provide: LiveBus,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): LiveBus =>
        config.redisUrl ? new RedisLiveBus(config.redisUrl) : new InMemoryLiveBus(),
    },
    NotificationFanout,
    NotificationRepository,
    InboxService,
    EventFeedService,
    OutboxDispatcherService,
    RevocationRelay,
    NotificationPurgeRepository,
  ],
  exports: [
    LiveBus,
    NotificationFanout,
    NotificationRepository,
    InboxService,
    EventFeedService,
    OutboxDispatcherService,
    NotificationPurgeRepository,
  ],
})
export class NotificationsModule {}
