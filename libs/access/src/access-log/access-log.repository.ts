import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '@relais/database';
import type { FileScope, SystemScope } from '../scope.js';
import { AccessGround } from './access-ground.js';
import type { AccessLogEntryEntity } from './access-log-entry.entity.js';

/** The columns of one access-log row, as the chain covers them. */
export type AccessLogChainRow = Readonly<AccessLogEntryEntity>;

/** A territory's chain as stored: its head and its anchor (what retention purged). */
export interface AccessLogChainState {
  readonly territoryId: string;
  readonly lastId: string | null;
  readonly lastHash: Buffer | null;
  readonly anchorId: string | null;
  readonly anchorHash: Buffer | null;
  readonly anchorRows: string | null;
}

/** One row to append, numbered, stamped and hashed. */
export interface AccessLogInsertRow {
  readonly id: string;
  readonly territoryId: string;
  readonly personId: string;
  readonly accountId: string | null;
  readonly membershipId: string | null;
  readonly clientId: string | null;
  readonly ground: string;
  readonly accessedAt: Date;
  readonly prevHash: Buffer;
  readonly hash: Buffer;
}

// Creates the missing heads and locks every head of the batch, in territory order (so two
// writers lock in the same order and cannot deadlock): the no-op DO UPDATE takes the row lock
// and returns the head as it is. Then draws the rows' ids and timestamps under those locks, so
// each territory's ids follow its chain: the numbering waits for every head (its one-time
// filter counts them all), at the database's clock, to the millisecond the verifier rebuilds.
// One statement, one round trip, where the heads and the numbers were two.
const LOCK_AND_NUMBER_SQL = `WITH heads AS (
    INSERT INTO access_log_head (territory_id, last_id, last_hash)
    SELECT t, 0, $2 FROM unnest($1::uuid[]) AS t ORDER BY t
    ON CONFLICT (territory_id) DO UPDATE SET last_id = access_log_head.last_id
    RETURNING territory_id, last_hash),
  numbers AS (
    SELECT g, nextval('access_log_id_seq')::text AS id,
      date_trunc('milliseconds', clock_timestamp()) AS accessed_at
    FROM generate_series(1, $3::int) AS g
    WHERE (SELECT count(*) FROM heads) > 0)
  SELECT COALESCE((SELECT json_agg(json_build_object('territoryId', territory_id,
      'lastHash', encode(last_hash, 'hex'))) FROM heads), '[]') AS heads,
    ARRAY(SELECT id FROM numbers ORDER BY g) AS ids,
    ARRAY(SELECT accessed_at FROM numbers ORDER BY g) AS "accessedAt"`;

// In the given order: the access_log_chain trigger checks that each row follows its head.
const INSERT_SQL = `INSERT INTO access_log (id, territory_id, person_id, account_id, membership_id,
    client_id, ground, accessed_at, prev_hash, hash)
  SELECT i, t, p, a, m, c, g, at, prev, h FROM unnest($1::bigint[], $2::uuid[], $3::uuid[],
    $4::uuid[], $5::uuid[], $6::uuid[], $7::access_ground[], $8::timestamptz[], $9::bytea[],
    $10::bytea[]) WITH ORDINALITY AS r(i, t, p, a, m, c, g, at, prev, h, n)
  ORDER BY n`;

// Every territory with a row or a head. The territories with rows are found by a skip scan of
// IDX_access_log_territory (one index probe per territory), not by reading the whole table.
// Ordered by territory id; the verifier orders them by the territories' codes.
const CHAINS_SQL = `
  WITH RECURSIVE logged AS (
    (SELECT territory_id FROM access_log ORDER BY territory_id LIMIT 1)
    UNION ALL
    SELECT (SELECT entry.territory_id FROM access_log entry
             WHERE entry.territory_id > logged.territory_id
             ORDER BY entry.territory_id LIMIT 1)
      FROM logged WHERE logged.territory_id IS NOT NULL
  ), chains AS (
    SELECT territory_id FROM logged WHERE territory_id IS NOT NULL
    UNION
    SELECT territory_id FROM access_log_head
  )
  SELECT chains.territory_id AS "territoryId",
         head.last_id::text AS "lastId", head.last_hash AS "lastHash",
         anchor.last_purged_id::text AS "anchorId", anchor.last_purged_hash AS "anchorHash",
         anchor.purged_rows::text AS "anchorRows"
    FROM chains
    LEFT JOIN access_log_head head ON head.territory_id = chains.territory_id
    LEFT JOIN access_log_anchor anchor ON anchor.territory_id = chains.territory_id
   ORDER BY chains.territory_id`;

const ROW_COLUMNS = `id::text AS id, territory_id AS "territoryId", person_id AS "personId",
  account_id AS "accountId", membership_id AS "membershipId", client_id AS "clientId",
  ground::text AS ground, accessed_at AS "accessedAt", prev_hash AS "prevHash", hash`;

