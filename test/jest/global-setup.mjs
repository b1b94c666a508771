// Jest loads global setup outside its module registry, where TypeScript sources and the
// @relais/* aliases do not resolve; it uses the build instead (`npm test` builds first).
import {
  prepareTemplateDatabase,
  startTestDatabaseServer,
} from '../../dist/libs/testing/src/index.js';
import { testDatabaseState } from './test-database-state.mjs';

/**
 * Once per run (jest calls it for each database project; the second call finds the server
 * already there): start or reach the server, build the migrated template database.
 */
export default async function globalSetup() {
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
