import { cloneDatabase } from '@relais/testing';

/** Copies made by this file, for unique names. */
let copies = 0;
/** The file's copy, made by its setup, not yet taken by a part. */
let unused = false;

/**
 * A new database, copied from the demo the web tier's global setup seeded
 * (./web-demo-database.mjs), and DATABASE_URL pointed at it: what the next app started reads.
 * A new name each time: no DROP (and the checkpoint it forces) before a file or part can start;
 * the global teardown drops them with the workers' databases.
 */
export async function useFreshDemoCopy(): Promise<void> {
  // The file's setup made one that no part has used yet: the first part takes it.
  if (unused) {
    unused = false;
    return;
  }
  const serverUrl = process.env.RELAIS_TEST_SERVER_URL;
  const prefix = process.env.RELAIS_TEST_DB_PREFIX;
  const demo = process.env.RELAIS_TEST_DEMO_DB;
  if (!serverUrl || !prefix || !demo) {
    throw new Error('the demo database was not prepared by the web global setup');
  }
  const worker = process.env.JEST_WORKER_ID ?? '1';
  const name = `${prefix}_w${worker}_web_${Date.now().toString(36)}${(copies += 1)}`;
  process.env.DATABASE_URL = await cloneDatabase(serverUrl, demo, name);
}

/** The file's setup: its copy, which the first part then takes. */
export async function copyDemoForFile(): Promise<void> {
  await useFreshDemoCopy();
  unused = true;
}
