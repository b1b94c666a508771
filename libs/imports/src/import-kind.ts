import type { QueryRunner } from 'typeorm';
import type { ColumnSpec, CsvRow } from './csv/csv-rows.js';
import type { ImportKind } from './import-run.entity.js';

/** A problem with one line of the file (or the file as a whole when `line` is null). */
export interface ImportProblem {
  readonly line: number | null;
  /** The column's canonical name, when the problem is in one cell. */
  readonly column: string | null;
  readonly message: string;
}

/** What a run did or, for a dry run, would do, by row of the file. */
export interface ImportCounts {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows left out on purpose (a read-only file, an objection), each with a warning. */
  readonly skipped: number;
}

/** Who acts: a territory admin through the API, or an operator at the command line. */
export interface ImportActor {
  readonly accountId: string | null;
  readonly membershipId: string | null;
}

export interface StagingColumn {
  readonly name: string;
  /** A PostgreSQL type for the staging table. */
  readonly type: string;
}

export interface RowContext {
  readonly now: Date;
  /** The columns the file has. */
  readonly present: ReadonlySet<string>;
}

export interface ParsedRow {
  /** Values in the order of `staging`, as text for COPY (null for NULL); null when the row has errors. */
  readonly values: (string | null)[] | null;
  readonly problems: ImportProblem[];
}

export interface MergeContext {
  readonly runner: QueryRunner;
  readonly territoryId: string;
  readonly present: ReadonlySet<string>;
  readonly actor: ImportActor;
}

/**
 * One kind of import: its columns, how a line becomes a staging row, the checks that need the
 * database (duplicates in the file, references, conflicts with what exists), and the set-based
 * merge. Rows are staged in the temporary table `import_stage`, with `line`, the staging
 * columns, and whatever `resolve` adds.
 */
export interface ImportKindDefinition {
  readonly kind: ImportKind;
  readonly columns: readonly ColumnSpec[];
  readonly staging: readonly StagingColumn[];
  parseRow(row: CsvRow, context: RowContext): ParsedRow;
  /** Finds each row's target and references, and returns the errors and warnings. */
  check(context: MergeContext): Promise<{ errors: ImportProblem[]; warnings: ImportProblem[] }>;
  /** What `apply` would do, without writing. */
  plan(context: MergeContext): Promise<ImportCounts>;
  apply(context: MergeContext): Promise<ImportCounts>;
}

/** Runs a query whose rows are problems (`line`, `column`, `message`). */
export async function problemsOf(
  runner: QueryRunner,
  sql: string,
  params: unknown[] = [],
): Promise<ImportProblem[]> {
  const rows = await runner.manager.query<
    { line: number | null; column: string | null; message: string }[]
  >(sql, params);
  return rows.map((row) => ({ line: row.line, column: row.column, message: row.message }));
}

/** Duplicates inside the file: every line after the first with the same key. */
export function duplicateProblems(key: string, column: string, what: string): string {
  return `SELECT line, '${column}' AS "column", '${column}: ${what} already on line ' || first_line AS message
            FROM (SELECT line, min(line) OVER (PARTITION BY ${key}) AS first_line
                    FROM import_stage WHERE (${key}) IS NOT NULL) d
           WHERE line <> first_line`;
}
