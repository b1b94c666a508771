import pg from 'pg';
import { auditChainHash, auditChainKeyFrom } from '@relais/core';

/** How a re-chain hashes a row: from the previous hash and the row's canonical text. */
export type ChainHashing = (previous: Buffer, canonical: string) => Buffer;

/** The writer's hashing: HMAC with the environment's AUDIT_CHAIN_KEY. */
const withTheKey: ChainHashing = (previous, canonical) =>
  auditChainHash(auditChainKeyFrom(process.env), previous, canonical);

/**
 * Recomputes every hash of a territory's access-log chain, from what its first row follows (the
 * genesis or retention's anchor), and moves the head to the last one: what someone who can turn
 * the triggers off does after removing or altering rows. Runs in the client's transaction, with
 * the triggers off (`session_replication_role = replica`).
 */
async function rechainTerritory(
  client: pg.Client,
  territoryId: string,
  hashing: ChainHashing,
): Promise<void> {
  const { rows: anchors } = await client.query<{ last_purged_hash: Buffer }>(
    `SELECT last_purged_hash FROM access_log_anchor WHERE territory_id = $1`,
    [territoryId],
  );
  let previous = anchors[0]?.last_purged_hash ?? Buffer.alloc(32);
  const { rows: chain } = await client.query<{ id: string; canonical: string }>(
    // access_log.id, the bigint: a bare `id` would sort the text alias.
    `SELECT id::text AS id, access_log_canonical(access_log) AS canonical
       FROM access_log WHERE territory_id = $1 ORDER BY access_log.id`,
    [territoryId],
  );
  for (const { id, canonical } of chain) {
    const hash = hashing(previous, canonical);
    await client.query(`UPDATE access_log SET prev_hash = $2, hash = $3 WHERE id = $1`, [
      id,
      previous,
      hash,
    ]);
    previous = hash;
  }
  const last = chain.at(-1);
  if (last) {
    await client.query(
      `UPDATE access_log_head SET last_id = $2, last_hash = $3 WHERE territory_id = $1`,
      [territoryId, last.id, previous],
    );
  }
}

async function asTamperer(
  databaseUrl: string,
  work: (client: pg.Client) => Promise<void>,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * The attack the keyed chain is for (decision 0008): with the triggers off, deletes rows of a
 * territory's access log and recomputes the hashes of its chain, by `hashing` (plain SHA-256,
 * or HMAC with a key other than the writer's), moving the head, so the links all hold again.
 */
export async function deleteAndRechainAccessLog(
  databaseUrl: string,
  territoryId: string,
  rowIds: readonly string[],
  hashing: ChainHashing,
): Promise<void> {
  await asTamperer(databaseUrl, async (client) => {
    await client.query(`DELETE FROM access_log WHERE id = ANY($1::bigint[])`, [rowIds]);
    await rechainTerritory(client, territoryId, hashing);
  });
}

/**
 * Gives access-log rows an older `accessed_at`, as if they had been read long ago, and chains
 * their territories again. The chain trigger refuses a row not stamped during its transaction,
 * so no honest insert can write the past: this works as a DBA would, with the triggers off (as
 * the test harness empties tables), rebuilding every hash with the writer's key from the
 * database's own canonical text and moving the head, so `audit:verify` finds the chains intact.
 * Backdate a territory's oldest rows, so its times still follow its ids.
 */
export async function backdateAccessLog(
  databaseUrl: string,
  rowIds: readonly string[],
  accessedAt: Date,
): Promise<void> {
  await asTamperer(databaseUrl, async (client) => {
    const { rows: territories } = await client.query<{ territory_id: string }>(
      `UPDATE access_log SET accessed_at = date_trunc('milliseconds', $2::timestamptz)
        WHERE id = ANY($1::bigint[]) RETURNING territory_id`,
      [rowIds, accessedAt],
    );
    for (const territoryId of new Set(territories.map((row) => row.territory_id))) {
      await rechainTerritory(client, territoryId, withTheKey);
    }
  });
}
