import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { commandLineOf, processIsAlive } from '@relais/core';
import {
  EmbeddedPostgresError,
  postgresUserCanReach,
  startEmbeddedPostgres,
} from '@relais/database';
import { findProjectRoot } from '../package-info.js';

/** The database `npm start` and the developer tools work on, and how to let go of it. */
export interface LocalDatabase {
  /** The URL of the Relais database (it may not exist yet: see ensureDatabaseExists). */
  readonly url: string;
  /** Says where the data is, for the person at the terminal. */
  readonly description: string;
  /** For the embedded database: a token secret kept beside it, so sign-ins survive restarts. */
  readonly tokenSecret?: () => Promise<string>;
  /**
   * For the embedded database: the key of the audit chains (AUDIT_CHAIN_KEY), kept beside it in
   * `.data/audit-key`, never in it, so the migrations, the API and `audit:verify` share it.
   */
  readonly auditChainKey?: () => Promise<string>;
  release(): Promise<void>;
}

export const EMBEDDED_DATABASE_NAME = 'relais';

async function readOrCreateSecret(file: string): Promise<string> {
  const existing = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (existing.length >= 32) return existing;
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Sets AUDIT_CHAIN_KEY, when unset, to the key kept beside the embedded database: before the
 * migrations (which re-chain with it), the API and `audit:verify` read it.
 */
export async function useKeptAuditChainKey(database: LocalDatabase): Promise<void> {
  if (!process.env.AUDIT_CHAIN_KEY && database.auditChainKey) {
    process.env.AUDIT_CHAIN_KEY = await database.auditChainKey();
  }
}

export function dataRoot(): string {
  return process.env.RELAIS_DATA_DIR ?? join(findProjectRoot(), '.data');
}

/** A folder as the person at the terminal reads it best: relative below the current one. */
function shown(folder: string): string {
  const fromHere = relative(process.cwd(), folder);
  return fromHere && !fromHere.startsWith('..') ? fromHere : resolve(folder);
}

/** Where root's clusters go when the `postgres` user cannot reach the project (one per project). */
export const SHARED_CLUSTERS_ROOT = '/var/lib/relais';

/**
 * Where the embedded cluster of `root` (the data folder) lives. In it, unless Relais runs as
 * root from a folder the `postgres` user cannot enter (a clone in /root): then in a folder of
 * its own under /var/lib/relais, named after the project and a hash of the data folder's path
 * (the same at every start), with a copy of the PostgreSQL binaries beside it.
 */
export function clusterLocation(root: string): { dataDir: string; binariesHome?: string } {
  if (postgresUserCanReach(root)) return { dataDir: join(root, 'postgres') };
  const path = resolve(root);
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 12);
  const project = basename(path === join(findProjectRoot(), '.data') ? findProjectRoot() : path);
  const home = join(SHARED_CLUSTERS_ROOT, `${project.replace(/[^A-Za-z0-9._-]/g, '_')}-${hash}`);
  return { dataDir: join(home, 'postgres'), binariesHome: join(home, 'binaries') };
}

/** The live Relais process (launcher or tool) that owns this data folder, if any. */
async function currentHolder(
  lockFile: string,
): Promise<{ pid: number; isLauncher: boolean } | undefined> {
  const pid = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
  if (!Number.isInteger(pid) || pid === process.pid || !processIsAlive(pid)) return undefined;
  const commandLine = commandLineOf(pid);
  // A pid reused by an unrelated process does not hold the folder.
  if (!commandLine.includes('apps/api/src')) return undefined;
  return { pid, isLauncher: commandLine.includes('launcher') };
}

/** The URL of the embedded server a running launcher started, read from its own files. */
async function urlOfRunningServer(dataDir: string): Promise<string> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8');
  const port = Number.parseInt(pidFile.split('\n')[3] ?? '', 10);
  const password = (await readFile(`${dataDir}.password`, 'utf8')).trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE_NAME}`;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL of `.data/postgres`, started here,
 * or, for a tool run while `npm start` is up (`shareRunning`), the server that launcher runs.
 * Only one launcher may own a data folder at a time.
 */
export async function openLocalDatabase(options: {
  readonly shareRunning: boolean;
  readonly onStart?: (line: string) => void;
}): Promise<LocalDatabase> {
  // An empty variable counts as unset, as everywhere in the configuration.
  const configured = process.env.DATABASE_URL || undefined;
  if (configured) {
    return { url: configured, description: 'the server of DATABASE_URL', release: async () => {} };
  }

  const root = dataRoot();
  const lockFile = join(root, 'launcher.pid');

  for (let attempt = 1; ; attempt += 1) {
    try {
      await mkdir(root, { recursive: true });
      // `wx`: of two processes starting at once, exactly one creates the lock.
      await writeFile(lockFile, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM') {
        throw new EmbeddedPostgresError(
          `You cannot write to the data folder ${relative(process.cwd(), root) || root} (it belongs to another user): run Relais as its owner, or set RELAIS_DATA_DIR to a folder of yours.`,
        );
      }
      if (code !== 'EEXIST' || attempt > 20) throw error;
      if ((await readFile(lockFile, 'utf8').catch(() => '')) === '') {
        // Created by another process this very moment, its pid not written yet.
        await new Promise((resolveLater) => setTimeout(resolveLater, 100));
        continue;
      }
      const holder = await currentHolder(lockFile);
      if (holder) {
        const { dataDir } = clusterLocation(root);
        const shownDir = shown(dataDir);
        if (!options.shareRunning || !holder.isLauncher) {
          throw new EmbeddedPostgresError(
            `Relais already uses ${shownDir} (process ${holder.pid}): stop it first, or set DATABASE_URL to use another database.`,
          );
        }
        return {
          url: await urlOfRunningServer(dataDir),
          description: `the embedded PostgreSQL of the running Relais (${shownDir})`,
          auditChainKey: () => readOrCreateSecret(join(root, 'audit-key')),
          release: async () => {},
        };
      }
      // The lock of a process that is gone.
      await unlink(lockFile).catch(() => undefined);
    }
  }

  const releaseLock = async (): Promise<void> => {
    const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    if (holder === process.pid) await unlink(lockFile).catch(() => undefined);
  };
  try {
    // The folder exists now, so whether the `postgres` user can enter it can be asked.
    const { dataDir, binariesHome } = clusterLocation(root);
    const shownDir = shown(dataDir);
    if (binariesHome) {
      options.onStart?.(
        `PostgreSQL's own user cannot reach ${root}: its cluster and binaries are kept in ${dirname(dataDir)}`,
      );
      await mkdir(SHARED_CLUSTERS_ROOT, { recursive: true });
      await chmod(SHARED_CLUSTERS_ROOT, 0o755);
      await mkdir(dirname(dataDir), { recursive: true, mode: 0o755 });
      // Which project it serves, for whoever finds it there.
      await writeFile(join(dirname(dataDir), 'project'), `${resolve(root)}\n`);
    }
    options.onStart?.(`starting the embedded PostgreSQL (data in ${shownDir})`);
    const server = await startEmbeddedPostgres({ dataDir, binariesHome });
    return {
      url: server.urlFor(EMBEDDED_DATABASE_NAME),
      description: `the embedded PostgreSQL on port ${server.port} (data in ${shownDir})`,
      tokenSecret: () => readOrCreateSecret(join(root, 'token-secret')),
      auditChainKey: () => readOrCreateSecret(join(root, 'audit-key')),
      release: async () => {
        await server.stop().catch(() => undefined);
        await releaseLock();
      },
    };
  } catch (error) {
    await releaseLock();
    throw error;
  }
}
