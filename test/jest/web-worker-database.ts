import pg from 'pg';
import { databaseUrl } from '@relais/testing';

// Runs before each browser file, instead of ./worker-database.ts: the file's own database, a
// copy of the one the web tier's global setup seeded with the demo (./web-demo-database.mjs).
// A new name each file: no DROP (and the checkpoint it forces) before the file can start; the
// global teardown drops them with the workers' databases.
const serverUrl = process.env.RELAIS_TEST_SERVER_URL;
const prefix = process.env.RELAIS_TEST_DB_PREFIX;
const demo = process.env.RELAIS_TEST_DEMO_DB;
if (!serverUrl || !prefix || !demo) {
  throw new Error('the demo database was not prepared by the web global setup');
}

const name = `${prefix}_w${process.env.JEST_WORKER_ID ?? '1'}_web_${Date.now().toString(36)}`;
const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
await client.connect();
try {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(demo)}`,
      );
      break;
    } catch (error) {
      // 55006: the other worker is cloning it at this very moment (as libs/testing's clone).
      if ((error as { code?: string }).code !== '55006' || attempt === 20) throw error;
      await new Promise((resolveLater) => setTimeout(resolveLater, 100 * attempt));
    }
  }
} finally {
  await client.end();
}
process.env.DATABASE_URL = databaseUrl(serverUrl, name);
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
// The daily retention job stays off in tests: they run retention themselves.
process.env.RETENTION_SCHEDULE ??= 'off';
