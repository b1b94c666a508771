import { Injectable } from '@nestjs/common';
import { systemScope } from '@relais/access';
import { IdempotencyPurgeRepository } from '@relais/database';
import { OutboxRetentionRepository } from '@relais/events';
import { AccessRevocations, personRevocationKey, SessionRepository } from '@relais/identity';
import { NotificationPurgeRepository } from '@relais/notifications';
import { PersonPurgeRepository } from '@relais/pathways';
import type { DataSource, EntityManager } from 'typeorm';

/** What purging people removed, beside the people themselves. */
export interface PurgeCounts {
  /** Files (people) deleted, with everything that hangs on them by foreign key. */
  readonly files: number;
  readonly notifications: number;
  readonly events: number;
  readonly webhookDeliveries: number;
  readonly idempotencyRecords: number;
}

/**
 * Deletes people and everything that hangs on them, in the caller's transaction. Team, join
 * requests, obstacles, plan, appointments, notes and their revisions, timeline, handovers and
 * orientation requests go by their `ON DELETE CASCADE` foreign keys; the outbox events about
 * them, the notifications and webhook deliveries made from those events, and the kept
 * idempotent responses that show them have no foreign key and are deleted here, each by the
 * repository of its lib. The access log keeps its rows: their person id names nobody once the
 * person is gone (decision 0014). The sessions of their personal space (issue 22) have no
 * foreign key either: they are revoked here, and `announcePurged` closes their live connections
 * once the caller's transaction is committed.
 */
@Injectable()
export class PersonPurge {
  /** The events and database libs sit below access: they take the reason alone. */
  private readonly reason = 'retention';
  private readonly scope = systemScope(this.reason);

  constructor(
    private readonly people: PersonPurgeRepository,
    private readonly outbox: OutboxRetentionRepository,
    private readonly notifications: NotificationPurgeRepository,
    private readonly idempotency: IdempotencyPurgeRepository,
    private readonly sessions: SessionRepository,
    private readonly revocations: AccessRevocations,
  ) {}

  /**
   * Outside Nest (the `npm run retention` tool, tests): the purge and its repositories. No live
   * connection of the API reaches this process: a purged person's socket there stays open until
   * its access token expires, every request of it being refused (its session is revoked).
   */
  static on(dataSource: DataSource): PersonPurge {
    return new PersonPurge(
      new PersonPurgeRepository(dataSource),
      new OutboxRetentionRepository(dataSource),
      new NotificationPurgeRepository(dataSource),
      new IdempotencyPurgeRepository(dataSource),
      new SessionRepository(dataSource),
      new AccessRevocations(),
    );
  }

  /** Once the purge is committed: closes the purged people's live connections, on every instance. */
  announcePurged(personIds: readonly string[]): void {
    for (const id of personIds) this.revocations.revoked(personRevocationKey(id));
  }

  async purge(manager: EntityManager, personIds: readonly string[]): Promise<PurgeCounts> {
    if (personIds.length === 0) return countsOf([0, 0, 0, 0, 0]);
    const ids = [...personIds];
    // Every event about a person has its person_id (writeOutbox), which its payload only repeats.
    const eventIds = await this.outbox.idsAbout(this.reason, ids, manager);
    const webhookDeliveries = await this.notifications.deleteWebhookDeliveries(
      this.scope,
      eventIds,
      manager,
    );
    const notifications = await this.notifications.deleteNotifications(
      this.scope,
      ids,
      eventIds,
      manager,
    );
    const events = await this.outbox.deleteAbout(this.reason, ids, manager);
    const idempotencyRecords = await this.idempotency.deleteNaming(this.reason, ids, manager);
    await this.sessions.revokePersonSessions(ids, 'file_purged', manager);
    const files = await this.people.deletePeople(this.scope, ids, manager);
    return countsOf([files, notifications, events, webhookDeliveries, idempotencyRecords]);
  }

  /** The same counts, without deleting anything. */
  async count(manager: EntityManager, personIds: readonly string[]): Promise<PurgeCounts> {
    if (personIds.length === 0) return countsOf([0, 0, 0, 0, 0]);
    const ids = [...personIds];
    const eventIds = await this.outbox.idsAbout(this.reason, ids, manager);
    const { webhookDeliveries, notifications } = await this.notifications.countAbout(
      this.scope,
      ids,
      eventIds,
      manager,
    );
    const idempotencyRecords = await this.idempotency.countNaming(this.reason, ids, manager);
    return countsOf([
      ids.length,
      notifications,
      eventIds.length,
      webhookDeliveries,
      idempotencyRecords,
    ]);
  }
}

function countsOf([files, notifications, events, webhookDeliveries, idempotencyRecords]: [
  number,
  number,
  number,
  number,
  number,
]): PurgeCounts {
  return { files, notifications, events, webhookDeliveries, idempotencyRecords };
}
