/**
 * web-perf: what the web client costs a caseworker at load, measured by Lighthouse in Debian's
 * headless Chromium, against the budgets of issue 20 (initial JS at most 250 KB compressed, CLS
 * under 0.1).
 *
 *   npm run build        (it builds nothing itself: it measures dist/ and dist/web as they are)
 *   npm run web:perf -- [--runs 1] [--preset desktop|mobile|both]
 *
 * It starts Relais as `npm start` does (the launcher: the embedded PostgreSQL on .data/postgres,
 * or DATABASE_URL when set; migrations; the demo data), on a free port. The API runs with
 * NODE_ENV=development because the demo's email sign-in is refused in production; the client it
 * serves is the production build, served the way production serves it (web/web-client.ts). For
 * each page it signs a demo caseworker in (POST /auth/dev/sign-in, the session cookie the browser
 * would get) and runs Lighthouse's performance category on the caseload and on one of her files
 * with that cookie, each run with a fresh session (refresh tokens rotate). Figures are
 * Lighthouse's simulated throttling (desktop: its desktop preset; mobile: a mid-range phone on
 * slow 4G): bytes and CLS do not depend on the machine; LCP and TBT, computed from the CPU time
 * observed, grow with its load, printed beside them. The API lists the build's compressed copies
 * when it starts: a build written during a run is measured uncompressed. It prints a table and
 * writes bench/results/web-perf-<date>.json. Exit code 1 when a budget is exceeded.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';

const CASEWORKER = 'claire.moreau@relais.demo';
const BUDGETS = { initialJsKb: 250, cls: 0.1 };
const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    preset: { type: 'string', default: 'both' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new Error('--runs takes 1 to 10');
const presets = values.preset === 'both' ? ['desktop', 'mobile'] : [values.preset];
if (!presets.every((preset) => preset === 'desktop' || preset === 'mobile')) {
  throw new Error('--preset takes desktop, mobile or both');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The launcher of `npm start`, until it says Relais is ready; resolves its base URL. */
function startRelais(port) {
  const launcher = new URL('../dist/apps/api/src/launcher/launcher.js', import.meta.url);
  const child = spawn(process.execPath, [launcher.pathname], {
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /Relais is ready on .*GraphQL: (\S+)\/graphql/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) =>
      reject(new Error(`Relais stopped before it was ready (${code}):\n${output}`)),
    );
  });
  return { child, ready };
}

async function signIn(baseUrl, cookie) {
  const response = await fetch(`${baseUrl}/auth/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: CASEWORKER, cookie }),
  });
  if (!response.ok) throw new Error(`the demo sign-in answered ${response.status}`);
  return { body: await response.json(), setCookie: response.headers.getSetCookie() };
}

/** The refresh cookie of a fresh session, as a Cookie header. */
async function sessionCookie(baseUrl) {
  const { setCookie } = await signIn(baseUrl, true);
  return setCookie.map((line) => line.split(';')[0]).join('; ');
}

/** The file of the first person of the caseworker's caseload. */
async function firstFilePath(baseUrl) {
  const { body } = await signIn(baseUrl, false);
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${body.accessToken}` },
    body: JSON.stringify({ query: '{ caseload(first: 1) { edges { node { person { id } } } } }' }),
  });
  const id = (await response.json()).data?.caseload.edges[0]?.node.person.id;
  if (!id) throw new Error(`${CASEWORKER} has no file in the demo data`);
  return `/personnes/${id}`;
}

const kb = (bytes) => Math.round(bytes / 102.4) / 10;

