/** Relais as in production: the built server in a child process, on a free loopback port. */
import { createWriteStream, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import { freePort, startChild, waitUntilReady } from './processes.mjs';

/**
 * An SMTP server on a free loopback port that accepts every email and keeps nothing: production
 * refuses to boot without SMTP_URL, and the emails the scenarios cause are sent as they would be.
 * Listeners (`onEmail`) are told each message's recipients and when it was read to its end
 * (`performance.now()`): the email scenario counts its own.
 */
async function startSmtpSink() {
  const listeners = new Set();
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onData: (stream, session, callback) => {
      stream.on('error', callback);
      stream.on('end', () => {
        const at = performance.now();
        const recipients = session.envelope.rcptTo.map((recipient) => recipient.address);
        for (const listener of listeners) listener(recipients, at);
        callback();
      });
      stream.resume();
    },
  });
  await new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    onEmail: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * Starts `node dist/apps/api/src/main.js` with NODE_ENV=production, authorization and the access
 * log on (nothing is disabled for the bench), LOG_LEVEL=info to `logFile`. With `redisUrl`, the
 * instance shares its events with the other instances of that Redis (socket.io adapter, live bus).
 * `nodeOptions` (NODE_OPTIONS): only `--inspect-port`, which changes nothing until SIGUSR1.
 * Its emails go to an SMTP server of its own in this process, which accepts and drops them.
 */
export async function startRelais({
  root,
  databaseUrl,
  secret,
  logFile,
  redisUrl,
  name,
  nodeOptions,
}) {
  const port = await freePort();
  const smtp = await startSmtpSink();
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    AUTH_TOKEN_SECRET: secret,
    // Required in production (decision 0008); the bench verifies no chain.
    AUDIT_CHAIN_KEY: 'relais-bench-audit-chain-key-not-a-secret-000',
    // The sockets scenario opens 5,000 sockets over the seed's accounts (129 at size S).
    LIVE_CONNECTIONS_PER_PRINCIPAL: '1000',
    LOG_LEVEL: 'info',
    // Required in production: where the emails go, their sender, and the address in their links.
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Relais <ne-pas-repondre@relais.bench>',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  };
  if (redisUrl) env.REDIS_URL = redisUrl;
  if (nodeOptions) env.NODE_OPTIONS = nodeOptions;
  const { child, stop } = startChild(process.execPath, ['dist/apps/api/src/main.js'], {
    cwd: root,
    log: createWriteStream(logFile),
    env,
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await waitUntilReady(`http://127.0.0.1:${port}/health/ready`, child, 60_000, name);
  } catch (error) {
    stop();
    await smtp.close();
    throw error;
  }
  return {
    name,
    port,
    pid: child.pid,
    child,
    logFile,
    baseUrl: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}/graphql`,
    /** Calls `listener(recipients, performance.now())` for each email it sends; gives the stop. */
    onEmail: smtp.onEmail,
    /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
    async stop() {
      stop();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      await smtp.close();
    },
  };
}

/** VmRSS, RssAnon and VmHWM of a process in kB, from /proc/<pid>/status; null when unreadable. */
export function memoryKbOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) : null;
    };
    return { rssKb: field('VmRSS'), rssAnonKb: field('RssAnon'), hwmKb: field('VmHWM') };
  } catch {
    return null;
  }
}

/** The soft limit of open files of a process, from /proc/<pid>/limits; null when unreadable. */
export function openFilesLimit(pid = 'self') {
  try {
    const limits = readFileSync(`/proc/${pid}/limits`, 'utf8');
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    if (!match) return null;
    return match[1] === 'unlimited' ? Infinity : Number(match[1]);
  } catch {
    return null;
  }
}
