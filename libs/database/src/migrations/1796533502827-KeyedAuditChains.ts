import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditChainHash, auditChainKeyFrom, type AuditChainKey } from '@relais/core';

const GENESIS = Buffer.alloc(32);
const GENESIS_SQL = `'\\x0000000000000000000000000000000000000000000000000000000000000000'`;
const BATCH_SIZE = 5_000;

/** One chain as this migration walks it: its rows, in order, from what the first one follows. */
interface ChainToRekey {
  /** For the error message: `the access log of territory …`, `the admin audit`. */
  readonly name: string;
  /** Rows after `after` (a row's id or seq), in chain order, at most `limit`. */
  readonly page: string;
  readonly pageParams: readonly unknown[];
  /** What the first row must follow: the genesis, or the last row retention purged. */
  readonly start: Buffer;
  readonly update: string;
  readonly head: { readonly last: string; readonly hash: Buffer } | null;
  readonly moveHead: string;
  readonly moveHeadParams: readonly unknown[];
}

interface ChainRow {
  readonly id: string;
  readonly canonical: string;
  readonly prevHash: Buffer;
  readonly hash: Buffer;
}

/**
 * The audit chains become keyed (decision 0008): each row's hash is now HMAC-SHA-256(key,
 * previous hash ‖ row), computed by the application with AUDIT_CHAIN_KEY, which the database
 * never holds; without it, a chain cannot be recomputed so that `audit:verify` passes.
 *
 * - `access_log_chain` and `admin_audit_chain` no longer hash: the writers send each row
 *   numbered, stamped and hashed; the triggers still lock the head, refuse a row that does not
 *   follow it (id or seq, prev_hash) or whose time is not of its transaction, and move the head.
 * - The rows written so far, chained by SHA-256 without a key, are first verified as the
 *   verifier of the previous version did (a chain that does not hold stops the migration: it is
 *   not laundered with the key), then re-chained with the key, each row's content unchanged. A
 *   chain's first row keeps what it followed (the genesis, or the last row retention purged).
 *   Only this step needs the key, and only when there are rows: AUDIT_CHAIN_KEY (the development
 *   key outside production when unset; `npm start` sets the one it keeps in `.data/audit-key`).
 */
export class KeyedAuditChains1796533502827 implements MigrationInterface {
  name = 'KeyedAuditChains1796533502827';

