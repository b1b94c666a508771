import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EventType, OUTBOX_CHANNEL } from '@relais/events';
import { countPurge, purgePeople, type PurgeCounts } from './person-purge.js';

/** DOMAIN.md rule 7: a file without activity for this long is archived... */
export const ARCHIVE_AFTER_MONTHS = 24;
/** ...and purged this long after its archiving. */
export const PURGE_AFTER_MONTHS = 24;
/** DOMAIN.md rule 6: the access log is kept this long (the database refuses less). */
export const ACCESS_LOG_MONTHS = 12;

/** Why retention closed a request on an archived file, as the request records it. */
export const ARCHIVED_REASON =
  'Dossier archivé : aucune activité depuis 24 mois (durée de conservation).';

export interface RetentionOptions {
  /** Count what would be done, and change nothing. */
  readonly dryRun?: boolean;
}

export interface ArchiveCounts {
  readonly files: number;
  /** Open handovers (expired), join requests (cancelled) and orientation requests (denied). */
  readonly handovers: number;
  readonly joinRequests: number;
  readonly orientationRequests: number;
}

export interface AccessLogPurgeCounts {
  readonly rows: number;
  /** Territories whose chain was cut (each keeps at least its latest row). */
  readonly territories: number;
}

export interface RetentionReport {
  readonly dryRun: boolean;
  readonly archived: ArchiveCounts;
  readonly purged: PurgeCounts;
  readonly accessLog: AccessLogPurgeCounts;
}

/** The lock that makes one retention run at a time, whatever the number of instances. */
const RETENTION_LOCK = `hashtext('relais.retention')`;

const DUE_FOR_ARCHIVE = `SELECT id FROM person
  WHERE status = 'ACTIVE' AND last_activity_at < now() - make_interval(months => ${ARCHIVE_AFTER_MONTHS})`;
const DUE_FOR_PURGE = `SELECT id FROM person
  WHERE status = 'ARCHIVED' AND archived_at < now() - make_interval(months => ${PURGE_AFTER_MONTHS})`;

/**
 * Retention (DOMAIN.md rules 6 and 7, decision 0014), in three steps of one transaction each:
 * archive the files without activity for 24 months, purge the files archived 24 months ago with
 * everything that hangs on them, purge the access-log rows older than 12 months. A dry run
 * counts with the same conditions and writes nothing. A real run holds an advisory lock: with
 * several instances (or the CLI beside them), one runs and the others return null.
 */
