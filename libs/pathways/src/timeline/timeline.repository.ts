import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FileViewer } from '@relais/access';
import type { EventType } from '@relais/events';
import { DataSource, type EntityManager } from 'typeorm';

export interface TimelineEntry {
  /** A catalogued type (`@relais/events`), e.g. `EventType.OBSTACLE_UPDATED`. */
  readonly type: EventType;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly sensitive?: boolean;
  readonly before?: Record<string, unknown> | null;
  readonly after?: Record<string, unknown> | null;
  /**
   * Whether this counts as activity on the file (default true). An RGPD export does not: it
   * must not put off the file's archiving and purge (DOMAIN.md rule 7).
   */
  readonly activity?: boolean;
}

/** Who made a change: the file, the actor's account, membership or partner client. */
export type TimelineActor = Pick<
  FileViewer,
  'personId' | 'accountId' | 'membershipId' | 'clientId'
>;

/**
 * Appends a change to the file's timeline and marks the file active (unless `activity` is
 * false), in the caller's transaction: one statement.
 */
export async function insertTimelineEvent(
  manager: EntityManager,
  actor: TimelineActor,
  entry: TimelineEntry,
): Promise<void> {
  await manager.query(
    `WITH touched AS (UPDATE person SET last_activity_at = now() WHERE id = $1 AND $11::boolean)
     INSERT INTO timeline_event (person_id, actor_account_id, actor_membership_id,
       actor_client_id, type, subject_type, subject_id, sensitive, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      actor.personId,
      actor.accountId,
      actor.membershipId,
      actor.clientId,
      entry.type,
      entry.subjectType,
      entry.subjectId,
      entry.sensitive ?? false,
      entry.before ?? null,
      entry.after ?? null,
      entry.activity ?? true,
    ],
  );
}

/** The writes of the timeline_event table (its reads are the timeline service's and read models'). */
@Injectable()
export class TimelineRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One timeline row, in the caller's transaction when a manager is given. */
  append(
    actor: TimelineActor,
    entry: TimelineEntry,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    return insertTimelineEvent(manager, actor, entry);
  }
}
