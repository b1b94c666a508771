import type { DataSource, EntityManager } from 'typeorm';
import { auditChainHash, auditChainKeyFrom, type AuditChainKey } from '@relais/core';
import { TerritoryRepository } from '@relais/organizations';
import { systemScope } from '../scope.js';
import {
  type AccessLogChainRow,
  type AccessLogChainState,
  AccessLogRepository,
} from './access-log.repository.js';

export type { AccessLogChainRow } from './access-log.repository.js';

export type ChainBreakReason = 'hash mismatch' | 'broken link' | 'head mismatch';

/** The first place a territory's chain does not hold. */
export interface AccessLogBreak {
  readonly territoryId: string;
  /**
   * The row at fault. For a head mismatch, the last row found (the chain should end elsewhere),
   * or null when the territory has no row left.
   */
  readonly id: string | null;
  readonly reason: ChainBreakReason;
  readonly detail: string;
}

/** The last row of a chain, verified: what an operator records to anchor it outside. */
export interface ChainHead {
  /** The row's id (the access log) or `seq` (the admin audit). */
  readonly id: string;
  readonly hash: Buffer;
  readonly at: Date;
  /** Rows of the chain up to this one, those retention purged included. */
  readonly rows: number;
}

export interface TerritoryChainReport {
  readonly territoryId: string;
  /** Null when no territory row has this id (the log has no foreign key: it outlives them). */
  readonly territoryCode: string | null;
  /** Rows found intact, in chain order, up to the first break. */
  readonly rowsChecked: number;
  readonly firstBreak: AccessLogBreak | null;
  /** The chain's last row when it holds (null when broken or empty). */
  readonly head: ChainHead | null;
  /** What the first remaining row follows: the last row retention purged, or null. */
  readonly lastPurged: { readonly id: string; readonly rows: number } | null;
}

export interface AccessLogReport {
  readonly territories: readonly TerritoryChainReport[];
  /** The first break of the first broken territory, in the order of `territories`. */
  readonly firstBreak: AccessLogBreak | null;
}

export interface VerifyAccessLogOptions {
  /** Rows read per query; the walk never holds more than one batch. */
  readonly batchSize?: number;
  /** The key the chains were written with; by default the environment's (AUDIT_CHAIN_KEY). */
  readonly key?: AuditChainKey;
}

const DEFAULT_BATCH_SIZE = 5_000;
const AUDIT = systemScope('audit');

/**
 * The text each row's hash covers, as `access_log_canonical` (migration AccessLogChainAndSearch)
 * writes it too: `to_char(... 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` of a millisecond timestamp is
 * what `Date.toISOString()` writes.
 */
export function accessLogCanonical(row: AccessLogChainRow): string {
  return [
    row.id,
    row.territoryId,
    row.personId,
    row.accountId ?? '',
    row.membershipId ?? '',
    row.clientId ?? '',
    row.ground,
    row.accessedAt.toISOString(),
  ].join('|');
}

/** HMAC-SHA-256(key, prev_hash ‖ canonical text in UTF-8): what the row's `hash` must be. */
export function accessLogHash(key: AuditChainKey, row: AccessLogChainRow): Buffer {
  return auditChainHash(key, row.prevHash, accessLogCanonical(row));
}

/** What a chain's first remaining row follows: the genesis, or the last row retention purged. */
export interface AccessLogAnchor {
  /** The last purged row's id; null for the genesis (nothing purged yet). */
  readonly lastPurgedId: string | null;
  readonly lastPurgedHash: Buffer;
}

/** A chain's start before any purge: 32 zero bytes. */
export const ACCESS_LOG_GENESIS: AccessLogAnchor = {
  lastPurgedId: null,
  lastPurgedHash: Buffer.alloc(32),
};

/**
 * Checks one row against the row before it in its territory's chain or, for the first row found,
 * against the chain's anchor (the genesis, or the last row retention purged, decision 0014).
 * Returns why it breaks the chain, or undefined when it holds.
 */
export function checkAccessLogRow(
  key: AuditChainKey,
  previous: AccessLogChainRow | undefined,
  row: AccessLogChainRow,
  anchor: AccessLogAnchor = ACCESS_LOG_GENESIS,
): Omit<AccessLogBreak, 'territoryId'> | undefined {
  if (previous && !previous.hash.equals(row.prevHash)) {
    return {
      id: row.id,
      reason: 'broken link',
      detail: `its prev_hash is not the hash of row ${previous.id}`,
    };
  }
  if (!previous && !anchor.lastPurgedHash.equals(row.prevHash)) {
    return {
      id: row.id,
      reason: 'broken link',
      detail:
        anchor.lastPurgedId === null
          ? 'it is the first row left but does not follow the genesis, and nothing was purged: rows before it were removed'
          : `it is the first row left but does not follow row ${anchor.lastPurgedId}, the last one retention purged: rows before it were removed`,
    };
  }
  if (!previous && anchor.lastPurgedId !== null && BigInt(row.id) <= BigInt(anchor.lastPurgedId)) {
    return {
      id: row.id,
      reason: 'broken link',
      detail: `retention purged the chain up to row ${anchor.lastPurgedId}, yet this row is still here`,
    };
  }
  if (!accessLogHash(key, row).equals(row.hash)) {
    return {
      id: row.id,
      reason: 'hash mismatch',
      detail: 'its hash does not match its content under the key',
    };
  }
  return undefined;
}

