/** The Redis two instances share: REDIS_URL, else a throwaway redis-server of the bench. */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../lib/processes.mjs';

const REDIS_SERVER_CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

/**
 * `{ url, source, stop }`, or `{ missing }` saying why there is none. A redis-server started here
 * listens on a free loopback port, writes nothing to disk and is stopped by `stop`.
 */
export async function benchRedis(logDir) {
  if (process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, source: 'REDIS_URL', stop: async () => undefined };
  }
  const binary = REDIS_SERVER_CANDIDATES.find((path) => existsSync(path));
  if (!binary) return { missing: 'needs Redis (REDIS_URL or redis-server)' };
  const port = await freePort();
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = createWriteStream(join(logDir, 'redis.log'));
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', kill);
  await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start:\n${output}`)),
      10_000,
    );
    child.stdout.on('data', (chunk) => {
      log.write(chunk);
      output += chunk.toString('utf8');
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
  return {
    url: `redis://127.0.0.1:${port}`,
    source: `redis-server of the bench on 127.0.0.1:${port}`,
    async stop() {
      kill();
      await exited;
    },
  };
}
