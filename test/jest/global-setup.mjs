// Jest loads global setup outside its module registry, where TypeScript sources and the
// @relais/* aliases do not resolve; it uses the build instead (`npm test` builds first).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  prepareTemplateDatabase,
  startTestDatabaseServer,
} from '../../dist/libs/testing/src/index.js';
import { testDatabaseState } from './test-database-state.mjs';

/**
 * Node's on-disk compile cache for the processes the tests start (API instances, launchers and
 * their API, the tools): dozens in a run, each loading the same built modules. With the
 * cache, a tool's start took 1.5 s instead of 2.1 on a 2-core machine. Node keys it by each
 * file's path and content (a rebuild recompiles only what changed) and writes nothing when it
 * cannot; under the system's temporary folder, as Node advises. Jest's own workers run the
 * sources through its module registry, which this does not touch.
 */
const COMPILE_CACHE = join(tmpdir(), 'relais-node-compile-cache');

/**
 * Once per run (jest calls it for each database project; the second call finds the server
 * already there): start or reach the server, build the migrated template database.
 */
export default async function globalSetup() {
  // Inherited by the workers, and by the processes they start with their environment.
  process.env.NODE_COMPILE_CACHE ??= COMPILE_CACHE;
  if (process.env.RELAIS_TEST_SERVER_URL) return;
  const server = await startTestDatabaseServer();
  try {
    await prepareTemplateDatabase(server);
  } catch (error) {
    // Jest skips global teardown when setup fails: stop the server here.
    await server.stop();
    throw error;
  }
  testDatabaseState.server = server;
  // Jest stopped by a signal runs no teardown: stop the server (and its folder) here too.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      void server.stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  // Workers are started after this and inherit these variables.
  process.env.RELAIS_TEST_SERVER_URL = server.serverUrl;
  process.env.RELAIS_TEST_DB_PREFIX = server.prefix;
}
