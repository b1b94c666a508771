import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { auditChainHash, auditChainKeyFrom, type AuditChainKey } from '@relais/core';
import { preparedQuery } from '@relais/database';
import type { FileViewer } from '../file-access/file-viewer.js';
import type { AccessGround } from './access-ground.js';
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

// Creates the missing heads and locks every head of the batch, in territory order (so two
// writers lock in the same order and cannot deadlock): the no-op DO UPDATE takes the row lock
// and returns the head as it is.
const LOCK_HEADS_SQL = `INSERT INTO access_log_head (territory_id, last_id, last_hash)
  SELECT t, 0, $2 FROM unnest($1::uuid[]) AS t ORDER BY t
  ON CONFLICT (territory_id) DO UPDATE SET last_id = access_log_head.last_id
  RETURNING territory_id::text AS "territoryId", last_hash AS "lastHash"`;

// Drawn under the head locks, so each territory's ids follow its chain; the database's clock,
// at the millisecond the verifier rebuilds.
const NUMBER_ROWS_SQL = `SELECT nextval('access_log_id_seq')::text AS id,
  date_trunc('milliseconds', clock_timestamp()) AS "accessedAt"
  FROM generate_series(1, $1::int)`;

// In the given order: the access_log_chain trigger checks that each row follows its head.
const INSERT_SQL = `INSERT INTO access_log (id, territory_id, person_id, account_id, membership_id,
    client_id, ground, accessed_at, prev_hash, hash)
  SELECT i, t, p, a, m, c, g, at, prev, h FROM unnest($1::bigint[], $2::uuid[], $3::uuid[],
    $4::uuid[], $5::uuid[], $6::uuid[], $7::access_ground[], $8::timestamptz[], $9::bytea[],
    $10::bytea[]) WITH ORDINALITY AS r(i, t, p, a, m, c, g, at, prev, h, n)
  ORDER BY n`;

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
  const territories = [...new Set(reads.map((read) => read.territoryId))];
  const heads = await preparedQuery<{ territoryId: string; lastHash: Buffer }>(
    manager,
    LOCK_HEADS_SQL,
    [territories, GENESIS],
  );
  const last = new Map(heads.map((head) => [head.territoryId, head.lastHash]));
  const numbers = await preparedQuery<{ id: string; accessedAt: Date }>(manager, NUMBER_ROWS_SQL, [
    reads.length,
  ]);
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
  const column = <T>(pick: (row: (typeof rows)[number]) => T): T[] => rows.map(pick);
  await preparedQuery(manager, INSERT_SQL, [
    column((row) => row.id),
    column((row) => row.territoryId),
    column((row) => row.personId),
    column((row) => row.accountId),
    column((row) => row.membershipId),
    column((row) => row.clientId),
    column((row) => row.ground),
    column((row) => row.accessedAt.toISOString()),
    column((row) => row.prevHash),
    column((row) => row.hash),
  ]);
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
