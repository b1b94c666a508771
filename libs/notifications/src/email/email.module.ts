import { Module } from '@nestjs/common';
import { JobsModule } from '@relais/core';
import { IdentityModule } from '@relais/identity';
import { EmailDeliveryRepository } from './email-delivery.repository.js';
import { EmailOutbox } from './email-outbox.service.js';
import { EmailPreferenceRepository } from './email-preference.repository.js';
import { EmailSenderService } from './email-sender.service.js';
import { InvitationEmailRepository } from './invitation-email.repository.js';
import { EmailTemplatesModule } from './templates/email-templates.module.js';

/**
 * The email channel: deliveries queued in the callers' transactions (`EmailOutbox`), sent by
 * the `email.send` job over SMTP_URL, each account's modes per category, and the delivery log.
 * The templates' module provides `EMAIL_RENDERER`.
 */
@Module({
  imports: [IdentityModule, JobsModule, EmailTemplatesModule],
  providers: [
    EmailDeliveryRepository,
    EmailPreferenceRepository,
    EmailOutbox,
    EmailSenderService,
    InvitationEmailRepository,
  ],
  exports: [
    EmailDeliveryRepository,
    EmailPreferenceRepository,
    EmailOutbox,
    EmailSenderService,
    InvitationEmailRepository,
  ],
})
export class EmailModule {}