// Keyset pages in chain order (the trigger numbers rows under the territory's head lock).
// `access_log.id`, the bigint: a bare `id` in ORDER BY would sort the text alias.
const FIRST_BATCH_SQL = `SELECT ${ROW_COLUMNS} FROM access_log
  WHERE territory_id = $1 ORDER BY access_log.id LIMIT $2`;
const NEXT_BATCH_SQL = `SELECT ${ROW_COLUMNS} FROM access_log
  WHERE territory_id = $1 AND access_log.id > $3 ORDER BY access_log.id LIMIT $2`;

/** One read of a file as its reader is named: the account and membership, or the partner client. */
export interface AccessLogFileRead {
  readonly id: string;
  readonly accessedAt: Date;
  readonly ground: AccessGround;
  readonly accountId: string | null;
  readonly membershipId: string | null;
  readonly clientId: string | null;
}

// The reads of one file by others than the person, newest first, keyset on the chain's id
// (IDX_access_log_person). `access_log.id`, the bigint, as in the chain batches.
const FILE_READS_SQL = `SELECT id::text AS id, accessed_at AS "accessedAt", ground::text AS ground,
    account_id AS "accountId", membership_id AS "membershipId", client_id AS "clientId"
  FROM access_log
  WHERE person_id = $1 AND ground <> $2::access_ground
    AND ($3::bigint IS NULL OR access_log.id < $3::bigint)
  ORDER BY access_log.id DESC LIMIT $4`;

/** The `access_log` table (and its chains' heads and anchors): its one owner. */
@Injectable()
export class AccessLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates the missing heads of these territories and locks them all, in territory order, and
   * draws ids and timestamps for `count` new rows under those locks (one statement).
   */
  async lockHeadsAndNumberRows(
    territoryIds: readonly string[],
    genesis: Buffer,
    count: number,
    manager: EntityManager,
  ): Promise<{
    heads: { territoryId: string; lastHash: Buffer }[];
    numbers: { id: string; accessedAt: Date }[];
  }> {
    const [row] = await preparedQuery<{
      heads: { territoryId: string; lastHash: string }[];
      ids: string[];
      accessedAt: Date[];
    }>(manager, LOCK_AND_NUMBER_SQL, [territoryIds, genesis, count]);
    return {
      heads: row.heads.map((head) => ({
        territoryId: head.territoryId,
        lastHash: Buffer.from(head.lastHash, 'hex'),
      })),
      numbers: row.ids.map((id, index) => ({ id, accessedAt: row.accessedAt[index] })),
    };
  }

  /** Inserts the rows in the given order (one statement). */
  async insertRows(rows: readonly AccessLogInsertRow[], manager: EntityManager): Promise<void> {
    const column = <T>(pick: (row: AccessLogInsertRow) => T): T[] => rows.map(pick);
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
  }

  /**
   * The reads of the scope's file by professionals and partner systems, newest first, before
   * the row `beforeId` (from the newest when null): the person's own reads (SELF) are left out.
   * For the person's space (issue 22), whose scope is their own file.
   */
  async fileReads(
    scope: FileScope,
    limit: number,
    beforeId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccessLogFileRead[]> {
    return manager.query<AccessLogFileRead[]>(FILE_READS_SQL, [
      scope.viewer.personId,
      AccessGround.SELF,
      beforeId,
      limit,
    ]);
  }

  /** Every territory with a row or a head, with its head and anchor, by territory id. */
  async chains(
    // Whose files were read is person data: only the audit tools read the chains.
    scope: SystemScope,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccessLogChainState[]> {
    return manager.query<AccessLogChainState[]>(CHAINS_SQL);
  }

  /** A territory's rows in chain order, after the row `afterId` (from the first when undefined). */
  async chainBatch(
    scope: SystemScope,
    territoryId: string,
    batchSize: number,
    afterId: string | undefined,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccessLogChainRow[]> {
    return manager.query<AccessLogChainRow[]>(
      afterId !== undefined ? NEXT_BATCH_SQL : FIRST_BATCH_SQL,
      afterId !== undefined ? [territoryId, batchSize, afterId] : [territoryId, batchSize],
    );
  }

  /** A row's hash, if the row is still in this territory's chain. */
  async hashOf(
    scope: SystemScope,
    id: string,
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ hash: Buffer } | undefined> {
    const [row] = await manager.query<{ hash: Buffer }[]>(
      'SELECT hash FROM access_log WHERE id = $1 AND territory_id::text = $2',
      [id, territoryId],
    );
    return row;
  }

  /** The last row retention purged from a territory's chain, if any. */
  async anchorOf(
    scope: SystemScope,
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ lastPurgedId: string; lastPurgedHash: Buffer } | undefined> {
    const [anchor] = await manager.query<{ lastPurgedId: string; lastPurgedHash: Buffer }[]>(
      `SELECT last_purged_id::text AS "lastPurgedId", last_purged_hash AS "lastPurgedHash"
               FROM access_log_anchor WHERE territory_id::text = $1`,
      [territoryId],
    );
    return anchor;
  }
}
