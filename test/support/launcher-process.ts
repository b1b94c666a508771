import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { trackChild, waitUntil } from '@relais/testing';

const LAUNCHER = fileURLToPath(
  new URL('../../dist/apps/api/src/launcher/launcher.js', import.meta.url),
);

const running = new Set<ChildProcess>();

/** Stops every launcher a test left running (a failed test must not leak servers). */
export async function stopAllLaunchers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  running.clear();
}

export interface LauncherRun {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly errors: () => string;
  /** Resolves with the first output line matching, rejects when the launcher exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `npm start`'s launcher from the build as a person would, with the given variables on
 * top of a clean environment (no DATABASE_URL unless given).
 */
export function startLauncher(
  env: Record<string, string | undefined>,
  /** Another copy of Relais: its built launcher, run from its folder. */
  from?: { readonly launcher: string; readonly cwd: string },
): LauncherRun {
  const base: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'warn' };
  delete base.DATABASE_URL;
  delete base.NODE_ENV;
  delete base.RELAIS_DATA_DIR;
  const child = trackChild(
    spawn(process.execPath, [from?.launcher ?? LAUNCHER], {
      cwd: from?.cwd,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'launcher (npm start)',
  );
  running.add(child);
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      // Let the pipes drain before anyone reads the output.
      setImmediate(() => resolve({ code, signal }));
    });
  });
  return {
    child,
    output: () => stdout,
    errors: () => stderr,
    exited,
    waitForLine(pattern, timeoutMs = 45_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = stdout.match(pattern);
          if (match) {
            cleanup();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no line matching ${pattern} in:\n${stdout}\n${stderr}`));
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        void exited.then(() => {
          if (!listeners.has(check)) return;
          cleanup();
          reject(new Error(`the launcher exited before ${pattern}:\n${stdout}\n${stderr}`));
        });
        check();
      });
    },
  };
}

/** Polls until the condition holds, or fails after the timeout. */
export async function eventually(
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
): Promise<void> {
  await waitUntil(condition, timeoutMs, 100);
}

export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}
