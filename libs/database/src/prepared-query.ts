import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/** Distinct statements this process prepares at most; past it, the rest run unprepared. */
const MAX_PREPARED_TEXTS = 500;
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (!name && names.size < MAX_PREPARED_TEXTS) {
    name = `relais_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a hot statement as a named prepared statement of its connection (node-postgres' `name`
 * option): PostgreSQL parses it once per connection and, after a few executions, keeps its plan,
 * where an unnamed statement is parsed and planned at every call. For the statements every
 * request runs (the caller's principal, opening a file, its parts, the caseload, search); the
 * text must be fixed (parameters as `$n`) and name its columns (a prepared `SELECT *` breaks
 * when a migration adds a column).
 *
 * It goes through TypeORM's query runner, which hands node-postgres the query as it gets it,
 * so transactions, the pool and statement counting work as for `manager.query`.
 */
export function preparedQuery<Row>(
  executor: DataSource | EntityManager,
  text: string,
  params: readonly unknown[],
): Promise<Row[]> {
  const name = nameOf(text);
  const query = name ? { name, text } : text;
  return executor.query<Row[]>(query as unknown as string, [...params]);
}
