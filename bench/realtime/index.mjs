/**
 * The write and realtime scenarios of PERFORMANCE.md: handover, notify-latency, sockets. There is
 * no raw limit for them: each prints its own figures (throughput, latencies, memory), never a
 * verdict. See bench/README.md.
 */
import { fixed, markdownTable } from '../lib/table.mjs';
import { handoverScenario } from './handover-scenario.mjs';
import { notifyLatencyScenario } from './notify-latency-scenario.mjs';
import { socketsScenario } from './sockets-scenario.mjs';

export const REALTIME_SCENARIOS = ['handover', 'notify-latency', 'sockets'];

const RUNNERS = {
  handover: handoverScenario,
  'notify-latency': notifyLatencyScenario,
  sockets: socketsScenario,
};

/**
 * Runs one scenario. `ctx`: { client, databaseUrl, secret, root, logDir, options, relais (the
 * bench's instance), pgLocal, stopBenchInstance, sessionIds (to delete at the end),
 * say }.
 */
export async function runRealtimeScenario(scenario, ctx) {
  try {
    return { scenario, kind: 'realtime', ...(await RUNNERS[scenario](ctx)) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.say(`${scenario}: not measured: ${message}`);
    return { scenario, kind: 'realtime', status: `not measured: ${message.split('\n')[0]}` };
  }
}

const ms = (value) => fixed(value, 1);
const mb = (kb) => (kb === null || kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(1)} MB`);
const count = (value) => value.toLocaleString('en-US');

function rows(entry) {
  if (entry.status !== 'measured') return [[entry.scenario, entry.status, '', '', '', '', '', '']];
  const row = (measure, value, p50, p99, n, failures, target = '') => [
    entry.scenario,
    measure,
    value,
    p50,
    p99,
    n,
    failures,
    target,
  ];
  switch (entry.scenario) {
    case 'handover':
      return [
        row(
          `propose + accept, ${entry.inFlight} in flight`,
          `${fixed(entry.handoversPerSecond, 1)} handovers/s`,
          ms(entry.cycleP50Ms),
          ms(entry.cycleP99Ms),
          count(entry.handovers),
          String(entry.failures),
          entry.otherDispatchers ? `${entry.otherDispatchers} other dispatcher(s)!` : '',
        ),
        row('propose', '', ms(entry.proposeP50Ms), ms(entry.proposeP99Ms), '', ''),
        row('accept', '', ms(entry.acceptP50Ms), ms(entry.acceptP99Ms), '', ''),
        row(
          'proposal response → receiver’s socket',
          '',
          ms(entry.notifiedReceiverP50Ms),
          ms(entry.notifiedReceiverP99Ms),
          '',
          `${entry.missingNotifications} missing`,
        ),
        row(
          'acceptance response → former referent’s socket',
          '',
          ms(entry.notifiedFormerReferentP50Ms),
          ms(entry.notifiedFormerReferentP99Ms),
          '',
          '',
        ),
        row(
          'CPU per handover',
          `Node ${fixed(entry.nodeCpuMsPerHandover, 1)} ms, PG ${fixed(entry.postgresCpuMsPerHandover, 1)} ms`,
          '',
          '',
          '',
          '',
        ),
      ];
    case 'notify-latency':
      return [
        row(
          `propose + accept at ${entry.targetPerSecond}/s on A, ${count(entry.sockets)} sockets on A and B`,
          `${fixed(entry.handoversPerSecond, 1)} handovers/s`,
          ms(entry.cycleP50Ms),
          ms(entry.cycleP99Ms),
          count(entry.handovers),
          `${entry.failures} (+${entry.skipped} skipped)`,
          entry.otherDispatchers ? `${entry.otherDispatchers} other dispatcher(s)!` : '',
        ),
        row(
          'acceptance response → socket on the other instance (B)',
          `pooled p99 ${ms(entry.otherInstancePooled.p99Ms)} ms`,
          ms(entry.otherInstanceP50Ms),
          ms(entry.otherInstanceP99Ms),
          count(entry.notifiedOther),
          `${entry.missingOther} missing`,
          `p99 ≤ ${entry.targetP99Ms} ms`,
        ),
        row(
          'acceptance response → socket on the same instance (A)',
          `${entry.arrivedFirstOnA} of ${entry.handovers} first on A`,
          ms(entry.sameInstanceP50Ms),
          ms(entry.sameInstanceP99Ms),
          '',
          `${entry.missingSame} missing`,
        ),
        row(
          'acceptance response → the later of the two (through Redis)',
          '',
          ms(entry.throughRedisP50Ms),
          ms(entry.throughRedisP99Ms),
          '',
          '',
        ),
      ];
    case 'sockets':
      return [
        row(
          'authenticated handshakes, 50 in flight',
          `${count(entry.connected)}/${count(entry.target)} connected in ${fixed(entry.connectSeconds, 1)} s`,
          ms(entry.handshake.p50Ms),
          ms(entry.handshake.p99Ms),
          count(entry.connected),
          String(entry.target - entry.connected),
        ),
        row(
          'ping acknowledged, every socket',
          '',
          ms(entry.ping.p50Ms),
          ms(entry.ping.p99Ms),
          count(entry.ping.count),
          String(entry.ping.failed),
        ),
        row(
          `RSS before → after (${entry.settleSeconds} s settled) → all closed`,
          `${mb(entry.memoryKb.before.rssKb)} → ${mb(entry.memoryKb.after.rssKb)} → ${mb(entry.memoryKb.afterClose.rssKb)}`,
          '',
          '',
          '',
          '',
        ),
        row(
          'memory per socket (RSS; anonymous RSS)',
          `${fixed(entry.kbPerSocket, 1)} KB; ${fixed(entry.anonKbPerSocket, 1)} KB`,
          '',
          '',
          '',
          '',
          `≤ ${entry.targetKbPerSocket} KB`,
        ),
        row(
          'kept per socket after a full GC (JS heap + external)',
          `${fixed(entry.heapKbPerSocket, 1)} KB + ${fixed(entry.externalKbPerSocket, 1)} KB`,
          '',
          '',
          '',
          '',
          '',
        ),
      ];
    default:
      return [];
  }
}

/** The realtime scenarios' table: their own columns, one row per figure. */
export function realtimeTable(results) {
  const header = [
    'scenario',
    'measure',
    'value',
    'p50 ms',
    'p99 ms',
    'count',
    'failures',
    'target',
  ];
  return markdownTable(header, results.flatMap(rows));
}
