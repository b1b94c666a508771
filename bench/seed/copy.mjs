/**
 * COPY FROM STDIN streams, one connection and one transaction per table, fed line by line
 * with back-pressure: rows are never held beyond a 64 KB buffer per table.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const FLUSH_AT = 1 << 16;

/** "id, person_id,\n  type" → "id, person_id, type". */
export const columnList = (columns) => columns.replace(/\s+/g, ' ').trim();

/**
 * The indexes of a table that a load may set aside and build again: all of them for a table
 * nothing references (`leaf`), all but the primary key otherwise (foreign keys need it).
 */
async function indexesToRebuild(client, table, leaf) {
  const { rows } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition,
            c.conname AS constraint_name, pg_get_constraintdef(c.oid) AS constraint_definition
       FROM pg_index i
       LEFT JOIN pg_constraint c
         ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
      WHERE i.indrelid = $1::regclass
      ORDER BY c.conname IS NULL, i.indexrelid`,
    [table],
  );
  return rows.filter((row) => leaf || !row.constraint_name);
}

/**
 * Opens a COPY into `table` on its own connection, in a transaction. With `fast`, foreign keys
 * are not checked row by row (session_replication_role = replica: the load checks them once at
 * the end). With `leaf` (nothing references the table), it is emptied in the same transaction
 * so that COPY FREEZE writes rows already frozen and visible to all, and no vacuum has to
 * rewrite them later. Its indexes (all but a referenced primary key) are dropped in the
 * transaction and built again, from their own definitions, before it commits: a sorted build
 * costs a fraction of a row-by-row insertion of random UUIDs. Nobody ever sees the table
 * without them, and a failure rolls everything back.
 */
export async function openCopy(url, table, columns, { fast, leaf }) {
  const client = new pg.Client({ connectionString: url, application_name: `bench-seed ${table}` });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SET LOCAL synchronous_commit = off');
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  if (fast) await client.query('SET LOCAL session_replication_role = replica');
  if (leaf) await client.query(`TRUNCATE ${table}`);
  const indexes = await indexesToRebuild(client, table, leaf);
  for (const index of indexes) {
    await client.query(
      index.constraint_name
        ? `ALTER TABLE ${table} DROP CONSTRAINT "${index.constraint_name}"`
        : `DROP INDEX ${index.name}`,
    );
  }
  const stream = client.query(
    copyFrom(`COPY ${table} (${columnList(columns)}) FROM STDIN${leaf ? ' WITH (FREEZE)' : ''}`),
  );
  // An error surfaces at the next write, drain or end; keep it from being unhandled meanwhile.
  let failure = null;
  stream.on('error', (error) => {
    failure ??= error;
  });
  return {
    table,
    client,
    stream,
    buffer: '',
    rows: 0,
    bytes: 0,
    blocked: false,
    seconds: 0,
    indexSeconds: 0,
    indexes,
    failure: () => failure,
  };
}

export class CopySink {
  /** @param copies the openCopy() results, by table name */
  constructor(copies, startedAt = performance.now()) {
    this.copies = copies;
    this.startedAt = startedAt;
  }

  row(table, line) {
    const copy = this.copies[table];
    if (!copy) return;
    copy.buffer += `${line}\n`;
    copy.rows += 1;
    if (copy.buffer.length >= FLUSH_AT) this.flush(copy);
  }

  flush(copy) {
    if (!copy.buffer) return;
    copy.bytes += Buffer.byteLength(copy.buffer);
    if (!copy.stream.write(copy.buffer)) copy.blocked = true;
    copy.buffer = '';
  }

  /** Waits until every stream PostgreSQL lags behind on has drained. */
  async settle() {
    for (const copy of Object.values(this.copies)) {
      const failure = copy.failure();
      if (failure) throw new Error(`COPY ${copy.table}: ${failure.message}`);
      if (!copy.blocked) continue;
      await once(copy.stream, 'drain');
      copy.blocked = false;
    }
  }

  /** Ends every COPY and commits each table as soon as its rows are in. */
  async end() {
    await Promise.all(
      Object.values(this.copies).map(async (copy) => {
        this.flush(copy);
        copy.stream.end();
        try {
          await finished(copy.stream);
        } catch (error) {
          throw new Error(`COPY ${copy.table}: ${error.message}`, { cause: error });
        }
        const indexesFrom = performance.now();
        for (const index of copy.indexes) {
          await copy.client.query(
            index.constraint_name
              ? `ALTER TABLE ${copy.table} ADD CONSTRAINT "${index.constraint_name}" ${index.constraint_definition}`
              : index.definition,
          );
        }
        await copy.client.query('COMMIT');
        const now = performance.now();
        copy.indexSeconds = (now - indexesFrom) / 1000;
        copy.seconds = (now - this.startedAt) / 1000;
        await copy.client.end();
      }),
    );
  }

  /** After a failure: closes the connections, which rolls every table's transaction back. */
  async abort() {
    await Promise.all(
      Object.values(this.copies).map((copy) =>
        Promise.race([
          copy.client.end().catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
        ]),
      ),
    );
  }
}
