import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject } from '@casl/ability';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, type QueryRunner } from 'typeorm';
import { actingMembership, forbidden, recordAdminChange } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { AccountPrincipal } from '@relais/identity';
import { type TerritoryEntity, TerritoryRepository } from '@relais/organizations';
import { CsvLayoutError, type CsvLayout, readCsv } from './csv/csv-rows.js';
import { decodeCsvBytes, type TextEncodingName, UndecodableFileError } from './csv/decode.js';
import type {
  ImportActor,
  ImportCounts,
  ImportKindDefinition,
  ImportProblem,
  MergeContext,
} from './import-kind.js';
import { ImportKind, ImportSource } from './import-run.entity.js';
import { ImportRunRepository } from './import-run.repository.js';
import { accountsImport } from './kinds/accounts.kind.js';
import { peopleImport } from './kinds/people.kind.js';
import { structuresImport } from './kinds/structures.kind.js';
import { teamImport } from './kinds/team.kind.js';

export const IMPORT_KINDS: Readonly<Record<ImportKind, ImportKindDefinition>> = {
  [ImportKind.STRUCTURES]: structuresImport,
  [ImportKind.ACCOUNTS]: accountsImport,
  [ImportKind.PEOPLE]: peopleImport,
  [ImportKind.TEAM]: teamImport,
};

/** The most problems a report lists (it always gives their total). */
export const MAX_REPORTED_PROBLEMS = 1000;

export interface ImportRequest {
  readonly kind: ImportKind;
  readonly territoryCode: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
  readonly dryRun: boolean;
  /** Forces an encoding instead of recognizing it. */
  readonly encoding?: TextEncodingName;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  readonly phase: 'reading' | 'checking' | 'writing';
  /** Characters read, out of `total`. */
  readonly done: number;
  readonly total: number;
  readonly rows: number;
}

export interface ImportReport {
  readonly kind: ImportKind;
  readonly territory: string;
  readonly fileName: string;
  readonly dryRun: boolean;
  /** Whether the file's changes are in the database (never for a dry run or a file with errors). */
  readonly applied: boolean;
  readonly encoding: TextEncodingName | null;
  readonly delimiter: string | null;
  /** Data lines read (the header excluded). */
  readonly rows: number;
  /** What the run did, or what a dry run or a rejected run would have done with the valid rows. */
  readonly counts: ImportCounts;
  readonly errorCount: number;
  /** The first problems that stop the import, by line. */
  readonly errors: ImportProblem[];
  readonly warningCount: number;
  readonly warnings: ImportProblem[];
  /** Header cells the import does not know; their values are not read. */
  readonly ignoredColumns: string[];
  readonly importId: string | null;
  readonly durationMs: number;
}

interface Origin {
  readonly source: ImportSource;
  readonly actor: ImportActor;
  readonly operator: string | null;
}

const NO_COUNTS: ImportCounts = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
/** The advisory lock's first key: one real import at a time per territory. */
const IMPORT_LOCK_KEY = 0x1a9e5;
const UNIQUE_VIOLATION = '23505';
const COPY_BATCH_CHARS = 256 * 1024;
/** Lines validated between two turns given to other requests (a few milliseconds of work). */
const LINES_PER_TURN = 250;

/** A value in COPY's text format. */
function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

function byLine(a: ImportProblem, b: ImportProblem): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

/**
 * Bulk imports of a territory's structures, accounts, people and teams from CSV files. A file
 * is read, checked and merged in one transaction: rows go to a temporary staging table by COPY,
 * the checks and the merge are set-based SQL. A file with any error writes nothing (all or
 * nothing); a dry run reports the same problems and counts and always writes nothing.
 */
