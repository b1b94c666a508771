/**
 * `npm run bench -- [--size S|M|L] [--quick] [--no-build] [--only caseload,open-file,search,home,email,handover,notify-latency,sockets,growth,import] [--account EMAIL] [--growth S=URL,M=URL,L=URL] [--import-people N]`
 *
 * Measures Relais (production build, authorization and access log on) against its raw limit
 * (bench/raw/raw-server.mjs: same JSON, one SQL statement, no framework) in the same run, on the
 * bench data of DATABASE_URL (npm run bench:seed), loopback only; then the write and realtime
 * scenarios (email-dispatch.mjs, bench/realtime/), which have no raw limit and print their own
 * figures. `import`
 * (bench/import.mjs, only when --only names it) measures bulk CSV imports of people.
 * See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { accessToken, endSessions } from './lib/auth.mjs';
import { firstJsonLine, isPostgresProcess, procAvailable, startChild } from './lib/processes.mjs';
import { startRelais } from './lib/relais.mjs';
import { dataSizes, measure, prepare } from './lib/measure.mjs';
import { rawBackends, relaisBackends } from './lib/postgres-cpu.mjs';
import { shapeDifferences, valueDifferences } from './lib/shape.mjs';
import { fixed, markdownTable } from './lib/table.mjs';
import { REALTIME_SCENARIOS, realtimeTable, runRealtimeScenario } from './realtime/index.mjs';
import { READ_SCENARIOS, requestBodies } from './scenarios.mjs';
import { growthDatabases, growthTable, runGrowth } from './growth.mjs';
import { IMPORT_SCENARIO, importPeopleOf, importTable, runImport } from './import.mjs';
import { EMAIL_SCENARIO, emailTable, runEmailDispatch } from './email-dispatch.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE =
  'usage: npm run bench -- [--size S|M|L] [--quick] [--no-build] [--only caseload,open-file,search,home,email,handover,notify-latency,sockets,growth,import] [--account EMAIL] [--growth S=URL,M=URL,L=URL] [--import-people N] [--notify-rate N[,N]]\n' +
  '  --no-build: measure dist/ as it is (built already), without npm run build\n' +
  '  --only: all but import by default; import (bulk CSV import of people, --import-people N per file, default 100,000, --quick 20,000) runs only when named\n' +
  "  --notify-rate N[,N]: handovers per second of notify-latency, each in turn (default 20,60: the issue's two targets)";
const say = (line) => void process.stdout.write(`bench: ${line}\n`);

function parseArguments(argv) {
  const options = {
    size: 'S',
    quick: false,
    only: [...READ_SCENARIOS, EMAIL_SCENARIO, ...REALTIME_SCENARIOS, 'growth'],
    build: true,
    growth: process.env.BENCH_GROWTH ?? '',
    account: 'bench.caseworker.1@relais.bench',
    importPeople: null,
    // notify-latency at each rate in turn: the issue's targets are at 20 and 60 handovers/s.
    notifyRates: [20, 60],
    connections: 10,
    runs: 3,
  };
  for (let index = 0; index < argv.length; index += 1) {
    const [name, inline] = argv[index].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++index];
    if (name === '--size') options.size = String(value()).toUpperCase();
    else if (name === '--quick') options.quick = true;
    else if (name === '--no-build') options.build = false;
    else if (name === '--only') options.only = String(value()).split(',');
    else if (name === '--account') options.account = value();
    else if (name === '--growth') options.growth = value();
    else if (name === '--import-people') {
      const count = Number(String(value()).replace(/[_,]/g, ''));
      if (!Number.isInteger(count) || count < 10 || count > 1_000_000) {
        throw new Error('--import-people takes a number of people from 10 to 1,000,000');
      }
      options.importPeople = count;
    } else if (name === '--notify-rate') {
      const rates = String(value()).split(',').map(Number);
      if (rates.some((rate) => !Number.isInteger(rate) || rate < 1 || rate > 200)) {
        throw new Error(
          '--notify-rate takes handovers per second from 1 to 200, several separated by commas',
        );
      }
      options.notifyRates = rates;
    } else if (name === '--help' || name === '-h') {
      say(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[index]}\n${USAGE}`);
  }
  if (!['S', 'M', 'L'].includes(options.size)) throw new Error(`--size must be S, M or L`);
  for (const scenario of options.only) {
    if (
      !READ_SCENARIOS.includes(scenario) &&
      !REALTIME_SCENARIOS.includes(scenario) &&
      scenario !== EMAIL_SCENARIO &&
      scenario !== 'growth' &&
      scenario !== IMPORT_SCENARIO
    ) {
      throw new Error(`unknown scenario ${scenario}`);
    }
  }
  options.growthDatabases = growthDatabases(options.growth);
  options.warmupSeconds = options.quick ? 1 : 3;
  options.runSeconds = options.quick ? 3 : 10;
  return options;
}

function requireDatabaseUrl() {
  const url = process.env.DATABASE_URL;
  if (url) return url;
  say('DATABASE_URL is required: the database holding the bench data. Either');
  say(
    "  - the machine's PostgreSQL: createdb relais_bench && export DATABASE_URL=postgres://USER@127.0.0.1:5432/relais_bench",
  );
  say(
    '  - or the embedded one of `npm start`: start it once, it prints its URL (postgres://...@127.0.0.1:PORT/relais)',
  );
  say('then: npm run bench:seed -- --size S && npm run bench -- --size S');
  process.exit(2);
}

function isLoopback(url) {
  const host = new URL(url).hostname;
  return ['127.0.0.1', 'localhost', '::1', '[::1]', ''].includes(host);
}

async function post(url, headers, body) {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, json: await response.json() };
}

/** Each rotated request once to both servers: no error, and the same shape. */
async function verify(targets, bodies) {
  const problems = [];
  let differentValues = 0;
  const examples = [];
  for (const body of bodies) {
    const [relais, raw] = await Promise.all(
      targets.map((target) => post(target.url, target.headers, body)),
    );
    for (const [name, answer] of [
      ['Relais', relais],
      ['raw', raw],
    ]) {
      if (answer.status !== 200 || answer.json.errors) {
        problems.push(
          `${name} answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 300)}`,
        );
      }
    }
    const shape = shapeDifferences(relais.json, raw.json);
    if (shape.length) problems.push(...shape.slice(0, 5));
    const values = valueDifferences(relais.json, raw.json);
    differentValues += values.length;
    if (values.length && examples.length < 5)
      examples.push(...values.slice(0, 5 - examples.length));
    if (problems.length > 10) break;
  }
  return { problems, differentValues, examples };
}

