import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { trackChild } from '@relais/testing';

// Debian's package; CI installs it. Without it, tests that start their own Redis cannot run.
export const REDIS_SERVER = '/usr/bin/redis-server';

export const redisServerInstalled = existsSync(REDIS_SERVER);

/**
 * A throwaway redis-server on a port of its own, with nothing written to disk: no key of a
 * test meets another run's, and a test may stop it to play an outage.
 */
export async function startRedisServer(port: number): Promise<ChildProcess> {
  const child = trackChild(
    spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
    `redis-server :${port}`,
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start:\n${output}`));
    }, 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
  });
  return child;
}

export async function stopRedisServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
