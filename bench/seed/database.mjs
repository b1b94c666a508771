/**
 * The database the bench data goes to, as the migration tools find it (DATABASE_URL, else the
 * embedded PostgreSQL of .data/), and what the load does around the COPY: emptying, checking
 * the foreign keys the fast load did not check row by row, VACUUM and ANALYZE.
 */
import 'reflect-metadata';
import pg from 'pg';

const dist = (path) => new URL(`../../dist/${path}`, import.meta.url).href;

/** Opens the database with the built helpers of the API, creates it and migrates it. */
export async function openDatabase(say) {
  const { openLocalDatabase } = await import(dist('apps/api/src/launcher/local-database.js'));
  const { ensureDatabaseExists, runPendingMigrations } = await import(
    dist('libs/database/src/index.js')
  );
  const database = await openLocalDatabase({ shareRunning: true, onStart: say });
  try {
    if (await ensureDatabaseExists(database.url)) say('created the database');
    const applied = await runPendingMigrations(database.url);
    if (applied.length) say(`applied ${applied.join(', ')}`);
  } catch (error) {
    await database.release();
    throw error;
  }
  return database;
}

/** The API's one-line explanation of a database failure (libs/database/src/database-errors.ts). */
export async function loadDescribeDatabaseError() {
  const module = await import(dist('libs/database/src/database-errors.js'));
  return module.describeDatabaseError;
}

/** How the built API normalizes names (libs/pathways/src/people/search-text.ts). */
export async function loadSearchText() {
  const { searchText } = await import(dist('libs/pathways/src/people/search-text.js'));
  return searchText;
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-seed' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Whether this role may turn off triggers (and so row-by-row foreign key checks). */
export async function canSkipTriggers(client) {
  try {
    await client.query('SET session_replication_role = replica');
    await client.query('RESET session_replication_role');
    return true;
  } catch {
    return false;
  }
}

/** What the database already holds that the bench data would collide with. */
export async function existingData(client) {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM territory)::int AS territories,
            (SELECT count(*) FROM account)::int AS accounts,
            (SELECT count(*) FROM person)::int AS people`,
  );
  return rows[0];
}

/**
 * Empties every table but the migrations' (as libs/testing truncateAllTables does); the
 * append-only access log refuses TRUNCATE unless its triggers are off, which only a superuser may do.
 */
export async function emptyDatabase(client, superuser) {
  const { rows } = await client.query(
    `SELECT format('%I.%I', schemaname, tablename) AS name, tablename FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  const tables = rows
    .filter((row) => superuser || !row.tablename.startsWith('access_log'))
    .map((row) => row.name);
  if (superuser) await client.query('SET session_replication_role = replica');
  await client.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
  if (superuser) await client.query('RESET session_replication_role');
  return tables.length === rows.length;
}

/**
 * Counts the rows whose reference finds nothing, for every single-column foreign key of the
 * loaded tables: what the database would have refused had it checked row by row.
 */
export async function danglingReferences(client, tables) {
  const { rows } = await client.query(
    `SELECT c.conname, child.relname AS child, ca.attname AS column,
            parent.relname AS parent, pa.attname AS referenced
       FROM pg_constraint c
       JOIN pg_class child ON child.oid = c.conrelid
       JOIN pg_class parent ON parent.oid = c.confrelid
       JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND child.relname = ANY($1)
      ORDER BY child.relname, c.conname`,
    [tables],
  );
  const problems = [];
  for (const fk of rows) {
    const { rows: counted } = await client.query(
      `SELECT count(*)::int AS n FROM "${fk.child}" c
        WHERE c."${fk.column}" IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "${fk.parent}" p WHERE p."${fk.referenced}" = c."${fk.column}")`,
    );
    if (counted[0].n > 0) {
      problems.push(`${fk.child}.${fk.column} → ${fk.parent}: ${counted[0].n} rows`);
    }
  }
  return { checked: rows.length, problems };
}

/** Counts of what scenarios rely on: one active referent at most, teams of 1 to 4, etc. */
export async function invariants(client) {
  const { rows } = await client.query(
    `WITH teams AS (
       SELECT person_id, count(*) AS members, count(*) FILTER (WHERE role = 'REFERENT') AS referents
         FROM team_member WHERE left_at IS NULL GROUP BY person_id)
     SELECT (SELECT count(*) FROM person)::int AS people,
            (SELECT count(*) FROM person p WHERE NOT EXISTS
               (SELECT 1 FROM teams t WHERE t.person_id = p.id))::int AS without_team,
            (SELECT count(*) FROM teams WHERE members > 4)::int AS teams_over_4,
            (SELECT count(*) FROM teams WHERE referents = 1)::int AS with_referent,
            (SELECT count(*) FROM person p WHERE p.last_activity_at <>
               (SELECT max(occurred_at) FROM timeline_event e WHERE e.person_id = p.id))::int
              AS activity_mismatch`,
  );
  return rows[0];
}
