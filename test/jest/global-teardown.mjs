import { dropTestDatabases } from '../../dist/libs/testing/src/index.js';
import { testDatabaseState } from './test-database-state.mjs';

export default async function globalTeardown() {
  const server = testDatabaseState.server;
  if (!server) return;
  testDatabaseState.server = undefined;
  await dropTestDatabases(server);
  await server.stop();
}
