/**
 * Who the realtime scenarios act as, chosen from the bench data (deterministically: ordered by
 * email), and which people they hand over.
 *
 * Handovers change referents. So that repeated runs keep working and the read scenarios keep
 * their data, the handover scenarios use pairs of professionals of two structures of one
 * territory, none of the fixed `bench.*` accounts, and only people whose referent is one of them
 * and whose team holds no `bench.*` account: each person goes from one caseworker of a pair to the
 * other and, when taken again (in the same run or the next), back.
 */

/** Every active account with an active membership, ordered by email: who holds sockets. */
export async function socketAccounts(client) {
  const { rows } = await client.query(
    `SELECT a.id FROM account a
      WHERE a.status = 'ACTIVE'
        AND EXISTS (SELECT 1 FROM membership m WHERE m.account_id = a.id AND m.revoked_at IS NULL)
      ORDER BY a.email`,
  );
  return rows.map((row) => row.id);
}

/**
 * Up to `count` pairs of professionals (one membership each, in two structures of the same
 * territory, each the referent of at least `minPeople` people that can be handed over).
 */
export async function handoverPairs(client, count, minPeople = 20) {
  const { rows } = await client.query(
    `WITH professional AS (
       SELECT a.id, a.email, m.structure_id, m.territory_id
         FROM account a
         JOIN membership m ON m.account_id = a.id AND m.revoked_at IS NULL
          AND m.role = 'PROFESSIONAL' AND m.structure_id IS NOT NULL
        WHERE a.status = 'ACTIVE' AND a.email NOT LIKE 'bench.%'
          AND (SELECT count(*) FROM membership x
                WHERE x.account_id = a.id AND x.revoked_at IS NULL) = 1)
     SELECT p.id, p.email, p.structure_id, p.territory_id FROM professional p
      WHERE (SELECT count(*) FROM team_member tm JOIN person pe ON pe.id = tm.person_id
              WHERE tm.account_id = p.id AND tm.role = 'REFERENT' AND tm.left_at IS NULL
                AND pe.status = 'ACTIVE' AND NOT pe.restricted AND NOT pe.objection) >= $1
      ORDER BY p.territory_id, p.email`,
    [minPeople],
  );
  const pairs = [];
  const taken = new Set();
  for (const [index, left] of rows.entries()) {
    if (pairs.length >= count) break;
    if (taken.has(left.id)) continue;
    const right = rows
      .slice(index + 1)
      .find(
        (other) =>
          !taken.has(other.id) &&
          other.territory_id === left.territory_id &&
          other.structure_id !== left.structure_id,
      );
    if (!right) continue;
    taken.add(left.id).add(right.id);
    pairs.push([
      { accountId: left.id, email: left.email, structureId: left.structure_id },
      { accountId: right.id, email: right.email, structureId: right.structure_id },
    ]);
  }
  return pairs;
}

/** People a pair member is the referent of and that can change hands now. */
export async function handoverPeople(client, pairs) {
  const accountIds = pairs.flat().map((side) => side.accountId);
  const { rows } = await client.query(
    `SELECT p.id AS person_id, tm.account_id AS referent_account_id
       FROM team_member tm JOIN person p ON p.id = tm.person_id
      WHERE tm.account_id = ANY($1::uuid[]) AND tm.role = 'REFERENT' AND tm.left_at IS NULL
        AND p.status = 'ACTIVE' AND NOT p.restricted AND NOT p.objection
        AND NOT EXISTS (SELECT 1 FROM handover h WHERE h.person_id = p.id AND h.status = 'PROPOSED')
        AND NOT EXISTS (SELECT 1 FROM team_member o JOIN account a ON a.id = o.account_id
                         WHERE o.person_id = p.id AND o.left_at IS NULL AND a.email LIKE 'bench.%')
      ORDER BY p.id`,
    [accountIds],
  );
  return rows.map((row) => ({ personId: row.person_id, referent: row.referent_account_id }));
}

/**
 * Outbox dispatchers connected to this database (each Relais instance LISTENs with the
 * application name `relais-dispatcher`). One that is not on the bench's Redis would take events
 * and push them to its own sockets only.
 */
export async function dispatcherCount(client) {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = 'relais-dispatcher'`,
  );
  return rows[0].n;
}