@Injectable()
export class ImportService {
  // The repositories default to ones of the data source for the command line, built outside Nest.
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional()
    private readonly territories: TerritoryRepository = new TerritoryRepository(dataSource),
    @Optional() private readonly runs: ImportRunRepository = new ImportRunRepository(dataSource),
  ) {}

  /** A territory admin's upload. Unknown and foreign territories get the same answer. */
  async importAsAdmin(principal: AccountPrincipal, request: ImportRequest): Promise<ImportReport> {
    const territory = await this.territories.byCode(request.territoryCode);
    if (!territory) throw forbidden();
    const acting = actingMembership(principal, (ability) =>
      ability.can('import', subject('Territory', { id: territory.id })),
    );
    return this.run(territory, request, {
      source: ImportSource.API,
      actor: { accountId: principal.accountId, membershipId: acting.id },
      operator: null,
    });
  }

  /** An operator's command line, with direct access to the database. */
  async importAsOperator(operator: string, request: ImportRequest): Promise<ImportReport> {
    const territory = await this.territories.byCode(request.territoryCode);
    if (!territory) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.UnknownTerritory,
        `territory: no territory has the code "${request.territoryCode}"`,
        {
          field: 'territory',
        },
      );
    }
    return this.run(territory, request, {
      source: ImportSource.CLI,
      actor: { accountId: null, membershipId: null },
      operator: operator.slice(0, 100),
    });
  }

  private async run(
    territory: TerritoryEntity,
    request: ImportRequest,
    origin: Origin,
  ): Promise<ImportReport> {
    const startedAt = new Date();
    const started = performance.now();
    const definition = IMPORT_KINDS[request.kind];
    const report = (fields: Partial<ImportReport>): ImportReport => {
      const errors = [...(fields.errors ?? [])].sort(byLine);
      const warnings = [...(fields.warnings ?? [])].sort(byLine);
      return {
        kind: request.kind,
        territory: territory.code,
        fileName: request.fileName,
        dryRun: request.dryRun,
        applied: false,
        encoding: null,
        delimiter: null,
        rows: 0,
        counts: NO_COUNTS,
        ignoredColumns: [],
        importId: null,
        ...fields,
        errorCount: errors.length,
        errors: errors.slice(0, MAX_REPORTED_PROBLEMS),
        warningCount: warnings.length,
        warnings: warnings.slice(0, MAX_REPORTED_PROBLEMS),
        durationMs: Math.round(performance.now() - started),
      };
    };
    let decoded;
    try {
      decoded = await decodeCsvBytes(request.bytes, request.encoding);
    } catch (error) {
      if (!(error instanceof UndecodableFileError)) throw error;
      return report({ errors: [{ line: error.line, column: null, message: error.message }] });
    }
    let reading;
    try {
      reading = readCsv(decoded.text, definition.columns);
    } catch (error) {
      if (!(error instanceof CsvLayoutError)) throw error;
      return report({ encoding: decoded.encoding, errors: [error.problem] });
    }
    const layout: CsvLayout = reading.layout;
    const known = {
      encoding: decoded.encoding,
      delimiter: layout.delimiter,
      ignoredColumns: [...layout.ignored],
    };
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    await runner.startTransaction();
    try {
      if (!request.dryRun) await this.lockTerritory(runner, territory);
      const rowProblems: ImportProblem[] = [];
      const rows = await this.stage(
        runner,
        client,
        definition,
        reading,
        rowProblems,
        request,
        decoded.text.length,
      );
      const errors = [...reading.problems, ...rowProblems];
      if (rows === 0 && errors.length === 0) {
        errors.push({
          line: null,
          column: null,
          message: 'The file has no data line under its header.',
        });
      }
      request.onProgress?.({
        phase: 'checking',
        done: decoded.text.length,
        total: decoded.text.length,
        rows,
      });
      const context: MergeContext = {
        runner,
        territoryId: territory.id,
        present: layout.present,
        actor: origin.actor,
      };
      const checked = await definition.check(context);
      errors.push(...checked.errors);
      if (request.dryRun || errors.length > 0) {
        const counts = await definition.plan(context);
        await runner.rollbackTransaction();
        return report({ ...known, rows, counts, errors, warnings: checked.warnings });
      }
      request.onProgress?.({
        phase: 'writing',
        done: decoded.text.length,
        total: decoded.text.length,
        rows,
      });
      const counts = await definition.apply(context);
      const run = await this.runs.create(
        {
          territoryId: territory.id,
          kind: request.kind,
          source: origin.source,
          actorAccountId: origin.actor.accountId,
          actorMembershipId: origin.actor.membershipId,
          operator: origin.operator,
          fileName: request.fileName.slice(0, 255),
          fileSha256: createHash('sha256').update(request.bytes).digest('hex'),
          rows,
          ...counts,
          startedAt,
        },
        runner.manager,
      );
      if (origin.actor.accountId && origin.actor.membershipId) {
        await recordAdminChange(runner.manager, {
          actorAccountId: origin.actor.accountId,
          actorMembershipId: origin.actor.membershipId,
          action: `import.${request.kind.toLowerCase()}`,
          subjectType: 'ImportRun',
          subjectId: run.id,
          territoryId: territory.id,
          structureId: null,
          before: null,
          after: { fileName: run.fileName, fileSha256: run.fileSha256, rows, ...counts },
        });
      }
      await runner.commitTransaction();
      return report({
        ...known,
        rows,
        counts,
        applied: true,
        importId: run.id,
        warnings: checked.warnings,
      });
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.ImportCollided,
          'A change made in Relais during the import collided with one of its rows; nothing was imported. Run the import again.',
        );
      }
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async lockTerritory(runner: QueryRunner, territory: TerritoryEntity): Promise<void> {
    const [{ locked }] = await runner.manager.query<{ locked: boolean }[]>(
      'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked',
      [IMPORT_LOCK_KEY, territory.id],
    );
    if (!locked) {
      throw new DomainError(
        DomainErrorCode.Conflict,
        DomainErrorReason.ImportRunning,
        `An import is already running for territory ${territory.code}; run this one when it ends.`,
      );
    }
  }

  /** Validates each line and COPYs the valid ones into `import_stage`; gives the number of data lines. */
  private async stage(
    runner: QueryRunner,
    client: PoolClient,
    definition: ImportKindDefinition,
    reading: ReturnType<typeof readCsv>,
    problems: ImportProblem[],
    request: ImportRequest,
    total: number,
  ): Promise<number> {
    const columns = definition.staging.map((column) => `${column.name} ${column.type}`).join(', ');
    await runner.query(
      `CREATE TEMP TABLE import_stage (line integer NOT NULL, ${columns}) ON COMMIT DROP`,
    );
    const names = definition.staging.map((column) => column.name).join(', ');
    const copy = client.query(copyFrom(`COPY import_stage (line, ${names}) FROM STDIN`));
    const context = { now: new Date(), present: reading.layout.present };
    let rows = 0;
    let batch = '';
    const flush = async () => {
      if (!batch) return;
      const written = copy.write(batch);
      batch = '';
      if (!written) await once(copy, 'drain');
    };
    try {
      for await (const row of reading.rows) {
        rows += 1;
        const parsed = definition.parseRow(row, context);
        problems.push(...parsed.problems);
        if (parsed.values) batch += `${row.line}\t${parsed.values.map(copyField).join('\t')}\n`;
        if (batch.length >= COPY_BATCH_CHARS) await flush();
        if (rows % 2000 === 0) {
          request.onProgress?.({
            phase: 'reading',
            done: reading.charsRead(),
            total: total || 1,
            rows,
          });
        }
        // Other requests get their turn while a large file is read.
        if (rows % LINES_PER_TURN === 0) await yieldToEventLoop();
      }
      await flush();
      copy.end();
      await finished(copy);
    } catch (error) {
      copy.destroy();
      throw error;
    }
    return rows;
  }
}
