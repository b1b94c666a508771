import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SystemScope } from '@relais/access';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The purge of people (DOMAIN.md rule 7) on this lib's side: the notifications about them and
 * those made from their events, and the webhook deliveries of those events. Neither has a
 * foreign key to the person or the event, so lifecycle deletes them in its transaction, with
 * `systemScope('retention')`, given the events' ids (`@relais/events`).
 */
@Injectable()
export class NotificationPurgeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The webhook deliveries and notifications the purge would delete, without deleting them. */
  async countAbout(
    scope: SystemScope,
    personIds: readonly string[],
    eventIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ webhookDeliveries: number; notifications: number }> {
    const [row] = await manager.query<{ w: number; n: number }[]>(
      `SELECT
         (SELECT count(*)::int FROM webhook_delivery WHERE event_id = ANY($2::uuid[])) AS w,
         (SELECT count(*)::int FROM notification
           WHERE person_id = ANY($1::uuid[]) OR event_id = ANY($2::uuid[])) AS n`,
      [[...personIds], [...eventIds]],
    );
    return { webhookDeliveries: row.w, notifications: row.n };
  }

  /** Deletes the webhook deliveries of the events; how many. */
  async deleteWebhookDeliveries(
    scope: SystemScope,
    eventIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `DELETE FROM webhook_delivery WHERE event_id = ANY($1::uuid[])`,
      [[...eventIds]],
    );
    return affected;
  }

  /** Deletes the notifications about the people or made from the events; how many. */
  async deleteNotifications(
    scope: SystemScope,
    personIds: readonly string[],
    eventIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `DELETE FROM notification
        WHERE person_id = ANY($1::uuid[]) OR event_id = ANY($2::uuid[])`,
      [[...personIds], [...eventIds]],
    );
    return affected;
  }
}
