/**
 * import: bulk CSV import of people (libs/imports), against the target of 100 k people in
 * at most 30 s (COPY into a staging table, set-based merge), and whether the server stays
 * responsive while a large file is imported. On the bench database (DATABASE_URL), in fresh
 * territories of its own that it deletes at the end:
 *
 * 1. generates N people (default 100,000) as a département's software exports them
 *    (lib/people-csv.mjs, deterministic) into a temporary folder;
 * 2. the operator's command line (dist/apps/api/src/tools/import.js, spawned; wall time and the
 *    report's durationMs): a dry run, the real import (all created), the same file again (all
 *    unchanged), the file with the phone of 10 % of the rows changed (updated); the counts must
 *    be exactly those, else the scenario fails;
 * 3. the raw limit: the same file COPYed as it is into an unlogged scratch table
 *    (pg-copy-streams, no validation, no merge), the median of 3;
 * 4. responsiveness: a fresh Relais (production build) answers `{ me { id } }` at a fixed rate
 *    (open loop), idle, then while the same instance imports another N-people file uploaded by a
 *    territory admin through the API (POST /territories/:code/imports/people).
 */
import { spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { accessToken } from './lib/auth.mjs';
import { openLoop } from './lib/open-loop.mjs';
import {
  generatePeople,
  otherPhone,
  PEOPLE_CSV_HEADER,
  peopleCsv,
  PHONE,
} from './lib/people-csv.mjs';
import { cpuMsOf } from './lib/processes.mjs';
import { startRelais } from './lib/relais.mjs';
import { median } from './lib/stats.mjs';
import { fixed, markdownTable } from './lib/table.mjs';
import { loadSearchText } from './seed/database.mjs';

export const IMPORT_SCENARIO = 'import';
/** People per file unless --import-people says otherwise; --quick takes fewer. */
export const IMPORT_PEOPLE = 100_000;
const QUICK_IMPORT_PEOPLE = 20_000;
const TARGET_PEOPLE = 100_000;
const TARGET_SECONDS = 30;
const TARGET = '≤ 30 s for 100 k';
const SEED = 0x1a9e5;
/** The name of the territories the scenario creates: leftovers of an interrupted run are found by it. */
const TERRITORY_NAME = 'Bench import (temporary)';
const ADMIN_EMAIL = (code) => `bench-import-admin-${code.toLowerCase()}@relais.bench`;
const PROBE_RATE = 20;
const PROBE = JSON.stringify({ query: '{ me { id } }' });

export function importPeopleOf(options) {
  return options.importPeople ?? (options.quick ? QUICK_IMPORT_PEOPLE : IMPORT_PEOPLE);
}

/** Runs the command line on DATABASE_URL; its report (--report) and wall time. */
async function cli({ root, databaseUrl, file, territory, dryRun, dir, logDir, label }) {
  const reportFile = join(dir, `${label}.report.json`);
  const args = [
    'dist/apps/api/src/tools/import.js',
    'people',
    file,
    '--territory',
    territory,
    '--report',
    reportFile,
    ...(dryRun ? ['--dry-run'] : []),
  ];
  const log = createWriteStream(join(logDir, `import-${label}.log`));
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const code = await new Promise((resolve) => child.once('close', resolve));
  const wallMs = performance.now() - started;
  log.end();
  if (code !== 0) {
    throw new Error(`${label}: the command line exited with ${code}: ${output.slice(-800)}`);
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  return { wallMs, report };
}

/** Fails the scenario unless the report says exactly this. */
function expect(label, report, { rows, applied, counts }) {
  const problems = [];
  if (report.rows !== rows) problems.push(`rows ${report.rows}, expected ${rows}`);
  if (report.errorCount !== 0) {
    problems.push(
      `${report.errorCount} error(s), e.g. ${JSON.stringify(report.errors?.slice(0, 3))}`,
    );
  }
  if (report.applied !== applied) problems.push(`applied ${report.applied}, expected ${applied}`);
  for (const [key, value] of Object.entries(counts)) {
    if (report.counts?.[key] !== value)
      problems.push(`${key} ${report.counts?.[key]}, expected ${value}`);
  }
  if (problems.length) throw new Error(`${label}: ${problems.join('; ')}`);
}

/**
 * Deletes what the scenario created in these territories: their people (with, by cascade, their
 * timeline events, team rows and the rest of their files), their import_run rows, the admins'
 * memberships and accounts (their sessions by cascade), the territories. admin_audit_event is
 * append-only (a trigger refuses DELETE): its rows of the API import stay, naming ids that no
 * longer exist, as the audit trail of a deleted territory would.
 */
async function removeTerritories(client, territoryIds) {
  if (territoryIds.length === 0) return;
  await client.query('BEGIN');
  try {
    await client.query(`DELETE FROM person WHERE territory_id = ANY($1::uuid[])`, [territoryIds]);
    await client.query(`DELETE FROM import_run WHERE territory_id = ANY($1::uuid[])`, [
      territoryIds,
    ]);
    const { rows: accounts } = await client.query(
      `DELETE FROM membership WHERE territory_id = ANY($1::uuid[]) RETURNING account_id`,
      [territoryIds],
    );
    await client.query(
      `DELETE FROM account a WHERE a.id = ANY($1::uuid[]) AND a.email LIKE 'bench-import-admin-%'
          AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.account_id = a.id)`,
      [accounts.map((row) => row.account_id)],
    );
    await client.query(`DELETE FROM territory WHERE id = ANY($1::uuid[])`, [territoryIds]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  // The other scenarios then find the tables as the seed left them: no dead rows, fresh statistics.
  await client.query('VACUUM (ANALYZE) person, timeline_event');
}

/** Two territory codes that do not exist ('Z' and two digits: no département has them). */
async function freeCodes(client, count) {
  const { rows } = await client.query(
    `SELECT code FROM (SELECT 'Z' || lpad(n::text, 2, '0') AS code, n FROM generate_series(0, 99) n) c
      WHERE NOT EXISTS (SELECT 1 FROM territory t WHERE t.code = c.code) ORDER BY n LIMIT $1`,
    [count],
  );
  if (rows.length < count) throw new Error('no free territory code Z00 to Z99');
  return rows.map((row) => row.code);
}

async function rawCopy(client, file, runs) {
  const table = `bench_import_raw_${process.pid}`;
  const columns = PEOPLE_CSV_HEADER.map((_, index) => `c${index} text`).join(', ');
  const times = [];
  try {
    await client.query(`CREATE UNLOGGED TABLE ${table} (${columns})`);
    for (let run = 0; run < runs; run += 1) {
      await client.query(`TRUNCATE ${table}`);
      const started = performance.now();
      const copy = client.query(
        copyFrom(`COPY ${table} FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)`),
      );
      await pipeline(createReadStream(file), copy);
      times.push(performance.now() - started);
    }
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
    return { runsMs: times, ms: median(times), rows: rows[0].n };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

export async function runImport({ client, databaseUrl, secret, root, logDir, options, say }) {
  const people = importPeopleOf(options);
  const dir = mkdtempSync(join(os.tmpdir(), 'relais-bench-import-'));
  const territoryIds = [];
  let relais = null;
  try {
    // An interrupted run's territories, people and admins first.
    const { rows: leftovers } = await client.query(`SELECT id FROM territory WHERE name = $1`, [
      TERRITORY_NAME,
    ]);
    if (leftovers.length) {
      say(`import: removing ${leftovers.length} territory(ies) left by an interrupted run`);
      await removeTerritories(
        client,
        leftovers.map((row) => row.id),
      );
    }

    // 1. The files.
    const searchText = await loadSearchText();
    let started = performance.now();
    const rows = generatePeople({ count: people, seed: SEED, prefix: 'IMPA', searchText });
    let changed = 0;
    const changedRows = rows.map((row, index) => {
      if (index % 10 !== 9) return row;
      changed += 1;
      const copy = [...row];
      copy[PHONE] = otherPhone(row[PHONE]);
      return copy;
    });
    const second = generatePeople({ count: people, seed: SEED + 1, prefix: 'IMPB', searchText });
    const files = {
      first: join(dir, 'people-a.csv'),
      changed: join(dir, 'people-a-changed.csv'),
      second: join(dir, 'people-b.csv'),
    };
    writeFileSync(files.first, peopleCsv(rows));
    writeFileSync(files.changed, peopleCsv(changedRows));
    const secondBytes = Buffer.from(peopleCsv(second));
    writeFileSync(files.second, secondBytes);
    const bytes = readFileSync(files.first).length;
    say(
      `import: ${people.toLocaleString('en-US')} people per file (${(bytes / 2 ** 20).toFixed(1)} MB) generated in ${((performance.now() - started) / 1000).toFixed(1)} s, in ${dir}`,
    );

    // 2. Two fresh territories: the command line's, and the API's with its territory admin.
    const [cliCode, apiCode] = await freeCodes(client, 2);
    const { rows: territories } = await client.query(
      `INSERT INTO territory (code, name) VALUES ($1, $3), ($2, $3) RETURNING id, code`,
      [cliCode, apiCode, TERRITORY_NAME],
    );
    territoryIds.push(...territories.map((row) => row.id));
    const apiTerritory = territories.find((row) => row.code === apiCode);
    const { rows: admins } = await client.query(
      `INSERT INTO account (email, given_name, family_name) VALUES ($1, 'Admin', 'Import bench')
       RETURNING id`,
      [ADMIN_EMAIL(apiCode)],
    );
    const adminId = admins[0].id;
    await client.query(
      `INSERT INTO membership (account_id, role, territory_id) VALUES ($1, 'TERRITORY_ADMIN', $2)`,
      [adminId, apiTerritory.id],
    );
    const { rows: sessions } = await client.query(
      `INSERT INTO session (account_id, amr) VALUES ($1, '{bench}') RETURNING id`,
      [adminId],
    );
    const token = await accessToken(secret, adminId, sessions[0].id);
    say(
      `import: territories ${cliCode} (command line) and ${apiCode} (API, its admin ${ADMIN_EMAIL(apiCode)})`,
    );

    // 3. The command line.
    const run = (label, file, dryRun) =>
      cli({ root, databaseUrl, file, territory: cliCode, dryRun, dir, logDir, label });
    const steps = [];
    const step = async (label, what, file, dryRun, expected) => {
      const result = await run(label, file, dryRun);
      expect(what, result.report, { rows: people, applied: !dryRun, counts: expected });
      steps.push({
        step: label,
        what,
        wallMs: result.wallMs,
        durationMs: result.report.durationMs,
        counts: result.report.counts,
      });
      say(
        `import: ${what}: ${(result.wallMs / 1000).toFixed(1)} s wall, ${(result.report.durationMs / 1000).toFixed(1)} s in the import; ${JSON.stringify(result.report.counts)}`,
      );
    };
    const none = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
    await step('dry-run', 'CLI dry run', files.first, true, { ...none, created: people });
    await step('import', 'CLI import (all new)', files.first, false, { ...none, created: people });
    const { rows: imported } = await client.query(
      `SELECT count(*)::int AS n FROM person WHERE territory_id = (SELECT id FROM territory WHERE code = $1)`,
      [cliCode],
    );
    if (imported[0].n !== people) {
      throw new Error(
        `CLI import: ${imported[0].n} people in territory ${cliCode}, expected ${people}`,
      );
    }
    await step('again', 'CLI same file again', files.first, false, { ...none, unchanged: people });
    await step('changed', 'CLI 10 % phones changed', files.changed, false, {
      ...none,
      updated: changed,
      unchanged: people - changed,
    });

    // 4. The raw limit: the same bytes COPYed as they are.
    const raw = await rawCopy(client, files.first, 3);
    if (raw.rows !== people) throw new Error(`raw COPY: ${raw.rows} rows, expected ${people}`);
    say(
      `import: raw COPY of the file: ${(raw.ms / 1000).toFixed(2)} s (median of ${raw.runsMs.length})`,
    );

    // 5. Responsiveness of a Relais importing through its API.
    relais = await startRelais({
      root,
      databaseUrl,
      secret,
      logFile: join(logDir, 'relais-import.log'),
      name: 'Relais (import)',
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const probe = (signal) => fetch(relais.url, { method: 'POST', headers, body: PROBE, signal });
    const check = await (await probe(AbortSignal.timeout(10_000))).json();
    if (check.data?.me?.id !== adminId) {
      throw new Error(`the probe { me { id } } answered ${JSON.stringify(check).slice(0, 300)}`);
    }
    // Warm-up of the probe's path (connections, JIT), not counted.
    await openLoop({ request: probe, rate: PROBE_RATE, seconds: options.quick ? 1 : 3 });
    const idleSeconds = options.quick ? 3 : 10;
    const idle = await openLoop({ request: probe, rate: PROBE_RATE, seconds: idleSeconds });
    say(
      `import: idle, { me { id } } at ${PROBE_RATE}/s: p50 ${fixed(idle.p50Ms, 1)} ms, p99 ${fixed(idle.p99Ms, 1)} ms (${idle.count} requests, ${idle.failures} failures)`,
    );
    const nodeBefore = cpuMsOf(relais.pid);
    started = performance.now();
    const upload = fetch(
      `${relais.baseUrl}/territories/${apiCode}/imports/people?fileName=people-b.csv`,
      {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: secondBytes,
        signal: AbortSignal.timeout(600_000),
      },
    ).then(async (response) => ({
      status: response.status,
      wallMs: performance.now() - started,
      report: await response.json(),
    }));
    const during = await openLoop({ request: probe, rate: PROBE_RATE, until: upload });
    const uploaded = await upload;
    const nodeAfter = cpuMsOf(relais.pid);
    if (uploaded.status !== 200) {
      throw new Error(
        `API import answered ${uploaded.status}: ${JSON.stringify(uploaded.report).slice(0, 500)}`,
      );
    }
    expect('API import', uploaded.report, {
      rows: people,
      applied: true,
      counts: { ...none, created: people },
    });
    say(
      `import: API import: ${(uploaded.wallMs / 1000).toFixed(1)} s wall, ${(uploaded.report.durationMs / 1000).toFixed(1)} s in the import; meanwhile p50 ${fixed(during.p50Ms, 1)} ms, p99 ${fixed(during.p99Ms, 1)} ms, max ${fixed(during.maxMs, 0)} ms (${during.count} requests, ${during.failures} failures; the bench's own event loop delayed at most ${during.clientLoopMaxMs} ms); slowest ${during.slowest.map(({ atS, ms }) => `${ms} ms at ${atS} s`).join(', ')}`,
    );
    const api = {
      step: 'api',
      what: 'API import (all new), probed',
      wallMs: uploaded.wallMs,
      durationMs: uploaded.report.durationMs,
      counts: uploaded.report.counts,
      relaisCpuMs: nodeBefore === null || nodeAfter === null ? null : nodeAfter - nodeBefore,
    };
    const cliImport = steps.find((entry) => entry.step === 'import');
    const judged = people === TARGET_PEOPLE;
    const verdict = (ms) =>
      judged
        ? ms <= TARGET_SECONDS * 1000
          ? 'met'
          : 'missed'
        : `not judged (${people.toLocaleString('en-US')} people)`;
    return {
      scenario: IMPORT_SCENARIO,
      status: 'measured',
      people,
      fileBytes: bytes,
      territories: { cli: cliCode, api: apiCode },
      target: TARGET,
      // The operator waits for the wall time: the process, its connection and the import.
      targetMet: judged ? cliImport.wallMs <= TARGET_SECONDS * 1000 : null,
      verdicts: { cli: verdict(cliImport.wallMs), api: verdict(api.wallMs) },
      steps: [...steps, api],
      rawCopy: raw,
      ratioToRawCopy: cliImport.durationMs / raw.ms,
      responsiveness: {
        request: '{ me { id } }',
        ratePerSecond: PROBE_RATE,
        idle,
        duringImport: during,
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    say(`import: FAILED: ${message}`);
    return { scenario: IMPORT_SCENARIO, status: `failed: ${message}`, people };
  } finally {
    await relais?.stop();
    const cleanup = performance.now();
    await removeTerritories(client, territoryIds).then(
      () => {
        if (territoryIds.length) {
          say(
            `import: removed its territories, people and admin (and vacuumed) in ${((performance.now() - cleanup) / 1000).toFixed(1)} s`,
          );
        }
      },
      (error) => {
        say(`import: the scenario's territories were not all removed: ${error.message}`);
      },
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The import's figures, then the probe's latencies idle and during the API import. */
export function importTable(result) {
  if (result.status !== 'measured') {
    return markdownTable(
      ['import', 'status'],
      [[`import (${result.people} people)`, result.status]],
    );
  }
  const people = result.people.toLocaleString('en-US');
  const header = [
    'import',
    'people',
    'wall s',
    'import s',
    '× raw COPY',
    'created',
    'updated',
    'unchanged',
    'target',
    'verdict',
  ];
  const lines = result.steps.map((entry) => [
    entry.what,
    people,
    fixed(entry.wallMs / 1000, 1),
    fixed(entry.durationMs / 1000, 1),
    fixed(entry.durationMs / result.rawCopy.ms, 1),
    entry.counts.created.toLocaleString('en-US'),
    entry.counts.updated.toLocaleString('en-US'),
    entry.counts.unchanged.toLocaleString('en-US'),
    entry.step === 'import' || entry.step === 'api' ? result.target : '',
    entry.step === 'import' ? result.verdicts.cli : entry.step === 'api' ? result.verdicts.api : '',
  ]);
  lines.push([
    'raw COPY of the file (no checks, no merge)',
    people,
    '',
    fixed(result.rawCopy.ms / 1000, 2),
    '1.0',
    '',
    '',
    '',
    '',
    '',
  ]);
  const { idle, duringImport } = result.responsiveness;
  const probeHeader = [
    `${result.responsiveness.request} at ${result.responsiveness.ratePerSecond}/s`,
    'requests',
    'p50 ms',
    'p99 ms',
    'max ms',
    'failures',
  ];
  const probeLines = [
    ['idle', idle],
    ['during the API import', duringImport],
  ].map(([name, side]) => [
    name,
    String(side.count),
    fixed(side.p50Ms, 1),
    fixed(side.p99Ms, 1),
    fixed(side.maxMs, 0),
    String(side.failures),
  ]);
  return `${markdownTable(header, lines)}\n\n${markdownTable(probeHeader, probeLines)}`;
}
