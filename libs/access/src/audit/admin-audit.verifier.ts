import type { DataSource } from 'typeorm';
import { auditChainHash, auditChainKeyFrom, type AuditChainKey } from '@relais/core';
import type { AccessLogBreak, ChainHead } from '../access-log/access-log.verifier.js';
import { AdminAuditRepository } from './admin-audit.repository.js';

/** One admin-audit row as the chain covers it; the JSON as PostgreSQL prints it. */
export interface AdminAuditChainRow {
  readonly seq: string;
  readonly id: string;
  readonly occurredAt: Date;
  readonly actorAccountId: string;
  readonly actorMembershipId: string;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly territoryId: string | null;
  readonly structureId: string | null;
  readonly beforeText: string | null;
  readonly afterText: string | null;
  readonly prevHash: Buffer;
  readonly hash: Buffer;
}

export interface AdminAuditReport {
  /** Rows found intact, in chain order, up to the first break. */
  readonly rowsChecked: number;
  readonly firstBreak: Omit<AccessLogBreak, 'territoryId'> | null;
  /** The chain's last row when it holds (its `seq` as id); null when broken or empty. */
  readonly head: ChainHead | null;
}

const GENESIS = Buffer.alloc(32);

/** The text each row's hash covers, as `admin_audit_canonical` (migration AdminAuditChain). */
export function adminAuditCanonical(row: AdminAuditChainRow): string {
  return [
    row.seq,
    row.id,
    row.occurredAt.toISOString(),
    row.actorAccountId,
    row.actorMembershipId,
    row.action,
    row.subjectType,
    row.subjectId,
    row.territoryId ?? '',
    row.structureId ?? '',
    row.beforeText ?? '',
    row.afterText ?? '',
  ].join('|');
}

const BATCH_SIZE = 5_000;

/**
 * Walks the admin audit's chain in `seq` order and recomputes each row's keyed hash in Node,
 * from one REPEATABLE READ snapshot, as `verifyAccessLog` does for the access log; stops at the
 * first break: an altered row or one rewritten without the key (hash mismatch), a row removed
 * from the beginning or the middle (broken link: nothing is ever purged from this log, so the
 * first row follows the genesis), or from the end (head mismatch).
 */
export async function verifyAdminAudit(
  dataSource: DataSource,
  key: AuditChainKey = auditChainKeyFrom(process.env),
): Promise<AdminAuditReport> {
  const audit = new AdminAuditRepository(dataSource);
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    let rowsChecked = 0;
    let previous: AdminAuditChainRow | undefined;
    const broken = (
      id: string | null,
      reason: AccessLogBreak['reason'],
      detail: string,
    ): AdminAuditReport => ({ rowsChecked, firstBreak: { id, reason, detail }, head: null });
    for (;;) {
      const rows = await audit.chainBatch(previous?.seq ?? '0', BATCH_SIZE, manager);
      for (const row of rows) {
        if (previous && !previous.hash.equals(row.prevHash)) {
          return broken(
            row.id,
            'broken link',
            `its prev_hash is not the hash of row ${previous.id}`,
          );
        }
        if (!previous && !GENESIS.equals(row.prevHash)) {
          return broken(
            row.id,
            'broken link',
            'it is the first row left but does not follow the genesis: rows before it were removed',
          );
        }
        const hash = auditChainHash(key, row.prevHash, adminAuditCanonical(row));
        if (!hash.equals(row.hash)) {
          return broken(
            row.id,
            'hash mismatch',
            'its hash does not match its content under the key',
          );
        }
        rowsChecked += 1;
        previous = row;
      }
      if (rows.length < BATCH_SIZE) break;
    }
    const head = await audit.head(manager);
    const last = previous;
    if (!head) {
      return last
        ? broken(last.id, 'head mismatch', 'admin_audit_head has no row')
        : { rowsChecked, firstBreak: null, head: null };
    }
    if (!last) {
      return broken(
        null,
        'head mismatch',
        `admin_audit_head names row ${head.lastSeq}, but the log is empty`,
      );
    }
    if (head.lastSeq !== last.seq || !head.lastHash.equals(last.hash)) {
      return broken(
        last.id,
        'head mismatch',
        `admin_audit_head names row ${head.lastSeq}, but the chain ends at row ${last.seq}`,
      );
    }
    return {
      rowsChecked,
      firstBreak: null,
      head: { id: last.seq, hash: last.hash, at: last.occurredAt, rows: rowsChecked },
    };
  });
}
