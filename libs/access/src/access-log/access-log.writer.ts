import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { auditChainHash, auditChainKeyFrom, type AuditChainKey } from '@relais/core';
import type { FileViewer } from '../file-access/file-viewer.js';
import type { AccessGround } from './access-ground.js';
import { AccessLogRepository } from './access-log.repository.js';
import { accessLogCanonical } from './access-log.verifier.js';

/** Reads written together at most; more wait for the next write. */
const MAX_READS_PER_WRITE = 200;

/** What one access-log row records; the writer adds its id, time and hashes. */
export interface AccessLogRead {
  readonly territoryId: string;
  readonly personId: string;
  readonly accountId: string | null;
  readonly membershipId: string | null;
  readonly clientId: string | null;
  readonly ground: AccessGround;
}

const GENESIS = Buffer.alloc(32);

/**
 * Appends reads to their territories' chains, in the caller's transaction, in the given order;
 * returns their ids in that order. Each row's hash is HMAC-SHA-256(key, previous hash ‖ row),
 * computed here: the key never reaches the database (decision 0008). The database still locks,
 * checks the link to the head and moves it (trigger access_log_chain).
 */
export async function appendAccessLogRows(
  manager: EntityManager,
  key: AuditChainKey,
  reads: readonly AccessLogRead[],
): Promise<string[]> {
  if (reads.length === 0) return [];
  const accessLog = new AccessLogRepository(manager.connection);
  const territories = [...new Set(reads.map((read) => read.territoryId))];
  const { heads, numbers } = await accessLog.lockHeadsAndNumberRows(
    territories,
    GENESIS,
    reads.length,
    manager,
  );
  const last = new Map(heads.map((head) => [head.territoryId, head.lastHash]));
  const rows = reads.map((read, index) => {
    const { id, accessedAt } = numbers[index];
    const prevHash = last.get(read.territoryId) ?? GENESIS;
    const hash = auditChainHash(
      key,
      prevHash,
      accessLogCanonical({ ...read, id, accessedAt, prevHash, hash: GENESIS }),
    );
    last.set(read.territoryId, hash);
    return { ...read, id, accessedAt, prevHash, hash };
  });
  await accessLog.insertRows(rows, manager);
  return rows.map((row) => row.id);
}

interface PendingRead {
  readonly viewer: FileViewer;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Appends the reads of full files to the access log (DOMAIN.md rule 6). A read is answered only
 * once its row is committed: nothing is shown unlogged.
 *
 * The chain makes each territory's rows a queue: every write locks the territory's head row
 * until it commits. So reads are written together: the first one at once, and those that arrive
 * while a transaction is in flight all in the next one (one transaction, each head locked once).
 * An idle server adds no wait; a busy one stops paying a lock and a commit per read. Heads are
 * locked in territory order, so two instances writing at the same time cannot deadlock.
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
        const reads = this.queue.splice(0, MAX_READS_PER_WRITE);
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
    // Read at each write: the environment's key (checked at boot by loadAppConfig).
    const key = auditChainKeyFrom(process.env);
    await this.dataSource.transaction((manager) =>
      appendAccessLogRows(
        manager,
        key,
        viewers.map((viewer) => ({
          territoryId: viewer.territoryId,
          personId: viewer.personId,
          accountId: viewer.accountId,
          membershipId: viewer.membershipId,
          clientId: viewer.clientId,
          ground: viewer.ground,
        })),
      ),
    );
  }
}
