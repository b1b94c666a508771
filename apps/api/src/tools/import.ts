/**
 * `npm run import -- <kind> <file> --territory <code> [--dry-run] [--encoding utf-8|windows-1252]
 * [--report <file.json>]`: a bulk CSV import by an operator (decision 0015), on DATABASE_URL or,
 * without it, on the embedded PostgreSQL of .data/ (shared with a running `npm start`). Shows a
 * progress bar, then the counts and the problems by line and column. Exits 1 when the file has
 * errors (a real run then writes nothing), 2 on a usage error.
 */
import 'reflect-metadata';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { DomainError } from '@relais/core';
import { buildDataSourceOptions } from '@relais/database';
import {
  ImportKind,
  type ImportReport,
  ImportService,
  type TextEncodingName,
} from '@relais/imports';
import { entities } from '../database/entities.js';
import { openLocalDatabase } from '../launcher/local-database.js';
import { runTool } from './run-tool.js';

const USAGE =
  'usage: npm run import -- <structures|accounts|people|team> <file.csv> --territory <code> [--dry-run] [--encoding utf-8|windows-1252] [--report <report.json>]';

const KINDS: Readonly<Record<string, ImportKind>> = {
  structures: ImportKind.STRUCTURES,
  structure: ImportKind.STRUCTURES,
  accounts: ImportKind.ACCOUNTS,
  account: ImportKind.ACCOUNTS,
  comptes: ImportKind.ACCOUNTS,
  people: ImportKind.PEOPLE,
  personnes: ImportKind.PEOPLE,
  team: ImportKind.TEAM,
  teams: ImportKind.TEAM,
  equipes: ImportKind.TEAM,
};

/** The largest file the command reads (the API takes up to 64 MB). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** Problems printed; `--report` writes them all. */
const PRINTED_PROBLEMS = 50;

const say = (line: string): void => void process.stdout.write(`relais: ${line}\n`);

class UsageError extends Error {}

interface Arguments {
  readonly kind: ImportKind;
  readonly file: string;
  readonly territory: string;
  readonly dryRun: boolean;
  readonly encoding?: TextEncodingName;
  readonly report?: string;
}

