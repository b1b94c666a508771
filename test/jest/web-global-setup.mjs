import { startChromiumServer } from './chromium-server.mjs';
import globalSetup from './global-setup.mjs';
import { testDatabaseState } from './test-database-state.mjs';

/** The database tiers' setup, plus the browser tier's one Chromium (./chromium-server.mjs). */
export default async function webGlobalSetup() {
  await globalSetup();
  if (process.env.RELAIS_CHROMIUM_ENDPOINT) return;
  const chromium = await startChromiumServer();
  testDatabaseState.chromium = chromium;
  // Workers are started after this and inherit it.
  process.env.RELAIS_CHROMIUM_ENDPOINT = chromium.wsEndpoint();
}
