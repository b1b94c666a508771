import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/** One column a kind of import reads: its name in the docs, and the headers that mean it. */
export interface ColumnSpec {
  /** The canonical (English) header, also the key of a row's values. */
  readonly key: string;
  /** The French header of the sample files. */
  readonly label: string;
  /** Other headers accepted for it, French or English (compared without case or accents). */
  readonly aliases: readonly string[];
  readonly required: boolean;
}

export interface CsvRow {
  /** The file's line number where the record is, counting the header as line 1. */
  readonly line: number;
  /** Trimmed values by column key; a column the file lacks is absent, an empty cell is ''. */
  readonly values: Readonly<Record<string, string>>;
}

export interface CsvProblem {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

export interface CsvLayout {
  readonly delimiter: ';' | ',' | '\t';
  /** The keys of the columns the file has, in the spec's order. */
  readonly present: ReadonlySet<string>;
  /** Headers the import does not know, ignored. */
  readonly ignored: readonly string[];
}

/** A problem that stops reading the file at all: its layout, not one row. */
export class CsvLayoutError extends Error {
  constructor(readonly problem: CsvProblem) {
    super(problem.message);
    this.name = 'CsvLayoutError';
  }
}

/** The longest record we read: a line of real data is far shorter; garbage is not read whole. */
const MAX_RECORD_CHARS = 64 * 1024;
/** Parsed in one go: small enough that other requests wait a few milliseconds at most. */
const CHUNK_CHARS = 32 * 1024;

/** How headers are compared: lower case, no accents, words joined by underscores. */
export function headerKey(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function firstLineOf(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

/** The separator of the header line: the most frequent of `;`, `,` and tab outside quotes. */
function delimiterOf(header: string): CsvLayout['delimiter'] | null {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts] += 1;
  }
  const [best, count] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
  return count > 0 ? (best as CsvLayout['delimiter']) : null;
}

function describeColumn(spec: ColumnSpec): string {
  return `"${spec.key}" (or "${spec.label}")`;
}

/** Maps the header's cells to the spec's columns; refuses a missing or repeated column. */
function layoutOf(
  headers: string[],
  specs: readonly ColumnSpec[],
  delimiter: CsvLayout['delimiter'],
): { layout: CsvLayout; keyAt: (string | null)[] } {
  const byHeader = new Map<string, ColumnSpec>();
  for (const spec of specs) {
    for (const name of [spec.key, spec.label, ...spec.aliases]) byHeader.set(headerKey(name), spec);
  }
  const keyAt: (string | null)[] = [];
  const seen = new Map<string, string>();
  const ignored: string[] = [];
  for (const header of headers) {
    const spec = byHeader.get(headerKey(header));
    if (!spec) {
      keyAt.push(null);
      if (header.trim()) ignored.push(header.trim());
      continue;
    }
    const earlier = seen.get(spec.key);
    if (earlier !== undefined) {
      throw new CsvLayoutError({
        line: 1,
        column: spec.key,
        message: `Columns "${earlier}" and "${header.trim()}" both give ${describeColumn(spec)}; keep one.`,
      });
    }
    seen.set(spec.key, header.trim());
    keyAt.push(spec.key);
  }
  const missing = specs.filter((spec) => spec.required && !seen.has(spec.key));
  if (missing.length > 0) {
    throw new CsvLayoutError({
      line: 1,
      column: missing[0]?.key ?? null,
      message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.map(describeColumn).join(', ')}. The header line has: ${headers.map((header) => `"${header.trim()}"`).join(', ')}.`,
    });
  }
  return { layout: { delimiter, present: new Set(seen.keys()), ignored }, keyAt };
}

export interface CsvReading {
  readonly layout: CsvLayout;
  /** The rows, read a chunk at a time so the event loop keeps serving other requests. */
  readonly rows: AsyncIterable<CsvRow>;
  /** Rows whose number of fields differs from the header's, and syntax errors, as they come. */
  readonly problems: CsvProblem[];
  /** Characters read so far, for a progress bar. */
  readonly charsRead: () => number;
}

/**
 * Reads a CSV text with a header line: finds the separator, maps the headers to the spec's
 * columns (French or English names) and yields each record with its line number. A record with
 * the wrong number of fields becomes a problem, not a row; a syntax error (an unclosed quote)
 * ends the reading with a problem naming its line.
 */
export function readCsv(text: string, specs: readonly ColumnSpec[]): CsvReading {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const headerLine = firstLineOf(body);
  if (!headerLine.trim()) {
    throw new CsvLayoutError({
      line: 1,
      column: null,
      message: 'The file is empty: the first line must name the columns.',
    });
  }
  if (headerLine.length > MAX_RECORD_CHARS) {
    throw new CsvLayoutError({
      line: 1,
      column: null,
      message: `The first line is ${headerLine.length} characters long: it is not a header line of column names.`,
    });
  }
  const delimiter = delimiterOf(headerLine);
  if (!delimiter) {
    throw new CsvLayoutError({
      line: 1,
      column: null,
      message: 'The header line has no separator: columns must be separated by ";" or ",".',
    });
  }
  const headers = headerLine.split(delimiter).map((cell) => cell.replace(/^"|"$/g, ''));
  const { layout, keyAt } = layoutOf(headers, specs, delimiter);
  const problems: CsvProblem[] = [];
  const parser = parse({
    delimiter,
    from_line: 2,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  let consumed = 0;
  const chunks = (function* () {
    for (let start = 0; start < body.length; start += CHUNK_CHARS) {
      consumed = Math.min(body.length, start + CHUNK_CHARS);
      yield body.slice(start, start + CHUNK_CHARS);
    }
  })();
  const source = Readable.from(chunks, { objectMode: false });
  source.pipe(parser);
  source.on('error', (error) => parser.destroy(error));
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        if (record.every((cell) => cell.trim() === '')) continue;
        if (record.length !== headers.length) {
          problems.push({
            line: info.lines,
            column: null,
            message: `This line has ${record.length} field${record.length > 1 ? 's' : ''}; the header has ${headers.length} (is a "${delimiter}" missing or one too many, or a value with a "${delimiter}" not in quotes?).`,
          });
          continue;
        }
        const values: Record<string, string> = {};
        record.forEach((cell, index) => {
          const key = keyAt[index];
          if (key) values[key] = cell.trim();
        });
        yield { line: info.lines, values };
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const line = (error as CsvError & { lines?: number }).lines ?? null;
      problems.push({
        line,
        column: null,
        message:
          error.code === 'CSV_QUOTE_NOT_CLOSED'
            ? `A quote (") opened before line ${line ?? '?'} is never closed: the rest of the file cannot be read.`
            : `The file cannot be read as CSV from here on: ${error.message}`,
      });
    }
  }
  return { layout, rows: rows(), problems, charsRead: () => consumed };
}
