import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Report } from './import-support.js';
import { startFromEmptyTables } from '../support/app.js';

const TOOL = fileURLToPath(new URL('../../dist/apps/api/src/tools/import.js', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../../docs/imports/', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run import`'s tool from the build, on the worker's database. */
function runImport(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TOOL, ...args], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run import', () => {
  startFromEmptyTables();
  let client: pg.Client;
  let work: string;

  const count = async (sql: string): Promise<number> =>
    Number((await client.query<{ n: string }>(sql)).rows[0]?.n);

  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`INSERT INTO territory (code, name) VALUES ('44', 'Loire-Atlantique')`);
    work = mkdtempSync(join(tmpdir(), 'relais-import-'));
  });

  afterAll(async () => {
    await client.end();
    rmSync(work, { recursive: true, force: true });
  });

  it('dry-runs, then imports the sample structures, and says what it did', async () => {
    const file = join(SAMPLES, 'structures.csv');
    const dry = await runImport('structures', file, '--territory', '44', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('read 4 lines (UTF-8, separated by ";")');
    expect(dry.stdout).toContain('would create 4, would update 0, unchanged 0, left out 0');
    expect(dry.stdout).toContain('dry run: the file is ready to import; nothing was written');
    expect(await count('SELECT count(*) AS n FROM structure')).toBe(0);

    const real = await runImport('structures', file, '--territory', '44');
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('create 4, update 0, unchanged 0, left out 0');
    expect(await count(`SELECT count(*) AS n FROM structure WHERE external_id IS NOT NULL`)).toBe(
      4,
    );
    const { rows } = await client.query<{ source: string; operator: string; created: number }>(
      `SELECT source, operator, created FROM import_run`,
    );
    expect(rows).toEqual([{ source: 'CLI', operator: expect.any(String) as string, created: 4 }]);

    const again = await runImport('structures', file, '--territory', '44');
    expect(again.stdout).toContain('create 0, update 0, unchanged 4, left out 0');
  });

  it('lists the problems by line, writes the whole report on request, exits 1 and imports nothing', async () => {
    const file = join(work, 'people.csv');
    writeFileSync(
      file,
      [
        'identifiant;nom;prénom;date de naissance;code postal',
        'P-1;Morel;Jade;01/02/1995;44000',
        'P-2;Morel;Léo;1995-13-01;44000',
        'P-3;Morel;Noé;03/04/1996;4400A',
      ].join('\n'),
    );
    const reportFile = join(work, 'report.json');
    const run = await runImport('people', file, '--territory', '44', '--report', reportFile);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('2 errors:');
    expect(run.stdout).toContain('line 3: birth_date: "1995-13-01" is not a real date');
    expect(run.stdout).toContain(
      'line 4: postal_code: "4400A" is not a postal code of five digits',
    );
    expect(run.stdout).toContain('nothing was imported');
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
    expect(report).toMatchObject({ applied: false, errorCount: 2, counts: { created: 1 } });
    expect(await count('SELECT count(*) AS n FROM person')).toBe(0);
  });

  it('draws its progress on its error stream', async () => {
    const file = join(work, 'many.csv');
    const lines = ['identifiant;nom;prénom;date de naissance'];
    for (let index = 0; index < 5000; index += 1)
      lines.push(`M-${index};Nom${index};Ana;01/01/1990`);
    writeFileSync(file, lines.join('\n'));
    const run = await runImport('people', file, '--territory', '44', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('would create 5,000');
    // Off a terminal, the bar is drawn as lines: at the start and at the end at least.
    expect(run.stderr).toMatch(/ 0% \| 0 lines \| reading/);
    expect(run.stderr).toMatch(/ 100% \| 5000 lines \| checking/);
  });

  it('refuses bad usage and an unknown territory with one line', async () => {
    const file = join(SAMPLES, 'people.csv');
    const noTerritory = await runImport('people', file);
    expect(noTerritory.code).toBe(2);
    expect(noTerritory.stderr).toContain('--territory is required');
    const badKind = await runImport('pets', file, '--territory', '44');
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('the kind is structures, accounts, people or team');
    const unknown = await runImport('people', file, '--territory', '99');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('territory: no territory has the code "99"');
    const missing = await runImport('people', join(work, 'nowhere.csv'), '--territory', '44');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/relais import: .*nowhere\.csv/);
  });
});
