import type { DataSource } from 'typeorm';
import { AccessLogRepository, AdminAuditRepository, systemScope } from '@relais/access';

/**
 * One chain's head as `audit:verify --print-heads` writes it, one JSON object a line, for an
 * operator to keep outside the database (decision 0008). `audit:verify --heads <file>` then
 * checks that each recorded row is still in its chain with the same hash: as each hash covers
 * every row before it, that proves the chain up to it unchanged, key or no key.
 */
export interface RecordedHead {
  readonly log: 'access_log' | 'admin_audit';
  /** The territory's id for the access log; `admin` for the admin audit. */
  readonly chain: string;
  readonly label: string;
  /** The row's id (access log) or seq (admin audit). */
  readonly id: string;
  readonly hash: string;
  readonly at: string;
  /** Rows of the chain up to this one, those retention purged included. */
  readonly rows: number;
  /** The id of the key the chain was verified with. */
  readonly key: string;
}

/** The heads of a file, or why a line cannot be read (its number named). */
export function parseRecordedHeads(text: string): RecordedHead[] {
  const heads: RecordedHead[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let head: Partial<RecordedHead>;
    try {
      head = JSON.parse(line) as Partial<RecordedHead>;
    } catch {
      throw new Error(`line ${index + 1} of the heads file is not JSON`);
    }
    if (
      (head.log !== 'access_log' && head.log !== 'admin_audit') ||
      typeof head.chain !== 'string' ||
      typeof head.id !== 'string' ||
      !/^\d+$/.test(head.id) ||
      typeof head.hash !== 'string' ||
      !/^[0-9a-f]{64}$/.test(head.hash) ||
      typeof head.at !== 'string' ||
      Number.isNaN(Date.parse(head.at))
    ) {
      throw new Error(
        `line ${index + 1} of the heads file is not a head printed by audit:verify --print-heads`,
      );
    }
    heads.push(head as RecordedHead);
  });
  return heads;
}

/** What became of one recorded head; `problem` is null when it still holds. */
export interface HeadCheck {
  readonly head: RecordedHead;
  readonly problem: string | null;
  readonly note: string;
}

/**
 * Checks each recorded head against the database: its row must still be there with the same
 * hash. A row of the access log may be gone only if retention purged it (the territory's anchor
 * covers it) and it was already older than what retention keeps (`keptMonths`), which a purge
 * of recent rows disguised as retention is not.
 */
export async function checkRecordedHeads(
  dataSource: DataSource,
  heads: readonly RecordedHead[],
  keptMonths: number,
  now = new Date(),
): Promise<HeadCheck[]> {
  const oldest = new Date(now);
  oldest.setMonth(oldest.getMonth() - keptMonths);
  const audit = systemScope('audit');
  const accessLog = new AccessLogRepository(dataSource);
  const adminAudit = new AdminAuditRepository(dataSource);
  const checks: HeadCheck[] = [];
  for (const head of heads) {
    const recorded = Buffer.from(head.hash, 'hex');
    const row =
      head.log === 'access_log'
        ? await accessLog.hashOf(audit, head.id, head.chain)
        : await adminAudit.hashOfSeq(head.id);
    if (row) {
      checks.push(
        row.hash.equals(recorded)
          ? { head, problem: null, note: `row ${head.id} still there, unchanged` }
          : {
              head,
              problem: `row ${head.id} has another hash than the one recorded: the chain was rewritten up to it`,
              note: '',
            },
      );
      continue;
    }
    const anchor =
      head.log === 'access_log' ? await accessLog.anchorOf(audit, head.chain) : undefined;
    const purged = anchor !== undefined && BigInt(anchor.lastPurgedId) >= BigInt(head.id);
    if (purged && anchor.lastPurgedId === head.id && !anchor.lastPurgedHash.equals(recorded)) {
      checks.push({
        head,
        problem: `retention's anchor names row ${head.id} with another hash than the one recorded`,
        note: '',
      });
    } else if (purged && new Date(head.at) < oldest) {
      checks.push({
        head,
        problem: null,
        note: `row ${head.id} purged by retention since, as due`,
      });
    } else {
      checks.push({
        head,
        problem: purged
          ? `row ${head.id} is gone, moved behind retention's anchor, yet it was younger than ${keptMonths} months`
          : `row ${head.id} is gone: the chain was truncated or rewritten`,
        note: '',
      });
    }
  }
  return checks;
}
