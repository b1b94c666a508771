/**
 * growth (PERFORMANCE.md): caseload and open-file at S, M and L, to show that their cost does not
 * grow with the territory's size. One Relais per size, each on its own bench database, all
 * started at once and loaded in interleaved runs, so that the machine's drift falls on every
 * size alike. Cost is CPU per request (Relais' Node process and the PostgreSQL backends of its
 * database) and latency; the factor is L (or the largest size given) over S.
 */
import { join } from 'node:path';
import pg from 'pg';
import { accessToken, endSessions } from './lib/auth.mjs';
import { measure, prepare } from './lib/measure.mjs';
import { startRelais } from './lib/relais.mjs';
import { fixed, markdownTable } from './lib/table.mjs';
import { requestBodies } from './scenarios.mjs';

export const GROWTH_SCENARIOS = ['caseload', 'open-file'];
const SIZES = ['S', 'M', 'L'];

/** `S=postgres://...,M=...,L=...` → Map size → URL; throws on anything else. */
export function growthDatabases(spec) {
  const databases = new Map();
  for (const part of String(spec).split(',').filter(Boolean)) {
    const [size, url] = part.split(/=(.*)/s, 2);
    const name = size.trim().toUpperCase();
    if (!SIZES.includes(name) || !url) {
      throw new Error(`--growth takes S=URL,M=URL,L=URL (got "${part}")`);
    }
    databases.set(name, url.trim());
  }
  return new Map([...databases].sort(([a], [b]) => SIZES.indexOf(a) - SIZES.indexOf(b)));
}

const cpuPerRequest = (side) =>
  side.nodeCpuMsPerRequest === null || side.postgresCpuMsPerRequest === null
    ? null
    : side.nodeCpuMsPerRequest + side.postgresCpuMsPerRequest;

/** Measures every size given; needs at least two, the smallest one S. */
export async function runGrowth({ databases, secret, root, logDir, options, pgLocal, say }) {
  if (databases.size < 2 || !databases.has('S')) {
    return {
      scenario: 'growth',
      status: 'not measured: give S and at least one larger size, --growth S=URL,L=URL',
    };
  }
  const sizes = [];
  try {
    for (const [size, url] of databases) {
      const client = new pg.Client({ connectionString: url, application_name: 'relais-bench' });
      await client.connect();
      const entry = { size, client, sessionIds: [] };
      sizes.push(entry);
      entry.fixtures = await prepare(client, options.account);
      entry.sessionIds.push(entry.fixtures.sessionId);
      entry.relais = await startRelais({
        root,
        databaseUrl: url,
        secret,
        logFile: join(logDir, `relais-growth-${size}.log`),
        name: `Relais (${size})`,
      });
      const token = await accessToken(secret, entry.fixtures.accountId, entry.fixtures.sessionId);
      entry.target = {
        name: size,
        pid: entry.relais.pid,
        url: entry.relais.url,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        pgClient: client,
      };
      say(
        `growth ${size}: ${entry.fixtures.data.people} people, ${entry.fixtures.data.timeline_events} timeline events; Relais on 127.0.0.1:${entry.relais.port}`,
      );
    }
    const scenarios = {};
    for (const scenario of GROWTH_SCENARIOS) {
      const targets = sizes.map((entry) => ({
        ...entry.target,
        bodies: requestBodies(scenario, entry.fixtures),
      }));
      for (const target of targets) {
        const response = await fetch(target.url, {
          method: 'POST',
          headers: target.headers,
          body: target.bodies[0],
        });
        const text = await response.text();
        if (response.status !== 200 || text.startsWith('{"errors"')) {
          throw new Error(`growth ${scenario} at ${target.name}: ${text.slice(0, 300)}`);
        }
      }
      scenarios[scenario] = await measure(scenario, targets, null, options, null, pgLocal);
    }
    const largest = sizes.at(-1).size;
    const factors = {};
    for (const [scenario, summary] of Object.entries(scenarios)) {
      const [small, large] = [summary.S, summary[largest]];
      const [smallCpu, largeCpu] = [cpuPerRequest(small), cpuPerRequest(large)];
      factors[scenario] = {
        cpuPerRequest: smallCpu && largeCpu !== null ? largeCpu / smallCpu : null,
        p50: small.p50Ms > 0 ? large.p50Ms / small.p50Ms : null,
        requestsPerSecond: large.requestsPerSecond / small.requestsPerSecond,
      };
    }
    return {
      scenario: 'growth',
      status: 'measured',
      largest,
      data: Object.fromEntries(sizes.map((entry) => [entry.size, entry.fixtures.data])),
      scenarios,
      factors,
    };
  } finally {
    for (const entry of sizes) {
      await entry.relais?.stop();
      await endSessions(entry.client, entry.sessionIds).catch(() => undefined);
      await entry.client.end();
    }
  }
}

/** One line per scenario and size, and the factor of the largest size over S. */
export function growthTable(result) {
  const header = [
    'growth',
    'size',
    'people',
    'req/s',
    'p50 ms',
    'p99 ms',
    'Node+PG CPU ms/req',
    `× S (CPU)`,
    '× S (p50)',
    'failures',
  ];
  const lines = [];
  if (result.status !== 'measured') {
    lines.push(['growth', result.status, '', '', '', '', '', '', '', '']);
  } else {
    for (const [scenario, summary] of Object.entries(result.scenarios)) {
      const base = summary.S;
      for (const size of Object.keys(result.data)) {
        const side = summary[size];
        const cpu = cpuPerRequest(side);
        const baseCpu = cpuPerRequest(base);
        lines.push([
          scenario,
          size,
          result.data[size].people.toLocaleString('en-US'),
          fixed(side.requestsPerSecond, 0),
          fixed(side.p50Ms, 0),
          fixed(side.p99Ms, 0),
          fixed(cpu, 2),
          cpu !== null && baseCpu ? fixed(cpu / baseCpu, 2) : 'n/a',
          base.p50Ms > 0 ? fixed(side.p50Ms / base.p50Ms, 2) : 'n/a',
          String(side.failures),
        ]);
      }
    }
  }
  return markdownTable(header, lines);
}
