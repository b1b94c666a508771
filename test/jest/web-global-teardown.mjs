import globalTeardown from './global-teardown.mjs';
import { testDatabaseState } from './test-database-state.mjs';

export default async function webGlobalTeardown() {
  const chromium = testDatabaseState.chromium;
  testDatabaseState.chromium = undefined;
  try {
    await chromium?.close();
  } finally {
    await globalTeardown();
  }
}