/** The figures of one Lighthouse report. */
function figures(lhr) {
  const requests = lhr.audits['network-requests'].details.items;
  const scripts = requests.filter((request) => request.resourceType === 'Script');
  const refresh = requests.find((request) => request.url.endsWith('/auth/refresh'));
  return {
    // Lighthouse's own failure (no LCP, a page that did not load...), if any.
    error: lhr.runtimeError?.code,
    signedIn: refresh?.statusCode === 200,
    scripts: scripts.map((request) => ({
      url: new URL(request.url).pathname,
      transferKb: kb(request.transferSize),
      resourceKb: kb(request.resourceSize),
    })),
    initialJsKb: kb(scripts.reduce((sum, request) => sum + request.transferSize, 0)),
    initialJsUncompressedKb: kb(scripts.reduce((sum, request) => sum + request.resourceSize, 0)),
    totalTransferKb: kb(lhr.audits['total-byte-weight'].numericValue),
    lcpMs: Math.round(lhr.audits['largest-contentful-paint'].numericValue),
    cls: Math.round(lhr.audits['cumulative-layout-shift'].numericValue * 1000) / 1000,
    tbtMs: Math.round(lhr.audits['total-blocking-time'].numericValue),
    score: Math.round((lhr.categories.performance.score ?? 0) * 100),
    // What moved, for the record: the culprits of a CLS over budget.
    layoutShifts: (lhr.audits['layout-shifts']?.details?.items ?? []).map((shift) => ({
      score: Math.round(shift.score * 1000) / 1000,
      element: shift.node?.selector ?? shift.node?.snippet,
    })),
  };
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

/** The median of each figure over the runs (the scripts of the first run). */
function medianOf(results) {
  const numeric = ['initialJsKb', 'initialJsUncompressedKb', 'totalTransferKb', 'lcpMs', 'cls'];
  const merged = {
    ...results[0],
    signedIn: results.every((result) => result.signedIn),
    error: results.find((result) => result.error)?.error,
  };
  for (const key of [...numeric, 'tbtMs', 'score']) {
    merged[key] = median(results.map((result) => result[key]));
  }
  return merged;
}

const port = await freePort();
const relais = startRelais(port);
let chrome;
try {
  const baseUrl = await relais.ready;
  const pages = [
    { name: 'caseload', path: '/accompagnements' },
    { name: 'file', path: await firstFilePath(baseUrl) },
  ];
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  const rows = [];
  for (const preset of presets) {
    for (const page of pages) {
      const results = [];
      for (let run = 0; run < runs; run++) {
        const answer = await lighthouse(
          `${baseUrl}${page.path}`,
          {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
            extraHeaders: { Cookie: await sessionCookie(baseUrl) },
          },
          preset === 'desktop' ? desktopConfig : undefined,
        );
        results.push(figures(answer.lhr));
      }
      rows.push({ page: page.name, path: page.path, preset, ...medianOf(results) });
    }
  }

  const load = os.loadavg().map((value) => value.toFixed(1));
  console.log(
    `\nweb-perf: ${CASEWORKER}, ${runs} run(s) each (median), Lighthouse simulated throttling;` +
      ` ${os.cpus().length} CPUs, load ${load.join(' ')}\n`,
  );
  const table = rows.map((row) => ({
    page: row.page,
    preset: row.preset,
    'initial JS (KB, compressed)': `${row.initialJsKb} ${row.initialJsKb <= BUDGETS.initialJsKb ? '≤' : '>'} ${BUDGETS.initialJsKb}`,
    'JS uncompressed (KB)': row.initialJsUncompressedKb,
    'total transfer (KB)': row.totalTransferKb,
    'LCP (ms)': row.lcpMs,
    CLS: `${row.cls} ${row.cls < BUDGETS.cls ? '<' : '≥'} ${BUDGETS.cls}`,
    'TBT (ms)': row.tbtMs,
    score: row.score,
    'signed in': row.signedIn ? 'yes' : 'NO',
    ...(row.error ? { error: row.error } : {}),
  }));
  console.table(table);
  const withinBudgets = rows.every(
    (row) => row.signedIn && row.initialJsKb <= BUDGETS.initialJsKb && row.cls < BUDGETS.cls,
  );
  console.log(withinBudgets ? 'within the budgets' : 'OVER BUDGET (or not signed in)');

  const resultsDir = new URL('./results/', import.meta.url);
  await mkdir(resultsDir, { recursive: true });
  const file = new URL(
    `web-perf-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    resultsDir,
  );
  await writeFile(
    file,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          cpuModel: os.cpus()[0]?.model,
          loadAverage: os.loadavg(),
        },
        lighthouse: (await import('lighthouse/package.json', { with: { type: 'json' } })).default
          .version,
        budgets: BUDGETS,
        runs,
        rows,
        withinBudgets,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written to ${file.pathname}`);
  process.exitCode = withinBudgets ? 0 : 1;
} finally {
  await chrome?.kill();
  if (relais.child.exitCode === null) {
    const exited = new Promise((resolve) => relais.child.once('exit', resolve));
    relais.child.kill('SIGTERM');
    await exited;
  }
}