@Injectable()
export class RetentionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(options: RetentionOptions = {}): Promise<RetentionReport | null> {
    const dryRun = options.dryRun === true;
    if (dryRun) return this.steps(true);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query(
        `SELECT pg_try_advisory_lock(${RETENTION_LOCK}) AS locked`,
      )) as { locked: boolean }[];
      if (!lock.locked) return null;
      try {
        return await this.steps(false);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${RETENTION_LOCK})`);
      }
    } finally {
      await runner.release();
    }
  }

  private async steps(dryRun: boolean): Promise<RetentionReport> {
    const archived = await this.dataSource.transaction((manager) =>
      dryRun ? this.countArchive(manager) : this.archive(manager),
    );
    const purged = await this.dataSource.transaction(async (manager) => {
      const due = await manager.query<{ id: string }[]>(
        dryRun ? DUE_FOR_PURGE : `${DUE_FOR_PURGE} FOR UPDATE`,
      );
      const ids = due.map((row) => row.id);
      return dryRun ? countPurge(manager, ids) : purgePeople(manager, ids);
    });
    const accessLog = await this.dataSource.transaction((manager) =>
      this.purgeAccessLog(manager, dryRun),
    );
    return { dryRun, archived, purged, accessLog };
  }

  private async countArchive(manager: EntityManager): Promise<ArchiveCounts> {
    const [row] = await manager.query<ArchiveCounts[]>(
      `WITH due AS (${DUE_FOR_ARCHIVE})
       SELECT (SELECT count(*)::int FROM due) AS files,
         (SELECT count(*)::int FROM handover
           WHERE status = 'PROPOSED' AND person_id IN (SELECT id FROM due)) AS handovers,
         (SELECT count(*)::int FROM join_request
           WHERE status = 'PENDING' AND person_id IN (SELECT id FROM due)) AS "joinRequests",
         (SELECT count(*)::int FROM orientation_request
           WHERE status = 'PENDING' AND person_id IN (SELECT id FROM due)) AS "orientationRequests"`,
    );
    return row;
  }

  /**
   * Archives the files due: read-only and out of lists from now on (the status does it), each
   * with a timeline entry and an outbox event for its team. What was open on them is closed as
   * the domain would close it, without an actor: a handover expires, a join request is
   * cancelled, an orientation request denied, the last two with the reason. These closings do
   * not count as activity (last_activity_at stays the file's last real activity).
   */
  private async archive(manager: EntityManager): Promise<ArchiveCounts> {
    const [archivedRows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE person SET status = 'ARCHIVED', archived_at = now(), updated_at = now()
        WHERE id IN (${DUE_FOR_ARCHIVE} FOR UPDATE SKIP LOCKED)
          AND status = 'ACTIVE'
          AND last_activity_at < now() - make_interval(months => ${ARCHIVE_AFTER_MONTHS})
        RETURNING id`,
    );
    const ids = archivedRows.map((row) => row.id);
    if (ids.length === 0) {
      return { files: 0, handovers: 0, joinRequests: 0, orientationRequests: 0 };
    }
    // An INSERT answers its rows (an UPDATE or DELETE, its rows and count).
    const handovers = await manager.query<{ id: string }[]>(
      `WITH closed AS (
         UPDATE handover SET status = 'EXPIRED', decided_at = now()
          WHERE person_id = ANY($1::uuid[]) AND status = 'PROPOSED'
          RETURNING id, person_id, to_structure_id)
       INSERT INTO timeline_event (person_id, type, subject_type, subject_id, after)
       SELECT person_id, '${EventType.HANDOVER_EXPIRED}', 'Handover', id,
              jsonb_build_object('toStructureId', to_structure_id, 'reason', '${EventType.PERSON_ARCHIVED}')
         FROM closed
       RETURNING subject_id AS id`,
      [ids],
    );
    const [, joinRequests] = await manager.query<[unknown[], number]>(
      `UPDATE join_request SET status = 'CANCELLED', decided_at = now(), decision_reason = $2
        WHERE person_id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [ids, ARCHIVED_REASON],
    );
    const [, orientationRequests] = await manager.query<[unknown[], number]>(
      `UPDATE orientation_request SET status = 'DENIED', decided_at = now(), decision_reason = $2
        WHERE person_id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [ids, ARCHIVED_REASON],
    );
    await manager.query(
      `INSERT INTO timeline_event (person_id, type, subject_type, subject_id, after)
       SELECT id, '${EventType.PERSON_ARCHIVED}', 'Person', id,
              jsonb_build_object('status', 'ARCHIVED', 'inactiveMonths', $2::int)
         FROM unnest($1::uuid[]) id`,
      [ids, ARCHIVE_AFTER_MONTHS],
    );
    // The team learns it in its inbox; partners in scope through their feed (ids only).
    await manager.query(
      `WITH team AS (
         SELECT p.id, p.territory_id,
           ARRAY(SELECT DISTINCT tm.structure_id FROM team_member tm
                  WHERE tm.person_id = p.id AND tm.left_at IS NULL) AS structure_ids,
           ARRAY(SELECT DISTINCT tm.account_id FROM team_member tm
                  WHERE tm.person_id = p.id AND tm.left_at IS NULL) AS account_ids
         FROM person p WHERE p.id = ANY($1::uuid[]))
       INSERT INTO outbox_event (type, territory_id, structure_ids, person_id,
         recipient_account_ids, payload)
       SELECT '${EventType.PERSON_ARCHIVED}', team.territory_id, team.structure_ids, team.id,
              team.account_ids, jsonb_build_object('personId', team.id, 'status', 'ARCHIVED')
         FROM team`,
      [ids],
    );
    await manager.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    return {
      files: ids.length,
      handovers: handovers.length,
      joinRequests,
      orientationRequests,
    };
  }

  /** Through the database's one path to deletion (migration Retention): see decision 0014. */
  private async purgeAccessLog(
    manager: EntityManager,
    dryRun: boolean,
  ): Promise<AccessLogPurgeCounts> {
    const rows = await manager.query<{ purged_count: string }[]>(
      `SELECT purged_count::text FROM access_log_purge(
         now() - make_interval(months => ${ACCESS_LOG_MONTHS}), $1)`,
      [dryRun],
    );
    return {
      rows: rows.reduce((total, row) => total + Number(row.purged_count), 0),
      territories: rows.length,
    };
  }
}
