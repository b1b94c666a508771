import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessLogRetentionRepository, systemScope } from '@relais/access';
import { OutboxRetentionRepository } from '@relais/events';
import { HandoverRetentionRepository } from '@relais/handovers';
import { PersonRetentionRepository } from '@relais/pathways';
import { PersonPurge, type PurgeCounts } from './person-purge.js';

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

/**
 * Retention (DOMAIN.md rules 6 and 7, decision 0014), in three steps of one transaction each:
 * archive the files without activity for 24 months, purge the files archived 24 months ago with
 * everything that hangs on them, purge the access-log rows older than 12 months. A dry run
 * counts with the same conditions and writes nothing. A real run holds an advisory lock: with
 * several instances (or the CLI beside them), one runs and the others return null. Each table
 * is read and written by the repository of the lib that owns it, in the step's transaction.
 */
@Injectable()
export class RetentionService {
  /** The events lib sits below access: it takes the reason alone. */
  private readonly reason = 'retention';
  private readonly scope = systemScope(this.reason);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly people: PersonRetentionRepository,
    private readonly handovers: HandoverRetentionRepository,
    private readonly outbox: OutboxRetentionRepository,
    private readonly accessLogs: AccessLogRetentionRepository,
    private readonly purge: PersonPurge,
  ) {}

  /** Outside Nest (the `npm run retention` tool, tests): the service and its repositories. */
  static on(dataSource: DataSource): RetentionService {
    return new RetentionService(
      dataSource,
      new PersonRetentionRepository(dataSource),
      new HandoverRetentionRepository(dataSource),
      new OutboxRetentionRepository(dataSource),
      new AccessLogRetentionRepository(dataSource),
      PersonPurge.on(dataSource),
    );
  }

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
    const { purged, ids } = await this.dataSource.transaction(async (manager) => {
      const due = await this.people.dueForPurge(this.scope, PURGE_AFTER_MONTHS, !dryRun, manager);
      const counts = dryRun
        ? await this.purge.count(manager, due)
        : await this.purge.purge(manager, due);
      return { purged: counts, ids: due };
    });
    if (!dryRun) this.purge.announcePurged(ids);
    const accessLog = await this.dataSource.transaction((manager) =>
      this.purgeAccessLog(manager, dryRun),
    );
    return { dryRun, archived, purged, accessLog };
  }

  private async countArchive(manager: EntityManager): Promise<ArchiveCounts> {
    const due = await this.people.countDueForArchive(this.scope, ARCHIVE_AFTER_MONTHS, manager);
    const open = await this.handovers.countOpen(this.scope, due.ids, manager);
    return {
      files: due.ids.length,
      handovers: open.handovers,
      joinRequests: due.joinRequests,
      orientationRequests: open.orientationRequests,
    };
  }

  /**
   * Archives the files due: read-only and out of lists from now on (the status does it), each
   * with a timeline entry and an outbox event for its team. What was open on them is closed as
   * the domain would close it, without an actor: a handover expires, a join request is
   * cancelled, an orientation request denied, the last two with the reason. These closings do
   * not count as activity (last_activity_at stays the file's last real activity).
   */
  private async archive(manager: EntityManager): Promise<ArchiveCounts> {
    const ids = await this.people.archiveDue(this.scope, ARCHIVE_AFTER_MONTHS, manager);
    if (ids.length === 0) {
      return { files: 0, handovers: 0, joinRequests: 0, orientationRequests: 0 };
    }
    const handovers = await this.handovers.expireProposed(this.scope, ids, manager);
    await this.people.recordHandoversExpired(this.scope, handovers, manager);
    const joinRequests = await this.people.cancelJoinRequests(
      this.scope,
      ids,
      ARCHIVED_REASON,
      manager,
    );
    const orientationRequests = await this.handovers.denyPendingOrientations(
      this.scope,
      ids,
      ARCHIVED_REASON,
      manager,
    );
    await this.people.recordArchived(this.scope, ids, ARCHIVE_AFTER_MONTHS, manager);
    // The team learns it in its inbox; partners in scope through their feed (ids only).
    const teams = await this.people.teamsOf(this.scope, ids, manager);
    await this.outbox.writeArchived(this.reason, teams, manager);
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
    const rows = await this.accessLogs.purgeOlderThan(
      this.scope,
      ACCESS_LOG_MONTHS,
      dryRun,
      manager,
    );
    return {
      rows: rows.reduce((total, row) => total + Number(row.purged_count), 0),
      territories: rows.length,
    };
  }
}
