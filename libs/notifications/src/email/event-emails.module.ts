import { Module } from '@nestjs/common';
import { EventsModule } from '@relais/events';
import { IdentityModule } from '@relais/identity';
import { OrganizationsModule } from '@relais/organizations';
import { PathwaysModule } from '@relais/pathways';
import { NotificationsModule } from '../notifications.module.js';
import { EmailModule } from './email.module.js';
import { EventEmailsService } from './event-emails.js';

/** The immediate emails of dispatched events: a step of the outbox dispatcher. */
@Module({
  imports: [
    NotificationsModule,
    EmailModule,
    EventsModule,
    IdentityModule,
    OrganizationsModule,
    PathwaysModule,
  ],
  providers: [EventEmailsService],
  exports: [EventEmailsService],
})
export class EventEmailsModule {}
