/**
 * How long the demo seed takes (`npm start`'s first start runs it; the demo-pathways int test
 * checks what it writes, not how fast). Each run: a fresh database on DATABASE_URL's server,
 * migrated, then the whole demo seed (organizations, identities, pathways) timed alone. Prints
 * its figures, never a verdict (PERFORMANCE.md: no raw limit to compare with).
 *
 *   npm run build && DATABASE_URL=postgres://… node bench/demo-seed.mjs [--runs 5]
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DataSource } from 'typeorm';
import {
  buildDataSourceOptions,
  runDemoSeed,
  runPendingMigrations,
} from '../dist/libs/database/src/index.js';
import { demoSeedSteps } from '../dist/apps/api/src/database/demo-seed-steps.js';
import { entities } from '../dist/apps/api/src/database/entities.js';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl || !Number.isInteger(RUNS) || RUNS < 1) {
  process.stderr.write('usage: DATABASE_URL=postgres://… node bench/demo-seed.mjs [--runs N]\n');
  process.exit(2);
}

const urlOf = (database) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};
const NAME = `relais_bench_demo_seed_${process.pid}`;

async function onServer(sql) {
  const client = new pg.Client({ connectionString: urlOf('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const timings = [];
try {
  for (let run = 1; run <= RUNS; run += 1) {
    await onServer(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
    await onServer(`CREATE DATABASE ${NAME}`);
    await runPendingMigrations(urlOf(NAME));
    const dataSource = new DataSource(await buildDataSourceOptions({ url: urlOf(NAME), entities }));
    await dataSource.initialize();
    try {
      const started = performance.now();
      await runDemoSeed(dataSource, demoSeedSteps);
      timings.push(performance.now() - started);
    } finally {
      await dataSource.destroy();
    }
    process.stdout.write(`run ${run}: ${Math.round(timings.at(-1))} ms\n`);
  }
} finally {
  await onServer(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
}
const sorted = [...timings].sort((a, b) => a - b);
const median = sorted[Math.floor((sorted.length - 1) / 2)];
process.stdout.write(
  `demo seed, ${RUNS} runs: median ${Math.round(median)} ms, ` +
    `min ${Math.round(sorted[0])} ms, max ${Math.round(sorted.at(-1))} ms\n`,
);
