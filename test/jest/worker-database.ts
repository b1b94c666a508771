import { truncateAllTables, workerDatabase } from '@relais/testing';

// Runs before each test file of the database tiers: point DATABASE_URL at this worker's own
// database (cloned from the migrated template) and empty its tables.
const serverUrl = process.env.RELAIS_TEST_SERVER_URL;
const prefix = process.env.RELAIS_TEST_DB_PREFIX;
if (!serverUrl || !prefix) throw new Error('the test database was not prepared by global setup');

process.env.DATABASE_URL = await workerDatabase(
  serverUrl,
  prefix,
  process.env.JEST_WORKER_ID ?? '1',
);
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
// The daily retention job stays off in tests: they run retention themselves.
process.env.RETENTION_SCHEDULE ??= 'off';
await truncateAllTables(process.env.DATABASE_URL);
