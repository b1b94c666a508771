import pg from 'pg';
import { postgresConnectionOptions } from './postgres-connection.js';

async function connectedClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({
    ...(await postgresConnectionOptions(url)),
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}

/** Connects once, runs `SELECT 1`, and closes: a fast, clear check before anything else boots. */
export async function assertDatabaseReachable(url: string): Promise<void> {
  const client = await connectedClient(url);
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates the database named by `url` when it does not exist yet, through the server's
 * `postgres` maintenance database. Returns whether it created it. A server that lets this user
 * into its own database only is never asked more than that.
 */
export async function ensureDatabaseExists(url: string): Promise<boolean> {
  try {
    await assertDatabaseReachable(url);
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = await connectedClient(maintenance.toString());
  try {
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return true;
  } catch (error) {
    // Another process created it between the check and the create.
    if ((error as { code?: string }).code === '42P04') return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
