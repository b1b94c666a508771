import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EmailDeliveryRepository, type EmailToEnqueue } from './email-delivery.repository.js';

/**
 * Queues emails in the caller's transaction, so an email is queued if and only if what it tells
 * is committed (at least once), and its dedupe key keeps a second enqueue from sending it again
 * (never twice). The `email.send` job sends them.
 */
@Injectable()
export class EmailOutbox {
  constructor(private readonly deliveries: EmailDeliveryRepository) {}

  /** Queues one email; false when its dedupe key was already queued. */
  async enqueue(manager: EntityManager, email: EmailToEnqueue): Promise<boolean> {
    const ids = await this.deliveries.enqueue(manager, [email]);
    return ids.length === 1;
  }

  /** Queues several emails in one statement; gives the ids of those newly queued. */
  async enqueueAll(manager: EntityManager, emails: readonly EmailToEnqueue[]): Promise<string[]> {
    return this.deliveries.enqueue(manager, emails);
  }
}
