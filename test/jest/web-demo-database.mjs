// Jest loads global setup outside its module registry: the build, as ./global-setup.mjs does.
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { demoSeedSteps } from '../../dist/apps/api/src/database/demo-seed-steps.js';
import { entities } from '../../dist/apps/api/src/database/entities.js';
import { buildDataSourceOptions, runDemoSeed } from '../../dist/libs/database/src/index.js';
import { databaseUrl } from '../../dist/libs/testing/src/index.js';

/** The database the browser files clone: the migrated template with the demo of `npm start`. */
export function demoDatabaseName(prefix) {
  return `${prefix}_w_demo`;
}

async function onServer(serverUrl, work) {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Once per run, in the web tier's global setup: clones the migrated template and seeds the demo
 * into it, as `npm start` does (the launcher seeds before the API starts). Each browser file
 * then starts on a copy of its own (./web-worker-database.ts) instead of seeding it again. Named
 * like a worker's database, so the teardown's (and the next run's) clean-up drops it.
 */
export async function prepareDemoDatabase(serverUrl, prefix) {
  const name = demoDatabaseName(prefix);
  await onServer(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    await client.query(
      `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(`${prefix}_template`)}`,
    );
  });
  const dataSource = new DataSource(
    await buildDataSourceOptions({
      url: databaseUrl(serverUrl, name),
      entities,
      poolSize: 1,
      applicationName: 'relais-test-demo-seed',
    }),
  );
  await dataSource.initialize();
  try {
    await runDemoSeed(dataSource, demoSeedSteps);
  } finally {
    await dataSource.destroy();
  }
  return name;
}
