import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SystemScope } from '../scope.js';

/** One territory's chain cut by a purge: the rows it lost (each keeps at least its latest). */
export interface AccessLogPurgeRow {
  readonly purged_count: string;
}

/**
 * Retention of the access log (DOMAIN.md rule 6): through the database's one path to deletion,
 * `access_log_purge` (migration Retention, decision 0014), which refuses less than 12 months.
 * Lifecycle runs it in its transaction with `systemScope('retention')`.
 */
@Injectable()
export class AccessLogRetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Purges (or, on a dry run, counts) the rows older than `months`; one row per territory. */
  async purgeOlderThan(
    scope: SystemScope,
    months: number,
    dryRun: boolean,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccessLogPurgeRow[]> {
    return manager.query<AccessLogPurgeRow[]>(
      `SELECT purged_count::text FROM access_log_purge(
         now() - make_interval(months => $2::int), $1)`,
      [dryRun, months],
    );
  }
}
