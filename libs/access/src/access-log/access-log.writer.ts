import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '@relais/database';
import type { FileViewer } from '../file-access/file-viewer.js';

/** Reads written together at most; more wait for the next statement. */
const MAX_READS_PER_STATEMENT = 200;

interface PendingRead {
  readonly viewer: FileViewer;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Appends the reads of full files to the access log (DOMAIN.md rule 6). A read is answered only
 * once its row is committed: nothing is shown unlogged.
 *
 * The chain makes each territory's rows a queue: every insert locks the territory's head row
 * until it commits. So reads are written together: the first one at once, and those that arrive
 * while a statement is in flight all in the next one (one statement, one commit, each head
 * locked once per statement). An idle server adds no wait; a busy one stops paying a lock and a
 * commit per read. Rows are sorted by territory, so that two instances writing at the same time
 * lock heads in the same order and cannot deadlock.
 */
@Injectable()
export class AccessLogWriter {
  private queue: PendingRead[] = [];
  private writing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Resolves once the read is in the log; rejects (and the read fails) if it could not be. */
  recordFileRead(viewer: FileViewer): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ viewer, resolve, reject });
      if (!this.writing) void this.writeQueued();
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        const reads = this.queue.splice(0, MAX_READS_PER_STATEMENT);
        try {
          await this.insert(reads.map((read) => read.viewer));
          for (const read of reads) read.resolve();
        } catch (error) {
          for (const read of reads) read.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async insert(viewers: readonly FileViewer[]): Promise<void> {
    const sorted = [...viewers].sort((a, b) =>
      a.territoryId < b.territoryId ? -1 : a.territoryId > b.territoryId ? 1 : 0,
    );
    const column = <T>(pick: (viewer: FileViewer) => T): T[] => sorted.map(pick);
    // The database numbers and chains each row, in this order (access_log_chain trigger).
    await preparedQuery(
      this.dataSource,
      `INSERT INTO access_log (territory_id, person_id, account_id, membership_id, client_id, ground)
       SELECT t, p, a, m, c, g FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[],
         $6::access_ground[]) WITH ORDINALITY AS r(t, p, a, m, c, g, n)
       ORDER BY n`,
      [
        column((viewer) => viewer.territoryId),
        column((viewer) => viewer.personId),
        column((viewer) => viewer.accountId),
        column((viewer) => viewer.membershipId),
        column((viewer) => viewer.clientId),
        column((viewer) => viewer.ground),
      ],
    );
  }
}