  public async up(queryRunner: QueryRunner): Promise<void> {
    let key: AuditChainKey | undefined;
    const keyed = (): AuditChainKey => (key ??= auditChainKeyFrom(process.env));
    await queryRunner.query(`ALTER TABLE "access_log" DISABLE TRIGGER "access_log_append_only"`);
    await queryRunner.query(
      `ALTER TABLE "admin_audit_event" DISABLE TRIGGER "admin_audit_append_only"`,
    );
    const chains = (await queryRunner.query(
      `SELECT chains.territory_id::text AS "territoryId", head.last_id::text AS "lastId",
              head.last_hash AS "lastHash", anchor.last_purged_hash AS "anchorHash"
         FROM (SELECT territory_id FROM access_log_head
               UNION SELECT DISTINCT territory_id FROM access_log) chains
         LEFT JOIN access_log_head head ON head.territory_id = chains.territory_id
         LEFT JOIN access_log_anchor anchor ON anchor.territory_id = chains.territory_id
        ORDER BY chains.territory_id`,
    )) as {
      territoryId: string;
      lastId: string | null;
      lastHash: Buffer | null;
      anchorHash: Buffer | null;
    }[];
    for (const chain of chains) {
      await rekey(queryRunner, keyed, {
        name: `the access log of territory ${chain.territoryId}`,
        page: `SELECT id::text AS id, access_log_canonical(access_log) AS canonical,
                 prev_hash AS "prevHash", hash
               FROM access_log WHERE territory_id = $1 AND access_log.id > $2
               ORDER BY access_log.id LIMIT $3`,
        pageParams: [chain.territoryId],
        start: chain.anchorHash ?? GENESIS,
        update: `UPDATE access_log SET prev_hash = r.prev, hash = r.hash
                   FROM unnest($1::bigint[], $2::bytea[], $3::bytea[]) AS r(id, prev, hash)
                  WHERE access_log.id = r.id`,
        head:
          chain.lastId !== null && chain.lastHash !== null
            ? { last: chain.lastId, hash: chain.lastHash }
            : null,
        moveHead: `UPDATE access_log_head SET last_hash = $2 WHERE territory_id = $1`,
        moveHeadParams: [chain.territoryId],
      });
    }
    const [adminHead] = (await queryRunner.query(
      `SELECT last_seq::text AS "lastSeq", last_hash AS "lastHash" FROM admin_audit_head
        WHERE chain = 'admin'`,
    )) as { lastSeq: string; lastHash: Buffer }[];
    await rekey(queryRunner, keyed, {
      name: 'the admin audit',
      page: `SELECT seq::text AS id, admin_audit_canonical(admin_audit_event) AS canonical,
               prev_hash AS "prevHash", hash
             FROM admin_audit_event WHERE seq > $1 ORDER BY admin_audit_event.seq LIMIT $2`,
      pageParams: [],
      start: GENESIS,
      update: `UPDATE admin_audit_event SET prev_hash = r.prev, hash = r.hash
                 FROM unnest($1::bigint[], $2::bytea[], $3::bytea[]) AS r(seq, prev, hash)
                WHERE admin_audit_event.seq = r.seq`,
      head: adminHead ? { last: adminHead.lastSeq, hash: adminHead.lastHash } : null,
      moveHead: `UPDATE admin_audit_head SET last_hash = $1 WHERE chain = 'admin'`,
      moveHeadParams: [],
    });
    await queryRunner.query(`ALTER TABLE "access_log" ENABLE TRIGGER "access_log_append_only"`);
    await queryRunner.query(
      `ALTER TABLE "admin_audit_event" ENABLE TRIGGER "admin_audit_append_only"`,
    );

    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION "access_log_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE head access_log_head;
        BEGIN
          INSERT INTO access_log_head (territory_id, last_id, last_hash)
            VALUES (NEW.territory_id, 0, ${GENESIS_SQL})
            ON CONFLICT (territory_id) DO NOTHING;
          SELECT * INTO head FROM access_log_head
            WHERE territory_id = NEW.territory_id FOR UPDATE;
          IF NEW.id IS NULL OR NEW.id <= head.last_id
             OR NEW.prev_hash IS DISTINCT FROM head.last_hash
             OR octet_length(NEW.hash) IS DISTINCT FROM 32 THEN
            RAISE EXCEPTION 'access_log row % does not follow the head of its territory (the application numbers and chains each row)', NEW.id
              USING ERRCODE = 'check_violation';
          END IF;
          IF NEW.accessed_at IS NULL
             OR NEW.accessed_at <> date_trunc('milliseconds', NEW.accessed_at)
             OR NEW.accessed_at < date_trunc('milliseconds', transaction_timestamp())
             OR NEW.accessed_at > clock_timestamp() THEN
            RAISE EXCEPTION 'access_log row % must be stamped by the database clock during its transaction, to the millisecond', NEW.id
              USING ERRCODE = 'check_violation';
          END IF;
          UPDATE access_log_head SET last_id = NEW.id, last_hash = NEW.hash
            WHERE territory_id = NEW.territory_id;
          RETURN NEW;
        END
      $$`,
    );
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION "admin_audit_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE head admin_audit_head;
        BEGIN
          INSERT INTO admin_audit_head (chain, last_seq, last_hash)
            VALUES ('admin', 0, ${GENESIS_SQL})
            ON CONFLICT (chain) DO NOTHING;
          SELECT * INTO head FROM admin_audit_head WHERE chain = 'admin' FOR UPDATE;
          IF NEW.seq IS NULL OR NEW.seq <= head.last_seq
             OR NEW.prev_hash IS DISTINCT FROM head.last_hash
             OR octet_length(NEW.hash) IS DISTINCT FROM 32 THEN
            RAISE EXCEPTION 'admin_audit_event % does not follow the head of the admin audit (the application numbers and chains each row)', NEW.seq
              USING ERRCODE = 'check_violation';
          END IF;
          IF NEW.occurred_at <> date_trunc('milliseconds', NEW.occurred_at)
             OR NEW.occurred_at < date_trunc('milliseconds', transaction_timestamp())
             OR NEW.occurred_at > clock_timestamp() THEN
            RAISE EXCEPTION 'admin_audit_event % must be stamped by the database clock during its transaction, to the millisecond', NEW.seq
              USING ERRCODE = 'check_violation';
          END IF;
          UPDATE admin_audit_head SET last_seq = NEW.seq, last_hash = NEW.hash
            WHERE chain = 'admin';
          RETURN NEW;
        END
      $$`,
    );
  }

  /** Back to SHA-256 without a key, computed by the triggers; the rows are re-chained so. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION "access_log_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE previous bytea;
        BEGIN
          INSERT INTO access_log_head (territory_id, last_id, last_hash)
            VALUES (NEW.territory_id, 0, ${GENESIS_SQL})
            ON CONFLICT (territory_id) DO NOTHING;
          SELECT last_hash INTO previous FROM access_log_head
            WHERE territory_id = NEW.territory_id FOR UPDATE;
          NEW.id := nextval('access_log_id_seq');
          NEW.accessed_at := date_trunc('milliseconds', clock_timestamp());
          NEW.prev_hash := previous;
          NEW.hash := sha256(previous || convert_to(access_log_canonical(NEW), 'UTF8'));
          UPDATE access_log_head SET last_id = NEW.id, last_hash = NEW.hash
            WHERE territory_id = NEW.territory_id;
          RETURN NEW;
        END
      $$`,
    );
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION "admin_audit_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE previous bytea;
        BEGIN
          INSERT INTO admin_audit_head (chain, last_seq, last_hash)
            VALUES ('admin', 0, ${GENESIS_SQL})
            ON CONFLICT (chain) DO NOTHING;
          SELECT last_hash INTO previous FROM admin_audit_head WHERE chain = 'admin' FOR UPDATE;
          NEW.seq := nextval('admin_audit_seq');
          NEW.occurred_at := date_trunc('milliseconds', NEW.occurred_at);
          NEW.prev_hash := previous;
          NEW.hash := sha256(previous || convert_to(admin_audit_canonical(NEW), 'UTF8'));
          UPDATE admin_audit_head SET last_seq = NEW.seq, last_hash = NEW.hash
            WHERE chain = 'admin';
          RETURN NEW;
        END
      $$`,
    );
    await queryRunner.query(`ALTER TABLE "access_log" DISABLE TRIGGER "access_log_append_only"`);
    await queryRunner.query(
      `ALTER TABLE "admin_audit_event" DISABLE TRIGGER "admin_audit_append_only"`,
    );
    // Each chain from what its first row follows (the genesis or the anchor), unkeyed.
    await queryRunner.query(
      `DO $$
        DECLARE chain uuid; entry access_log; previous bytea;
        BEGIN
          FOR chain IN SELECT territory_id FROM access_log_head LOOP
            previous := NULL;
            FOR entry IN SELECT * FROM access_log WHERE territory_id = chain ORDER BY id LOOP
              previous := coalesce(previous, entry.prev_hash);
              entry.prev_hash := previous;
              entry.hash := sha256(previous || convert_to(access_log_canonical(entry), 'UTF8'));
              UPDATE access_log SET prev_hash = entry.prev_hash, hash = entry.hash
                WHERE id = entry.id;
              previous := entry.hash;
            END LOOP;
            IF previous IS NOT NULL THEN
              UPDATE access_log_head SET last_hash = previous WHERE territory_id = chain;
            END IF;
          END LOOP;
        END
      $$`,
    );
    await queryRunner.query(
      `DO $$
        DECLARE entry admin_audit_event; previous bytea := ${GENESIS_SQL};
        BEGIN
          FOR entry IN SELECT * FROM admin_audit_event ORDER BY seq LOOP
            entry.prev_hash := previous;
            entry.hash := sha256(previous || convert_to(admin_audit_canonical(entry), 'UTF8'));
            UPDATE admin_audit_event SET prev_hash = entry.prev_hash, hash = entry.hash
              WHERE id = entry.id;
            previous := entry.hash;
          END LOOP;
          UPDATE admin_audit_head SET last_hash = previous WHERE chain = 'admin';
        END
      $$`,
    );
    await queryRunner.query(`ALTER TABLE "access_log" ENABLE TRIGGER "access_log_append_only"`);
    await queryRunner.query(
      `ALTER TABLE "admin_audit_event" ENABLE TRIGGER "admin_audit_append_only"`,
    );
  }
}

/**
 * Verifies one chain as SHA-256 without a key (the previous version's rule), then re-chains it
 * with the key, batch by batch; throws, naming the chain and the row, when it does not hold.
 */
