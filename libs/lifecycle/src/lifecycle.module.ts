import { Module } from '@nestjs/common';
import { AccessModule } from '@relais/access';
import { JobsModule } from '@relais/core';
import { EventsModule } from '@relais/events';
import { IdentityModule } from '@relais/identity';
import { HandoversModule } from '@relais/handovers';
import { NotificationsModule } from '@relais/notifications';
import { PathwaysModule } from '@relais/pathways';
import { NotConcernedService } from './not-concerned.service.js';
import { PersonPurge } from './person-purge.js';
import { RetentionScheduler } from './retention.scheduler.js';
import { RetentionService } from './retention.service.js';

/**
 * The end of a file's life: archiving, purges, and the daily retention job. The tables are the
 * other libs': their retention and purge repositories (the idempotency keys' one comes with the
 * global DatabaseModule).
 */
@Module({
  imports: [
    JobsModule,
    AccessModule,
    PathwaysModule,
    HandoversModule,
    EventsModule,
    IdentityModule,
    NotificationsModule,
  ],
  providers: [RetentionService, RetentionScheduler, NotConcernedService, PersonPurge],
  exports: [RetentionService, NotConcernedService],
})
export class LifecycleModule {}
