import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort, runPendingMigrations, startEmbeddedPostgres } from '@relais/database';
import pg from 'pg';

/** A PostgreSQL of the suite's own, in a temporary folder, that a test may stop and start again. */
export interface OwnPostgres {
  /** The URL of the migrated `relais` database. */
  readonly databaseUrl: string;
  /** Stops the server; the folder stays, so `start` brings back the same data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  /** Stops it (if it runs) and deletes its folder. */
  remove(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const root = await mkdtemp(join(tmpdir(), 'relais-fault-pg-'));
  // As root the server runs as the `postgres` user, who must be able to enter the folder.
  await chmod(root, 0o755);
  const dataDir = join(root, 'postgres');
  const port = await findFreePort();
  let server = await startEmbeddedPostgres({ dataDir, port });
  let running = true;
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('CREATE DATABASE relais');
  await client.end();
  const databaseUrl = server.urlFor('relais');
  await runPendingMigrations(databaseUrl);
  return {
    databaseUrl,
    stop: async () => {
      running = false;
      await server.stop();
    },
    start: async () => {
      server = await startEmbeddedPostgres({ dataDir, port });
      running = true;
    },
    remove: async () => {
      if (running) await server.stop();
      running = false;
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** The resident memory of a process, in kB, as the kernel reports it. */
export async function residentKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

/** One request as a client saw it, kept whole so the body can be checked for leaks. */
export interface Outcome {
  readonly kind: string;
  readonly at: number;
  readonly status: number;
  /** The GraphQL error codes, or the transport failure. */
  readonly codes: readonly string[];
  readonly ok: boolean;
  readonly body: string;
  readonly data?: Record<string, unknown> | null;
}

/** POST /graphql, keeping the raw body; never throws (a refused connection is an outcome). */
export async function graphqlCall(
  baseUrl: string,
  token: string,
  kind: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Outcome> {
  const at = Date.now();
  try {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = await response.text();
    let parsed: {
      data?: Record<string, unknown> | null;
      errors?: { extensions?: { code?: string } }[];
    } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // Not JSON: the body is kept as is and checked by the test.
    }
    const codes = (parsed.errors ?? []).map((error) => String(error.extensions?.code));
    const ok = response.ok && codes.length === 0 && !!parsed.data;
    return { kind, at, status: response.status, codes, ok, body, data: parsed.data };
  } catch (error) {
    return { kind, at, status: 0, codes: [String((error as Error).name)], ok: false, body: '' };
  }
}

/** GET a path, keeping the raw body; never throws. */
export async function httpGet(baseUrl: string, path: string, kind = path): Promise<Outcome> {
  const at = Date.now();
  try {
    const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(15_000) });
    const body = await response.text();
    return { kind, at, status: response.status, codes: [], ok: response.ok, body };
  } catch (error) {
    return { kind, at, status: 0, codes: [String((error as Error).name)], ok: false, body: '' };
  }
}

/** Signs of an internal detail in a body a client receives. */
export function leaksInternals(body: string): boolean {
  return /\n\s+at |"stack(trace)?"\s*:|node_modules|QueryFailedError|ECONNREFUSED|postgres:\/\//i.test(
    body,
  );
}

/** Runs `step` in `concurrency` loops until `stop()` is called; resolves when all loops ended. */
export function steadyLoad(
  concurrency: number,
  step: (loop: number, iteration: number) => Promise<unknown>,
  pauseMs = 0,
): { stop(): Promise<void> } {
  let running = true;
  const loops = Array.from({ length: concurrency }, async (_, loop) => {
    for (let iteration = 0; running; iteration += 1) {
      await step(loop, iteration);
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Counts of each value, for printing. */
export function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
