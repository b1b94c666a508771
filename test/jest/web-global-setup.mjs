import { startChromiumServer } from './chromium-server.mjs';
import globalSetup from './global-setup.mjs';
import { testDatabaseState } from './test-database-state.mjs';
import { prepareDemoDatabase } from './web-demo-database.mjs';

/**
 * The database tiers' setup, plus the browser tier's own: the demo seeded once into a database
 * each file clones (./web-demo-database.mjs), and one Chromium (./chromium-server.mjs).
 */
export default async function webGlobalSetup() {
  await globalSetup();
  // Workers are started after this and inherit these variables.
  process.env.RELAIS_TEST_DEMO_DB ??= await prepareDemoDatabase(
    process.env.RELAIS_TEST_SERVER_URL,
    process.env.RELAIS_TEST_DB_PREFIX,
  );
  if (process.env.RELAIS_CHROMIUM_ENDPOINT) return;
  const chromium = await startChromiumServer();
  testDatabaseState.chromium = chromium;
  process.env.RELAIS_CHROMIUM_ENDPOINT = chromium.wsEndpoint();
}
