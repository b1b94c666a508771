/**
 * sockets: "5,000 authenticated sockets on one instance, at most 50 KB of memory per socket".
 * A fresh instance (no Redis: the sockets of one instance), warmed up by 100 sockets connected,
 * pinged and closed. Its memory is read twice, before and after the 5,000 connect (50 handshakes
 * in flight, every account in turn, one session per account):
 *
 * - RSS (VmRSS and RssAnon of /proc/<pid>/status) after a settle time: the figure. The baseline
 *   follows a full GC, the "after" reading does not, so it holds the handshakes' garbage too: an
 *   upper bound of what the sockets keep.
 * - the JS heap and external memory after a full GC (`process.memoryUsage()` through the inspector
 *   that SIGUSR1 opens on a free port, `--inspect-port` in NODE_OPTIONS): what stays per socket.
 *
 * Then every socket's authenticated `ping` is acknowledged, to show they are alive, and the memory
 * is read once more after they all closed.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSessions } from '../lib/auth.mjs';
import { memoryAfterGc, openInspector } from '../lib/inspector.mjs';
import { freePort } from '../lib/processes.mjs';
import { memoryKbOf, openFilesLimit, startRelais } from '../lib/relais.mjs';
import { latencies } from '../lib/stats.mjs';
import { socketAccounts } from './fixtures.mjs';
import { closeAll, connectMany, pingAll, stillConnected } from './sockets.mjs';

const SOCKETS = 5_000;
const WARMUP_SOCKETS = 100;
const TARGET_KB_PER_SOCKET = 50;
/** File descriptors kept for everything else of a process (database, logs, modules). */
const SPARE_FILES = 200;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Memory after `ms` of quiet, read every 500 ms: the last reading, and the lowest. */
async function settledMemory(pid, ms) {
  const readings = [];
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    await sleep(500);
    readings.push(memoryKbOf(pid));
  }
  const last = readings.at(-1);
  return { ...last, lowestRssKb: Math.min(...readings.map((reading) => reading.rssKb)) };
}