function parseArguments(args: string[]): Arguments {
  const positional: string[] = [];
  let territory: string | undefined;
  let dryRun = false;
  let encoding: TextEncodingName | undefined;
  let report: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    const value = () => {
      const next = args[index + 1];
      if (next === undefined || next.startsWith('--'))
        throw new UsageError(`${arg} needs a value. ${USAGE}`);
      index += 1;
      return next;
    };
    if (arg === '--territory') territory = value();
    else if (arg === '--dry-run') dryRun = true;
    else if (arg === '--report') report = value();
    else if (arg === '--encoding') {
      const name = value()
        .toLowerCase()
        .replace(/[^a-z0-9]/g, '');
      if (name === 'utf8') encoding = 'UTF-8';
      else if (name === 'windows1252' || name === 'cp1252') encoding = 'WINDOWS-1252';
      else throw new UsageError(`--encoding is utf-8 or windows-1252. ${USAGE}`);
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}. ${USAGE}`);
    else positional.push(arg);
  }
  const [kindName, file, ...rest] = positional;
  const kind = KINDS[kindName?.toLowerCase() ?? ''];
  if (!kind) throw new UsageError(`the kind is structures, accounts, people or team. ${USAGE}`);
  if (!file || rest.length > 0) throw new UsageError(USAGE);
  if (!territory) throw new UsageError(`--territory is required. ${USAGE}`);
  return { kind, file, territory, dryRun, encoding, report };
}

function n(count: number): string {
  return count.toLocaleString('en-US');
}

function plural(count: number, word: string): string {
  return `${n(count)} ${word}${count === 1 ? '' : 's'}`;
}

function printReport(report: ImportReport): void {
  const { counts } = report;
  const read =
    report.encoding && report.delimiter
      ? ` (${report.encoding}, separated by "${report.delimiter === '\t' ? 'tab' : report.delimiter}")`
      : '';
  say(`read ${plural(report.rows, 'line')}${read} in ${(report.durationMs / 1000).toFixed(1)} s`);
  if (report.ignoredColumns.length > 0) {
    say(`columns not used: ${report.ignoredColumns.map((column) => `"${column}"`).join(', ')}`);
  }
  const verb = report.applied ? '' : 'would ';
  say(
    `${verb}create ${n(counts.created)}, ${verb}update ${n(counts.updated)}, unchanged ${n(counts.unchanged)}, left out ${n(counts.skipped)}`,
  );
  for (const [title, problems, total] of [
    ['warning', report.warnings, report.warningCount],
    ['error', report.errors, report.errorCount],
  ] as const) {
    if (total === 0) continue;
    say(`${plural(total, title)}:`);
    for (const problem of problems.slice(0, PRINTED_PROBLEMS)) {
      const where = problem.line === null ? '' : `line ${problem.line}: `;
      process.stdout.write(`  ${where}${problem.message}\n`);
    }
    if (total > PRINTED_PROBLEMS) {
      process.stdout.write(
        `  … and ${total - PRINTED_PROBLEMS} more (--report <file.json> writes them all)\n`,
      );
    }
  }
  if (report.applied) say(`imported: ${report.importId}`);
  else if (report.dryRun)
    say(
      report.errorCount === 0
        ? 'dry run: the file is ready to import; nothing was written'
        : 'dry run: nothing was written',
    );
  else say('nothing was imported: fix the errors and run the import again (it is all or nothing)');
}

async function main(): Promise<void> {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`relais import: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const size = (await stat(args.file)).size;
  if (size > MAX_FILE_BYTES)
    throw new Error(`${args.file} is ${size} bytes; the import reads at most ${MAX_FILE_BYTES}`);
  const bytes = await readFile(args.file);
  const database = await openLocalDatabase({ shareRunning: true, onStart: say });
  url = database.url;
  try {
    const dataSource = new DataSource(
      await buildDataSourceOptions({
        url,
        entities,
        poolSize: 2,
        applicationName: 'relais-import',
      }),
    );
    await dataSource.initialize();
    try {
      const [found] = await dataSource.query<{ table: string | null }[]>(
        `SELECT to_regclass('import_run')::text AS "table"`,
      );
      if (!found?.table) throw new Error('the database is not migrated: run npm run migration:run');
      say(
        `import of ${args.kind.toLowerCase()} from ${basename(args.file)} into territory ${args.territory}${args.dryRun ? ' (dry run)' : ''}`,
      );
      const bar = new SingleBar({
        format: '  {bar} {percentage}% | {rows} lines | {phase}',
        stream: process.stderr,
        hideCursor: true,
        // Off a terminal (a cron job's log), one line every few seconds instead of a bar.
        noTTYOutput: true,
        notTTYSchedule: 3000,
      });
      bar.start(bytes.length || 1, 0, { rows: 0, phase: 'reading' });
      let report: ImportReport;
      try {
        report = await new ImportService(dataSource).importAsOperator(userInfo().username, {
          kind: args.kind,
          territoryCode: args.territory,
          fileName: basename(args.file),
          bytes,
          dryRun: args.dryRun,
          encoding: args.encoding,
          onProgress: (progress) =>
            bar.update(
              Math.round((progress.done / Math.max(progress.total, 1)) * (bytes.length || 1)),
              {
                rows: progress.rows,
                phase: progress.phase,
              },
            ),
        });
      } finally {
        bar.stop();
      }
      printReport(report);
      if (args.report) {
        await writeFile(args.report, `${JSON.stringify(report, null, 2)}\n`);
        say(`report written to ${args.report}`);
      }
      if (report.errorCount > 0) process.exitCode = 1;
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    if (error instanceof DomainError) throw new Error(error.message, { cause: error });
    throw error;
  } finally {
    await database.release();
  }
}

let url = '';
runTool('import', main, () => url);
