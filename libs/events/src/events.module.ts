import { Module } from '@nestjs/common';
import { OutboxRetentionRepository } from './outbox-retention.repository.js';
import { OutboxRepository } from './outbox.repository.js';

/** The outbox's repository, for the libs that read it (the dispatcher, the webhooks). */
@Module({
  providers: [OutboxRepository, OutboxRetentionRepository],
  exports: [OutboxRepository, OutboxRetentionRepository],
})
export class EventsModule {}
