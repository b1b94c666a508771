import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The sample files of docs/imports, as départements would send them. */
export function sampleFile(kind: 'structures' | 'accounts' | 'people' | 'team'): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../docs/imports/${kind}.csv`, import.meta.url)));
}

export interface ReportProblem {
  line: number | null;
  column: string | null;
  message: string;
}

export interface Report {
  kind: string;
  territory: string;
  dryRun: boolean;
  applied: boolean;
  encoding: string | null;
  delimiter: string | null;
  rows: number;
  counts: { created: number; updated: number; unchanged: number; skipped: number };
  errorCount: number;
  errors: ReportProblem[];
  warningCount: number;
  warnings: ReportProblem[];
  ignoredColumns: string[];
  importId: string | null;
}

/** A NIR body of 13 digits with its key. */
export function nirWithKey(body: string): string {
  return body + String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
}
