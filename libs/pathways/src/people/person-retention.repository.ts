import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SystemScope } from '@relais/access';
import { EventType } from '@relais/events';
import { DataSource, type EntityManager } from 'typeorm';

/** A handover retention closed on an archived file, for its timeline entry. */
export interface ExpiredHandoverRow {
  readonly id: string;
  readonly person_id: string;
  readonly to_structure_id: string;
}

/** An archived file's team, to whom its archiving is announced. */
export interface ArchivedFileTeamRow {
  readonly id: string;
  readonly territory_id: string;
  readonly structure_ids: string[];
  readonly account_ids: string[];
}

const dueForArchive = `SELECT id FROM person
  WHERE status = 'ACTIVE' AND last_activity_at < now() - make_interval(months => $1::int)`;
const dueForPurge = `SELECT id FROM person
  WHERE status = 'ARCHIVED' AND archived_at < now() - make_interval(months => $1::int)`;

/**
 * The person-side steps of retention (lifecycle's RetentionService runs them in its
 * transactions): the files due for archiving or purge, their archiving, and what the archiving
 * writes on them (join requests cancelled, timeline entries, the team to tell). The months come
 * from the caller, which holds the retention rules; the scope is `systemScope('retention')`.
 */
@Injectable()
export class PersonRetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The files due for archiving (ids) and their pending join requests, without changing them. */
  async countDueForArchive(
    scope: SystemScope,
    months: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ ids: string[]; joinRequests: number }> {
    const [row] = await manager.query<{ ids: string[]; joinRequests: number }[]>(
      `WITH due AS (${dueForArchive})
       SELECT ARRAY(SELECT id FROM due) AS ids,
         (SELECT count(*)::int FROM join_request
           WHERE status = 'PENDING' AND person_id IN (SELECT id FROM due)) AS "joinRequests"`,
      [months],
    );
    return row;
  }

  /** Archives the files due (skipping those locked elsewhere); their ids. */
  async archiveDue(
    scope: SystemScope,
    months: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const [archivedRows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE person SET status = 'ARCHIVED', archived_at = now(), updated_at = now()
        WHERE id IN (${dueForArchive} FOR UPDATE SKIP LOCKED)
          AND status = 'ACTIVE'
          AND last_activity_at < now() - make_interval(months => $1::int)
        RETURNING id`,
      [months],
    );
    return archivedRows.map((row) => row.id);
  }

  /** The timeline entries of the handovers expired by the archiving of their files. */
  async recordHandoversExpired(
    scope: SystemScope,
    expired: readonly ExpiredHandoverRow[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (expired.length === 0) return;
    await manager.query(
      `INSERT INTO timeline_event (person_id, type, subject_type, subject_id, after)
       SELECT closed.person_id, '${EventType.HANDOVER_EXPIRED}', 'Handover', closed.id,
              jsonb_build_object('toStructureId', closed.to_structure_id, 'reason', '${EventType.PERSON_ARCHIVED}')
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS closed(id, person_id, to_structure_id)`,
      [
        expired.map((row) => row.id),
        expired.map((row) => row.person_id),
        expired.map((row) => row.to_structure_id),
      ],
    );
  }

  /** Cancels the pending join requests on the files, with the reason; how many. */
  async cancelJoinRequests(
    scope: SystemScope,
    personIds: readonly string[],
    reason: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, cancelled] = await manager.query<[unknown[], number]>(
      `UPDATE join_request SET status = 'CANCELLED', decided_at = now(), decision_reason = $2
        WHERE person_id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [[...personIds], reason],
    );
    return cancelled;
  }

  /** Each file's timeline entry of its archiving (which is not activity on it). */
  async recordArchived(
    scope: SystemScope,
    personIds: readonly string[],
    inactiveMonths: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO timeline_event (person_id, type, subject_type, subject_id, after)
       SELECT id, '${EventType.PERSON_ARCHIVED}', 'Person', id,
              jsonb_build_object('status', 'ARCHIVED', 'inactiveMonths', $2::int)
         FROM unnest($1::uuid[]) id`,
      [[...personIds], inactiveMonths],
    );
  }

  /** Each file's territory and current team (structures and accounts), in the order given. */
  async teamsOf(
    scope: SystemScope,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ArchivedFileTeamRow[]> {
    return manager.query<ArchivedFileTeamRow[]>(
      `SELECT p.id, p.territory_id,
         ARRAY(SELECT DISTINCT tm.structure_id FROM team_member tm
                WHERE tm.person_id = p.id AND tm.left_at IS NULL) AS structure_ids,
         ARRAY(SELECT DISTINCT tm.account_id FROM team_member tm
                WHERE tm.person_id = p.id AND tm.left_at IS NULL) AS account_ids
       FROM person p WHERE p.id = ANY($1::uuid[])`,
      [[...personIds]],
    );
  }

  /** The files archived `months` ago or more, locked for their purge unless `lock` is false. */
  async dueForPurge(
    scope: SystemScope,
    months: number,
    lock: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const due = await manager.query<{ id: string }[]>(
      lock ? `${dueForPurge} FOR UPDATE` : dueForPurge,
      [months],
    );
    return due.map((row) => row.id);
  }
}
