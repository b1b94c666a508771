import pg from 'pg';

/**
 * Gives access-log rows an older `accessed_at`, as if they had been read long ago, and chains
 * their territories again. The chain trigger stamps each row with the database's clock, so no
 * honest insert can write the past: this works as a DBA would, with the triggers off
 * (`session_replication_role = replica`, as the test harness empties tables), rebuilding every
 * hash with the database's own canonical text and moving the head, so `audit:verify` finds the
 * chains intact. Backdate a territory's oldest rows, so its times still follow its ids.
 */
export async function backdateAccessLog(
  databaseUrl: string,
  rowIds: readonly string[],
  accessedAt: Date,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const { rows: territories } = await client.query<{ territory_id: string }>(
      `UPDATE access_log SET accessed_at = date_trunc('milliseconds', $2::timestamptz)
        WHERE id = ANY($1::bigint[]) RETURNING territory_id`,
      [rowIds, accessedAt],
    );
    for (const territoryId of new Set(territories.map((row) => row.territory_id))) {
      const { rows: anchors } = await client.query<{ last_purged_hash: Buffer }>(
        `SELECT last_purged_hash FROM access_log_anchor WHERE territory_id = $1`,
        [territoryId],
      );
      let previous = anchors[0]?.last_purged_hash ?? Buffer.alloc(32);
      const { rows: chain } = await client.query<{ id: string }>(
        // access_log.id, the bigint: a bare `id` would sort the text alias.
        `SELECT id::text AS id FROM access_log WHERE territory_id = $1 ORDER BY access_log.id`,
        [territoryId],
      );
      for (const { id } of chain) {
        const { rows } = await client.query<{ hash: Buffer }>(
          `UPDATE access_log SET prev_hash = $2,
             hash = sha256($2 || convert_to(access_log_canonical(access_log), 'UTF8'))
            WHERE id = $1 RETURNING hash`,
          [id, previous],
        );
        previous = rows[0].hash;
      }
      await client.query(`UPDATE access_log_head SET last_hash = $2 WHERE territory_id = $1`, [
        territoryId,
        previous,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