export async function socketsScenario(ctx) {
  const { client, options, say } = ctx;
  if (memoryKbOf(process.pid) === null) {
    return { status: 'not measured: /proc/<pid>/status is not readable here' };
  }
  // Both ends hold one descriptor per socket: this process, and Relais (same limits, inherited).
  const limit = openFilesLimit();
  let count = SOCKETS;
  let note = null;
  if (limit !== null && limit < SOCKETS + SPARE_FILES) {
    count = Math.max(0, limit - SPARE_FILES);
    note = `open files limited to ${limit} (ulimit -n): ${count} sockets instead of ${SOCKETS}; raise it (ulimit -n ${SOCKETS + 1000}) before npm run bench`;
    say(`sockets: ${note}`);
  }
  const settleMs = options.quick ? 3_000 : 6_000;
  await ctx.stopBenchInstance();
  const inspectPort = await freePort();
  const relais = await startRelais({
    root: ctx.root,
    databaseUrl: ctx.databaseUrl,
    secret: ctx.secret,
    logFile: join(ctx.logDir, 'relais-sockets.log'),
    name: 'Relais (sockets)',
    nodeOptions: `--inspect-port=127.0.0.1:${inspectPort}`,
  });
  let sockets = [];
  try {
    const everyone = await socketAccounts(client);
    const { tokens, sessionIds } = await openSessions(client, ctx.secret, everyone);
    ctx.sessionIds.push(...sessionIds);
    const planOf = (n) =>
      Array.from({ length: n }, (_, index) => ({
        baseUrl: relais.baseUrl,
        token: tokens.get(everyone[index % everyone.length]),
      }));

    const warmup = await connectMany(planOf(WARMUP_SOCKETS));
    await pingAll(warmup.sockets);
    closeAll(warmup.sockets);
    let debuggerUrl = null;
    let heapNote = null;
    try {
      debuggerUrl = await openInspector(relais.pid, inspectPort);
    } catch (error) {
      heapNote = `heap not read: ${error instanceof Error ? error.message : String(error)}`;
      say(`sockets: ${heapNote}`);
    }
    const heap = async () => {
      if (!debuggerUrl) return null;
      try {
        return await memoryAfterGc(debuggerUrl);
      } catch (error) {
        heapNote = `heap not read: ${error instanceof Error ? error.message : String(error)}`;
        return null;
      }
    };
    const heapBefore = await heap();
    const before = await settledMemory(relais.pid, settleMs);
    say(
      `sockets: fresh instance ${relais.baseUrl} (pid ${relais.pid}), RSS ${(before.rssKb / 1024).toFixed(1)} MB after warm-up and ${settleMs / 1000} s; connecting ${count} sockets for ${everyone.length} accounts`,
    );

    const clientBefore = memoryKbOf(process.pid);
    const connection = await connectMany(planOf(count));
    sockets = connection.sockets;
    const after = await settledMemory(relais.pid, settleMs);
    const heapAfter = await heap();
    const afterGc = memoryKbOf(relais.pid);
    const connectedAfterSettle = stillConnected(sockets);
    const clientAfter = memoryKbOf(process.pid);
    const ping = await pingAll(sockets);
    const afterPing = memoryKbOf(relais.pid);

    closeAll(sockets);
    const closed = await settledMemory(relais.pid, settleMs);
    const connected = connection.connected;
    const perSocket = (key) =>
      connected > 0 && before[key] !== null && after[key] !== null
        ? (after[key] - before[key]) / connected
        : null;
    const result = {
      status: 'measured',
      target: count,
      connected,
      connectedAfterSettle,
      accounts: everyone.length,
      connectSeconds: connection.seconds,
      handshake: latencies(connection.handshakeMs),
      connectFailures: connection.failures,
      ping: { ...latencies(ping.roundTripMs), failed: ping.failed },
      settleSeconds: settleMs / 1000,
      memoryKb: { before, after, afterGc, afterPing, afterClose: closed },
      kbPerSocket: perSocket('rssKb'),
      anonKbPerSocket: perSocket('rssAnonKb'),
      rssAfterGcKbPerSocket:
        afterGc && connected > 0 ? (afterGc.rssKb - before.rssKb) / connected : null,
      heapBytes: { before: heapBefore, after: heapAfter },
      // JS heap and external memory (Buffers) kept per socket after a full GC.
      heapKbPerSocket:
        heapBefore && heapAfter && connected > 0
          ? (heapAfter.heapUsed - heapBefore.heapUsed) / 1024 / connected
          : null,
      externalKbPerSocket:
        heapBefore && heapAfter && connected > 0
          ? (heapAfter.external - heapBefore.external) / 1024 / connected
          : null,
      heapNote,
      targetKbPerSocket: TARGET_KB_PER_SOCKET,
      benchClientKbPerSocket:
        clientBefore && clientAfter && connected > 0
          ? (clientAfter.rssKb - clientBefore.rssKb) / connected
          : null,
      openFilesLimit: limit === Infinity ? 'unlimited' : limit,
      note,
    };
    say(
      `sockets: ${connected}/${count} connected in ${connection.seconds.toFixed(1)} s, RSS ${(before.rssKb / 1024).toFixed(1)} -> ${(after.rssKb / 1024).toFixed(1)} MB, ${result.kbPerSocket?.toFixed(1)} KB per socket (anonymous ${result.anonKbPerSocket?.toFixed(1)} KB; after a full GC: heap ${result.heapKbPerSocket?.toFixed(1)} KB + external ${result.externalKbPerSocket?.toFixed(1)} KB); ${(closed.rssKb / 1024).toFixed(1)} MB once all closed`,
    );
    return result;
  } finally {
    closeAll(sockets);
    await relais.stop();
  }
}
