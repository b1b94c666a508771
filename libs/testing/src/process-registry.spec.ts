import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stopLeftovers, trackChild, trackedRunning } from './process-registry.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Whether a process with this pid still exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const forever = () =>
  spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });

describe('the registry of the processes tests start', () => {
  it('kills a child a test forgot to stop, and names it', async () => {
    const child = trackChild(forever(), 'forgotten child');
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    expect(trackedRunning()).toEqual([`forgotten child (pid ${child.pid})`]);

    expect(await stopLeftovers()).toEqual([`forgotten child (pid ${child.pid})`]);
    expect(await exited).toBe('SIGTERM');
    expect(alive(child.pid as number)).toBe(false);
    expect(trackedRunning()).toEqual([]);
  });

  it('forgets a child once it has exited: nothing is left to report', async () => {
    const child = trackChild(forever(), 'stopped child');
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(trackedRunning()).toEqual([]);
    expect(await stopLeftovers()).toEqual([]);
  });

  it("through the database tiers' environment: a test that times out leaks nothing and its file fails", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relais-registry-'));
    const pidFile = join(dir, 'pid');
    try {
      // A jest of its own, on a fixture that starts a child and times out holding it.
      const config = {
        rootDir: join(ROOT, 'test', 'jest', 'fixtures'),
        testMatch: ['**/leaves-a-child.fixture.mjs'],
        testEnvironment: join(ROOT, 'test', 'jest', 'tracked-process-environment.mjs'),
      };
      const jest = trackChild(
        spawn(
          process.execPath,
          [
            '--experimental-vm-modules',
            '--disable-warning=ExperimentalWarning',
            join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
            '--config',
            JSON.stringify(config),
          ],
          {
            cwd: ROOT,
            env: { ...process.env, RELAIS_FIXTURE_PID_FILE: pidFile },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        ),
        'nested jest',
      );
      let output = '';
      jest.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      jest.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => jest.once('exit', resolve));

      const pid = Number(await readFile(pidFile, 'utf8'));
      expect(output).toContain('Exceeded timeout of 1000 ms');
      expect(output).toContain(
        `left running after the file's tests, now stopped: forgotten child (pid ${pid})`,
      );
      expect(code).toBe(1);
      expect(alive(pid)).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
