/**
 * handover: "proposes and accepts a handover; the receiving caseworker is notified". Against the
 * bench's Relais instance (one instance, in-memory bus): `connections` cycles in flight (closed
 * loop), each a proposal by the referent then its acceptance by the named professional of the
 * other structure; the receiver's socket gets `handover.proposed`, the former referent's
 * `handover.accepted`. Warm-up, then `runs` runs; medians of the runs.
 */
import { openSessions } from '../lib/auth.mjs';
import { startPostgresCpu } from '../lib/postgres-cpu.mjs';
import { cpuMsOf } from '../lib/processes.mjs';
import { latencies, median } from '../lib/stats.mjs';
import { dispatcherCount, handoverPairs, handoverPeople } from './fixtures.mjs';
import {
  closedLoop,
  countErrors,
  handoverCycle,
  HandoverRotation,
  NotificationWatch,
} from './handovers.mjs';
import { closeAll, connectMany, stillConnected } from './sockets.mjs';

const PAIRS = 8;
const NOTIFICATION_TIMEOUT_MS = 5_000;

/** One cycle, then the promises of its two notifications. */
function cycleWith(relais, tokens, rotation, watch) {
  return async (job) => {
    try {
      const times = await handoverCycle(relais.url, tokens, job);
      rotation.handedOver(job);
      return {
        ok: true,
        ...times,
        receiverAt: watch.arrival(
          job.to.accountId,
          'handover.proposed',
          times.handoverId,
          NOTIFICATION_TIMEOUT_MS,
        ),
        formerReferentAt: watch.arrival(
          job.from,
          'handover.accepted',
          times.handoverId,
          NOTIFICATION_TIMEOUT_MS,
        ),
      };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

async function summarizeRun(outcomes, seconds) {
  const done = outcomes.filter((outcome) => outcome.ok);
  const receiver = [];
  const formerReferent = [];
  let missing = 0;
  for (const outcome of done) {
    const [toReceiver, toFormer] = await Promise.all([
      outcome.receiverAt,
      outcome.formerReferentAt,
    ]);
    if (toReceiver === null) missing += 1;
    else receiver.push(toReceiver - outcome.proposedAt);
    if (toFormer === null) missing += 1;
    else formerReferent.push(toFormer - outcome.acceptedAt);
  }
  return {
    handovers: done.length,
    seconds,
    handoversPerSecond: done.length / seconds,
    cycle: latencies(done.map((outcome) => outcome.cycleMs)),
    propose: latencies(done.map((outcome) => outcome.proposeMs)),
    accept: latencies(done.map((outcome) => outcome.acceptMs)),
    notifiedReceiver: latencies(receiver),
    notifiedFormerReferent: latencies(formerReferent),
    missingNotifications: missing,
    errors: countErrors(outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.error)),
    failures: outcomes.length - done.length,
  };
}

export async function handoverScenario(ctx) {
  const { client, options, relais, say } = ctx;
  const pairs = await handoverPairs(client, PAIRS);
  if (pairs.length === 0) {
    return { status: 'not measured: no two professionals of two structures of one territory' };
  }
  const rotation = new HandoverRotation(pairs, await handoverPeople(client, pairs));
  if (rotation.size < options.connections * 2) {
    return { status: `not measured: only ${rotation.size} people to hand over` };
  }
  const accountIds = pairs.flat().map((side) => side.accountId);
  const { tokens, sessionIds } = await openSessions(client, ctx.secret, accountIds);
  ctx.sessionIds.push(...sessionIds);
  const plan = accountIds.map((id) => ({ baseUrl: relais.baseUrl, token: tokens.get(id) }));
  const connection = await connectMany(plan);
  if (connection.connected < plan.length) {
    closeAll(connection.sockets);
    return {
      status: 'not measured: sockets refused',
      failures: connection.failures,
    };
  }
  // Another instance on this database (not the bench's) would dispatch a share of the events to
  // its own sockets: they would count as missing.
  const otherDispatchers = Math.max(0, (await dispatcherCount(client)) - 1);
  if (otherDispatchers > 0) {
    say(
      `handover: WARNING ${otherDispatchers} other Relais instance(s) dispatch from this database`,
    );
  }
  const watch = new NotificationWatch();
  connection.sockets.forEach((socket, index) => watch.watch(socket, accountIds[index]));
  say(
    `handover: ${pairs.length} pairs of caseworkers, ${rotation.size} people to hand over, ${options.connections} cycles in flight, one socket per caseworker`,
  );
  const run = cycleWith(relais, tokens, rotation, watch);
  try {
    const warmup = await closedLoop(rotation, options.warmupSeconds, options.connections, run);
    await summarizeRun(warmup.outcomes, warmup.seconds);
    const runs = [];
    for (let index = 0; index < options.runs; index += 1) {
      const pg = ctx.pgLocal ? await startPostgresCpu(ctx.client) : null;
      const nodeBefore = cpuMsOf(relais.pid);
      const { outcomes, seconds } = await closedLoop(
        rotation,
        options.runSeconds,
        options.connections,
        run,
      );
      const nodeAfter = cpuMsOf(relais.pid);
      const pgMs = pg ? (await pg.stop()).ms : null;
      const summary = await summarizeRun(outcomes, seconds);
      const per = (ms) => (ms === null || summary.handovers === 0 ? null : ms / summary.handovers);
      summary.nodeCpuMsPerHandover = per(
        nodeBefore === null || nodeAfter === null ? null : nodeAfter - nodeBefore,
      );
      summary.postgresCpuMsPerHandover = per(pgMs);
      runs.push(summary);
      say(
        `  handover run ${index + 1}: ${summary.handoversPerSecond.toFixed(1)} handovers/s, cycle p50 ${summary.cycle.p50Ms?.toFixed(1)} ms p99 ${summary.cycle.p99Ms?.toFixed(1)} ms, receiver notified p50 ${summary.notifiedReceiver.p50Ms?.toFixed(1)} ms p99 ${summary.notifiedReceiver.p99Ms?.toFixed(1)} ms, ${summary.missingNotifications} missing, ${summary.failures} failed`,
      );
    }
    const med = (pick) => median(runs.map(pick));
    return {
      status: 'measured',
      pairs: pairs.map((pair) => pair.map((side) => side.email)),
      inFlight: options.connections,
      otherDispatchers,
      socketsConnectedAtEnd: stillConnected(connection.sockets),
      handoversPerSecond: med((r) => r.handoversPerSecond),
      cycleP50Ms: med((r) => r.cycle.p50Ms),
      cycleP99Ms: med((r) => r.cycle.p99Ms),
      proposeP50Ms: med((r) => r.propose.p50Ms),
      proposeP99Ms: med((r) => r.propose.p99Ms),
      acceptP50Ms: med((r) => r.accept.p50Ms),
      acceptP99Ms: med((r) => r.accept.p99Ms),
      notifiedReceiverP50Ms: med((r) => r.notifiedReceiver.p50Ms),
      notifiedReceiverP99Ms: med((r) => r.notifiedReceiver.p99Ms),
      notifiedFormerReferentP50Ms: med((r) => r.notifiedFormerReferent.p50Ms),
      notifiedFormerReferentP99Ms: med((r) => r.notifiedFormerReferent.p99Ms),
      nodeCpuMsPerHandover: med((r) => r.nodeCpuMsPerHandover),
      postgresCpuMsPerHandover: med((r) => r.postgresCpuMsPerHandover),
      handovers: runs.reduce((sum, r) => sum + r.handovers, 0),
      missingNotifications: runs.reduce((sum, r) => sum + r.missingNotifications, 0),
      failures: runs.reduce((sum, r) => sum + r.failures, 0),
      runs,
    };
  } finally {
    closeAll(connection.sockets);
  }
}