function table(results) {
  const header = [
    'scenario',
    'server',
    'req/s',
    'p50 ms',
    'p99 ms',
    'ratio',
    'Node CPU ms/req',
    'PG CPU ms/req',
    'failures',
  ];
  const lines = [];
  for (const entry of results) {
    if (entry.status !== 'measured') {
      lines.push([entry.scenario, entry.status, '', '', '', '', '', '', '']);
      continue;
    }
    for (const name of ['relais', 'raw']) {
      const side = entry[name];
      lines.push([
        entry.scenario,
        name === 'relais' ? 'Relais' : 'raw limit',
        fixed(side.requestsPerSecond, 0),
        fixed(side.p50Ms, 0),
        fixed(side.p99Ms, 0),
        name === 'relais' ? fixed(entry.ratio, 2) : '1.00',
        fixed(side.nodeCpuMsPerRequest, 2),
        fixed(side.postgresCpuMsPerRequest, 2),
        String(side.failures),
      ]);
    }
  }
  return markdownTable(header, lines);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const growthOnly = options.only.every((scenario) => scenario === 'growth');
  // The import scenario starts its own Relais and signs in its own admin: alone, it needs
  // neither the bench's caseworker nor its instance.
  const importOnly = options.only.every((scenario) => scenario === IMPORT_SCENARIO);
  const databaseUrl =
    growthOnly && options.growthDatabases.has('S')
      ? options.growthDatabases.get('S')
      : requireDatabaseUrl();
  if (options.build) {
    say('building (npm run build)');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed');
  } else say('not building (--no-build): dist/ as it is');

  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'relais-bench' });
  await client.connect();
  const stops = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0)) await stop();
  };
  const sessionIds = [];
  try {
    const fixtures = importOnly ? null : await prepare(client, options.account);
    if (fixtures) sessionIds.push(fixtures.sessionId);
    const data = fixtures?.data ?? (await dataSizes(client));
    say(
      `data: ${data.people} people, ${data.accounts} accounts, ${data.timeline_events} timeline events${fixtures ? `; as ${options.account}` : ''}`,
    );
    const logDir = join(os.tmpdir(), `relais-bench-${process.pid}`);
    mkdirSync(logDir, { recursive: true });
    const secret = randomBytes(36).toString('base64url');

    const readScenarios = options.only.filter((scenario) => READ_SCENARIOS.includes(scenario));
    // In this order: handover uses the instance above, the others stop it first.
    const realtimeScenarios = REALTIME_SCENARIOS.filter((scenario) =>
      options.only.includes(scenario),
    );
    const relais =
      growthOnly || importOnly
        ? null
        : await startRelais({
            root: ROOT,
            databaseUrl,
            secret,
            logFile: join(logDir, 'relais.log'),
            name: 'Relais',
          });
    if (relais) stops.push(relais.stop);
    const token = fixtures
      ? await accessToken(secret, fixtures.accountId, fixtures.sessionId)
      : null;
    const targets = [
      {
        name: 'relais',
        pid: relais?.pid,
        url: relais?.url,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        pgOwns: relaisBackends,
      },
    ];
    if (readScenarios.length > 0) {
      const raw = startChild(process.execPath, ['bench/raw/raw-server.mjs'], {
        cwd: ROOT,
        log: createWriteStream(join(logDir, 'raw.log')),
        env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: '0' },
      });
      stops.push(raw.stop);
      const { port: rawPort } = await firstJsonLine(raw.child, 10_000, 'the raw server');
      targets.push({
        name: 'raw',
        pid: raw.child.pid,
        url: `http://127.0.0.1:${rawPort}/graphql`,
        headers: { 'content-type': 'application/json', 'x-bench-account': fixtures.accountId },
        pgOwns: rawBackends,
      });
      say(
        `Relais on 127.0.0.1:${relais.port} (log ${relais.logFile}), raw limit on 127.0.0.1:${rawPort}`,
      );
    } else if (relais) {
      say(`Relais on 127.0.0.1:${relais.port} (log ${relais.logFile})`);
    }
    // Whether this user can read PostgreSQL's processes: the bench's own backend tells.
    const { rows: backend } = await client.query('SELECT pg_backend_pid() AS pid');
    const pgLocal = isLoopback(databaseUrl) && procAvailable() && isPostgresProcess(backend[0].pid);
    if (!pgLocal)
      say('PostgreSQL CPU: n/a (not a local server whose processes this user can read)');

    const results = [];
    for (const scenario of readScenarios) {
      const bodies = requestBodies(scenario, fixtures);
      const check = await verify(targets, bodies);
      if (check.problems.length) {
        say(`${scenario}: Relais and the raw limit do not answer alike, not measured:`);
        for (const problem of check.problems) say(`  ${problem}`);
        results.push({
          scenario,
          status: 'not measured: answers differ',
          problems: check.problems,
        });
        continue;
      }
      say(
        `${scenario}: ${bodies.length} distinct request(s), same shape on both; ${check.differentValues} leaf value(s) differ${check.examples.length ? ` (e.g. ${check.examples.join(', ')})` : ''}`,
      );
      const summary = await measure(scenario, targets, bodies, options, client, pgLocal);
      results.push({
        scenario,
        status: 'measured',
        distinctRequests: bodies.length,
        differentValues: check.differentValues,
        ...summary,
      });
    }

    // Emails on the bench's instance (its email.send job), before handover adds its own.
    const emailed =
      relais && options.only.includes(EMAIL_SCENARIO)
        ? await runEmailDispatch({ client, relais, root: ROOT, options, pgLocal, say })
        : null;

    // Write and realtime scenarios: after the reads, whose data they change (referents).
    const realtimeResults = [];
    const context = {
      client,
      databaseUrl,
      secret,
      root: ROOT,
      logDir,
      options,
      relais,
      pgLocal,
      // Its outbox dispatcher would take events from the instances a scenario starts.
      stopBenchInstance: stopAll,
      sessionIds,
      say,
    };
    for (const scenario of realtimeScenarios) {
      const rates = scenario === 'notify-latency' ? options.notifyRates : [null];
      for (const rate of rates) {
        const options_ = rate === null ? options : { ...options, notifyRate: rate };
        realtimeResults.push(
          await runRealtimeScenario(scenario, { ...context, options: options_ }),
        );
      }
    }

    // import alone too (its own instance), before growth.
    let imported = null;
    if (options.only.includes(IMPORT_SCENARIO)) {
      await stopAll();
      imported = await runImport({
        client,
        databaseUrl,
        secret,
        root: ROOT,
        logDir,
        options,
        say,
      });
    }

    // growth last: its instances (one per size) run alone.
    let growth = null;
    if (options.only.includes('growth')) {
      await stopAll();
      growth = await runGrowth({
        databases: options.growthDatabases,
        secret,
        root: ROOT,
        logDir,
        options,
        pgLocal,
        say,
      });
    }

    const printed = [
      ...(results.length ? [table(results)] : []),
      ...(emailed ? [emailTable(emailed)] : []),
      ...(realtimeResults.length ? [realtimeTable(realtimeResults)] : []),
      ...(imported ? [importTable(imported)] : []),
      ...(growth ? [growthTable(growth)] : []),
    ].join('\n\n');
    process.stdout.write(`\n${printed}\n\n`);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(ROOT, 'bench', 'results', `${stamp}-${options.size}.json`);
    const cpus = os.cpus();
    const report = {
      date: new Date().toISOString(),
      size: options.size,
      commit: spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).stdout.toString().trim(),
      // What the build held beyond that commit (files of the API being edited meanwhile).
      uncommitted: spawnSync('git', ['status', '--porcelain', '--', 'apps', 'libs'], { cwd: ROOT })
        .stdout.toString()
        .split('\n')
        .filter(Boolean),
      machine: {
        cpu: cpus[0]?.model ?? 'unknown',
        cores: cpus.length,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        os: `${os.type()} ${os.release()}`,
        node: process.version,
        postgres: data.server_version,
        postgresLocal: pgLocal,
      },
      data,
      protocol: {
        connections: options.connections,
        warmupSeconds: options.warmupSeconds,
        runSeconds: options.runSeconds,
        runs: options.runs,
        account: options.account,
        loopback: true,
        relais:
          'NODE_ENV=production, dist/apps/api/src/main.js, authorization and access log on, LOG_LEVEL=info',
        postgresCpu:
          "utime + stime from /proc of every backend that served the run (pg_stat_activity of the database sampled every 200 ms; a backend opened during the run counted whole), the loaded server's only (by application_name); see bench/lib/postgres-cpu.mjs",
        email:
          "20 emails to warm up, then 1,000 HANDOVER_PROPOSED emails queued in one statement, sent by the instance's email.send job to the bench's SMTP server; time from the commit to each receipt",
        realtime:
          'handover: closed loop, `connections` cycles in flight, on the bench instance; notify-latency: 20 handovers/s (open loop), 1,000 sockets on two fresh instances sharing a Redis; sockets: 5,000 sockets on a fresh instance, memory from /proc/<pid>/status',
        ...(imported
          ? {
              import: `${importPeopleOf(options)} people per file (bench/lib/people-csv.mjs), fresh territories deleted at the end; command line (dist/apps/api/src/tools/import.js) spawned on DATABASE_URL: dry run, import, same file, 10 % phones changed, wall time and report durationMs; raw COPY: the file as is into an unlogged table (pg-copy-streams), median of 3; responsiveness: { me { id } } at 20/s (open loop, latency from the due time) on a fresh instance, idle then during an API upload of another file of as many people`,
            }
          : {}),
      },
      results: [
        ...results,
        ...(emailed ? [emailed] : []),
        ...realtimeResults,
        ...(imported ? [imported] : []),
        ...(growth ? [growth] : []),
      ],
      table: printed,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    say(`written ${file}`);
    // Wrong counts are a bug, not a slow run: the bench says so by its exit code.
    if (imported && imported.status !== 'measured') {
      say(`import: ${imported.status}`);
      process.exitCode = 1;
    }
  } finally {
    await stopAll();
    await endSessions(client, sessionIds).catch((error) => {
      say(`the bench's sessions were not deleted: ${error.message}`);
    });
    await client.end();
  }
}

main().then(
  () => process.exit(),
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
