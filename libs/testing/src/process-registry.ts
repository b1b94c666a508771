import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:net';

/**
 * Every child process and server a test starts, so that none outlives its test file: the jest
 * environment of the database tiers (test/jest/tracked-process-environment.mjs) calls
 * `stopLeftovers()` once the file's own hooks have run, even after a timeout, and fails the file
 * when something was still running. A test still stops what it started; this is the net.
 */
interface Tracked {
  readonly label: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** What the environment reads: one registry per test file, on that file's global object. */
export interface ProcessRegistry {
  readonly tracked: Set<Tracked>;
  stopLeftovers(): Promise<string[]>;
}

const KEY = Symbol.for('relais.process-registry');

function registry(): ProcessRegistry {
  const holder = globalThis as { [KEY]?: ProcessRegistry };
  holder[KEY] ??= { tracked: new Set(), stopLeftovers };
  return holder[KEY];
}

/** How long a SIGTERM gets before SIGKILL when the registry stops a leftover child. */
const KILL_AFTER_MS = 5_000;

function ended(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Tracks a child process until it exits; gives it back. */
export function trackChild<T extends ChildProcess>(child: T, label: string): T {
  const entry: Tracked = {
    label: `${label} (pid ${child.pid})`,
    pid: child.pid,
    stop: async () => {
      if (ended(child)) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
  if (ended(child) || child.pid === undefined) return child;
  registry().tracked.add(entry);
  child.once('exit', () => registry().tracked.delete(entry));
  return child;
}

/** Tracks a listening server until it closes; gives it back. */
export function trackServer<T extends Server>(server: T, label: string): T {
  const entry: Tracked = {
    label,
    pid: undefined,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
  registry().tracked.add(entry);
  server.once('close', () => registry().tracked.delete(entry));
  return server;
}

/**
 * Tracks something else that has a close function (a browser, an app); gives the function that
 * untracks it, to call once it is closed.
 */
export function trackCloser(label: string, close: () => Promise<void>): () => void {
  const entry: Tracked = { label, pid: undefined, stop: close };
  registry().tracked.add(entry);
  return () => {
    registry().tracked.delete(entry);
  };
}

/** The labels of what is tracked and still running. */
export function trackedRunning(): string[] {
  return [...registry().tracked].map((entry) => entry.label);
}

/**
 * Stops whatever is still tracked (SIGTERM, SIGKILL after 5 s; servers closed) and gives the
 * labels of what was left running.
 */
export async function stopLeftovers(): Promise<string[]> {
  const left = [...registry().tracked];
  registry().tracked.clear();
  await Promise.all(left.map((entry) => entry.stop().catch(() => undefined)));
  return left.map((entry) => entry.label);
}
