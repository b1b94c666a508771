/**
 * An SMTP server (smtp-server) on a free loopback port that accepts every message, reads it to
 * the end and counts it, parsing nothing. It runs in a worker thread, so its work is not done on
 * the event loop of the sender it measures.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';

/** Milliseconds on the clock every thread shares (performance.now() differs between threads). */
const now = () => performance.timeOrigin + performance.now();

/**
 * Starts the server in a worker. `arrivals` holds when each message ended (`now()` of this
 * module's clock, shared by the threads); `stats()` the connections opened and bytes received.
 */
export async function startCountingSmtpServer() {
  const worker = new Worker(new URL(import.meta.url));
  const arrivals = [];
  let stats = { connections: 0, bytes: 0 };
  const port = await new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message) => {
      if (message.type === 'listening') resolve(message.port);
      if (message.type === 'arrival') {
        arrivals.push(message.at);
        stats = message.stats;
      }
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    stats: () => stats,
    async close() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'close' });
      await exited;
    },
  };
}

export { now };

if (!isMainThread && parentPort) {
  const { SMTPServer } = await import('smtp-server');
  const stats = { connections: 0, bytes: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onConnect: (_session, callback) => {
      stats.connections += 1;
      callback();
    },
    onData: (stream, _session, callback) => {
      stream.on('data', (chunk) => (stats.bytes += chunk.length));
      stream.on('error', callback);
      stream.on('end', () => {
        parentPort.postMessage({ type: 'arrival', at: now(), stats: { ...stats } });
        callback();
      });
    },
  });
  parentPort.on('message', (message) => {
    if (message.type === 'close') server.close(() => parentPort.close());
  });
  server.listen(0, '127.0.0.1', () => {
    parentPort.postMessage({ type: 'listening', port: server.server.address().port });
  });
}