/** Checks the head (last_id, last_hash) against the last row of the chain found. */
export function checkAccessLogHead(
  head: { readonly lastId: string; readonly lastHash: Buffer } | null,
  last: AccessLogChainRow | undefined,
): Omit<AccessLogBreak, 'territoryId'> | undefined {
  const id = last?.id ?? null;
  if (!head) {
    return last
      ? { id, reason: 'head mismatch', detail: 'access_log_head has no row for this territory' }
      : undefined;
  }
  if (!last) {
    return {
      id,
      reason: 'head mismatch',
      detail: `access_log_head names row ${head.lastId}, but the territory has no row`,
    };
  }
  if (head.lastId !== last.id) {
    return {
      id,
      reason: 'head mismatch',
      detail: `access_log_head names row ${head.lastId}, but the chain ends at row ${last.id}`,
    };
  }
  if (!head.lastHash.equals(last.hash)) {
    return {
      id,
      reason: 'head mismatch',
      detail: 'access_log_head holds another hash for this row',
    };
  }
  return undefined;
}

interface ChainState extends AccessLogChainState {
  readonly territoryCode: string | null;
}

/** By territory code (territories without one last), then id: as PostgreSQL sorts them. */
function byTerritoryCode(a: ChainState, b: ChainState): number {
  if (a.territoryCode !== b.territoryCode) {
    if (a.territoryCode === null) return 1;
    if (b.territoryCode === null) return -1;
    return a.territoryCode < b.territoryCode ? -1 : 1;
  }
  if (a.territoryId === b.territoryId) return 0;
  return a.territoryId < b.territoryId ? -1 : 1;
}

async function verifyChain(
  accessLog: AccessLogRepository,
  manager: EntityManager,
  key: AuditChainKey,
  chain: ChainState,
  batchSize: number,
): Promise<TerritoryChainReport> {
  let rowsChecked = 0;
  let previous: AccessLogChainRow | undefined;
  const purgedRows = Number(chain.anchorRows ?? 0);
  const report = (
    broken: Omit<AccessLogBreak, 'territoryId'> | undefined,
  ): TerritoryChainReport => ({
    territoryId: chain.territoryId,
    territoryCode: chain.territoryCode,
    rowsChecked,
    firstBreak: broken ? { territoryId: chain.territoryId, ...broken } : null,
    head:
      !broken && previous
        ? {
            id: previous.id,
            hash: previous.hash,
            at: previous.accessedAt,
            rows: purgedRows + rowsChecked,
          }
        : null,
    lastPurged: chain.anchorId !== null ? { id: chain.anchorId, rows: purgedRows } : null,
  });
  const anchor: AccessLogAnchor =
    chain.anchorId !== null && chain.anchorHash !== null
      ? { lastPurgedId: chain.anchorId, lastPurgedHash: chain.anchorHash }
      : ACCESS_LOG_GENESIS;
  for (;;) {
    const rows = await accessLog.chainBatch(
      AUDIT,
      chain.territoryId,
      batchSize,
      previous?.id,
      manager,
    );
    for (const row of rows) {
      const broken = checkAccessLogRow(key, previous, row, anchor);
      if (broken) return report(broken);
      rowsChecked += 1;
      previous = row;
    }
    if (rows.length < batchSize) break;
  }
  const head =
    chain.lastId !== null && chain.lastHash !== null
      ? { lastId: chain.lastId, lastHash: chain.lastHash }
      : null;
  return report(checkAccessLogHead(head, previous));
}

/**
 * Walks the access log's chain of every territory in id order and recomputes each row's keyed
 * hash in Node, with the key the database never holds (decision 0008): who rewrites a chain
 * without the key leaves a hash mismatch at the first row rewritten. Reads in one
 * REPEATABLE READ, read-only transaction: rows and heads come from the same snapshot, so inserts
 * made meanwhile are neither half-seen nor taken for a tampered tail. Stops each territory at
 * its first break.
 *
 * The first remaining row of a territory must follow its anchor: the genesis (32 zero bytes), or
 * the last row retention purged, whose id and hash `access_log_anchor` keeps (decision 0014). So
 * a removed beginning is a broken link, as a removed middle is; a missing tail is reported as a
 * head mismatch (retention keeps each territory's latest row, which the head names).
 */
export async function verifyAccessLog(
  dataSource: DataSource,
  options: VerifyAccessLogOptions = {},
): Promise<AccessLogReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError('batchSize must be a positive whole number');
  }
  const key = options.key ?? auditChainKeyFrom(process.env);
  const accessLog = new AccessLogRepository(dataSource);
  const territoryCodes = new TerritoryRepository(dataSource);
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    const states = await accessLog.chains(AUDIT, manager);
    const codes = await territoryCodes.codesOf(
      states.map((state) => state.territoryId),
      manager,
    );
    const chains: ChainState[] = states
      .map((state) => ({ ...state, territoryCode: codes.get(state.territoryId) ?? null }))
      .sort(byTerritoryCode);
    const territories: TerritoryChainReport[] = [];
    for (const chain of chains) {
      territories.push(await verifyChain(accessLog, manager, key, chain, batchSize));
    }
    const firstBreak = territories.find((territory) => territory.firstBreak)?.firstBreak ?? null;
    return { territories, firstBreak };
  });
}