async function rekey(
  queryRunner: QueryRunner,
  key: () => AuditChainKey,
  chain: ChainToRekey,
): Promise<void> {
  const refuse = (row: string, why: string): never => {
    throw new Error(
      `KeyedAuditChains: ${chain.name} does not hold at row ${row} (${why}); it is not re-chained with the key. Find out why first (npm run audit:verify of the previous version names the row).`,
    );
  };
  let after = '0';
  let previousOld = chain.start;
  let previousNew = chain.start;
  let rows = 0;
  for (;;) {
    const page = (await queryRunner.query(chain.page, [
      ...chain.pageParams,
      after,
      BATCH_SIZE,
    ])) as ChainRow[];
    if (page.length === 0) break;
    const ids: string[] = [];
    const prevs: Buffer[] = [];
    const hashes: Buffer[] = [];
    for (const row of page) {
      if (!row.prevHash.equals(previousOld)) refuse(row.id, 'broken link');
      const unkeyed = createHash('sha256')
        .update(row.prevHash)
        .update(row.canonical, 'utf8')
        .digest();
      if (!unkeyed.equals(row.hash)) refuse(row.id, 'hash mismatch');
      const rechained = auditChainHash(key(), previousNew, row.canonical);
      ids.push(row.id);
      prevs.push(previousNew);
      hashes.push(rechained);
      previousOld = row.hash;
      previousNew = rechained;
      after = row.id;
      rows += 1;
    }
    await queryRunner.query(chain.update, [ids, prevs, hashes]);
  }
  if (rows === 0) {
    if (chain.head && chain.head.last !== '0') refuse(chain.head.last, 'head mismatch');
    return;
  }
  if (!chain.head || chain.head.last !== after || !chain.head.hash.equals(previousOld)) {
    refuse(after, 'head mismatch');
  }
  await queryRunner.query(chain.moveHead, [...chain.moveHeadParams, previousNew]);
}
