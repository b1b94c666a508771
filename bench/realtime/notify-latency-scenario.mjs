/**
 * notify-latency: "p99 at most 50 ms from the accepting mutation's response to the event at a
 * socket connected to the other instance, at 20 handovers per second with 1,000 sockets connected
 * across two instances" (and at most 100 ms at 60 per second: `--notify-rate 60`). Two fresh instances A and B share a Redis; the mutations go to A; each
 * caseworker of the pairs holds a socket on A and one on B, and filler sockets of every account
 * (in turn) make up the 1,000, half on each instance. Cycles start every 50 ms (open loop; every
 * 1/rate s with `--notify-rate`); the
 * figure is from the acceptance's response to `handover.accepted` at the former referent's socket
 * on B. The same at their socket on A is printed for context.
 *
 * Which instance dispatches is not chosen: the outbox dispatcher of either one takes the advisory
 * lock. When A dispatches, the event reaches B's socket through Redis (socket.io adapter); when B
 * does, it reaches A's socket that way. `arrivedFirstOnA` tells how often the former happened, and
 * `throughRedis` is the later of the two sockets' arrivals: the one that crossed Redis.
 */
import { join } from 'node:path';
import { openSessions } from '../lib/auth.mjs';
import { memoryKbOf, startRelais } from '../lib/relais.mjs';
import { latencies, median } from '../lib/stats.mjs';
import { dispatcherCount, handoverPairs, handoverPeople, socketAccounts } from './fixtures.mjs';
import {
  countErrors,
  handoverCycle,
  HandoverRotation,
  NotificationWatch,
  openLoop,
} from './handovers.mjs';
import { benchRedis } from './redis.mjs';
import { closeAll, connectMany, stillConnected } from './sockets.mjs';

const PAIRS = 8;
const SOCKETS = 1_000;
const MAX_IN_FLIGHT = 100;
const NOTIFICATION_TIMEOUT_MS = 5_000;

/** The p99 target at a rate (`--notify-rate`): 50 ms up to 20/s, 100 ms at 60/s. */
function targetP99Ms(perSecond) {
  return perSecond <= 20 ? 50 : 100;
}

async function summarizeRun(outcomes, seconds, skipped) {
  const done = outcomes.filter((outcome) => outcome.ok);
  const other = [];
  const same = [];
  const later = [];
  let missingOther = 0;
  let missingSame = 0;
  let firstOnA = 0;
  const missingExamples = [];
  for (const outcome of done) {
    const [onB, onA] = await Promise.all([outcome.onB, outcome.onA]);
    if ((onB === null || onA === null) && missingExamples.length < 5) {
      missingExamples.push({
        handoverId: outcome.handoverId,
        from: outcome.from,
        onA: onA !== null,
        onB: onB !== null,
      });
    }
    if (onB === null) missingOther += 1;
    else other.push(onB - outcome.acceptedAt);
    if (onA === null) missingSame += 1;
    else same.push(onA - outcome.acceptedAt);
    if (onA !== null && onB !== null) {
      if (onA <= onB) firstOnA += 1;
      later.push(Math.max(onA, onB) - outcome.acceptedAt);
    }
  }
  return {
    handovers: done.length,
    seconds,
    skipped,
    handoversPerSecond: done.length / seconds,
    cycle: latencies(done.map((outcome) => outcome.cycleMs)),
    otherInstance: latencies(other),
    otherValues: other,
    sameInstance: latencies(same),
    throughRedis: latencies(later),
    missingOther,
    missingSame,
    arrivedFirstOnA: firstOnA,
    missingExamples,
    errors: countErrors(outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.error)),
    failures: outcomes.length - done.length,
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function notifyLatencyScenario(ctx) {
  const { client, options, say } = ctx;
  const perSecond = options.notifyRate ?? 20;
  const redis = await benchRedis(ctx.logDir);
  if (redis.missing) return { status: `not measured: ${redis.missing}` };
  // The bench's own instance is not on this Redis: its dispatcher would take a share of the
  // events and push them to no socket of A or B.
  await ctx.stopBenchInstance();
  const otherDispatchers = await dispatcherCount(client);
  if (otherDispatchers > 0) {
    say(
      `notify-latency: WARNING ${otherDispatchers} other Relais instance(s) dispatch from this database: the events they take reach no socket here (counted missing)`,
    );
  }
  const instances = [];
  let sockets = [];
  try {
    const pairs = await handoverPairs(client, PAIRS);
    if (pairs.length === 0) {
      return { status: 'not measured: no two professionals of two structures of one territory' };
    }
    const rotation = new HandoverRotation(pairs, await handoverPeople(client, pairs));
    if (rotation.size < MAX_IN_FLIGHT) {
      return { status: `not measured: only ${rotation.size} people to hand over` };
    }
    // The emails earlier runs queued and their instances, stopped, did not send: a fresh pair of
    // instances would send that backlog (thousands after a run at 60/s) during the runs, which
    // measured a catch-up burst instead of the emails of the runs themselves.
    const left = await client.query(
      `DELETE FROM email_delivery WHERE status IN ('PENDING', 'DEFERRED')`,
    );
    say(`notify-latency: ${left.rowCount} emails left unsent by earlier runs dropped`);
    for (const name of ['a', 'b']) {
      instances.push(
        await startRelais({
          root: ctx.root,
          databaseUrl: ctx.databaseUrl,
          secret: ctx.secret,
          redisUrl: redis.url,
          logFile: join(ctx.logDir, `relais-${name}.log`),
          name: `Relais ${name.toUpperCase()}`,
        }),
      );
    }
    const [a, b] = instances;
    for (let waited = 0; waited < 10_000; waited += 200) {
      if ((await dispatcherCount(client)) >= otherDispatchers + 2) break;
      await sleep(200);
    }
    say(
      `notify-latency: Relais A on ${a.baseUrl}, B on ${b.baseUrl}, Redis: ${redis.source}; logs relais-a.log, relais-b.log`,
    );

    const pairIds = pairs.flat().map((side) => side.accountId);
    // The pairs read their notifications, as caseworkers do: each run leaves thousands unread
    // (nobody reads them here), and counting them at each dispatch grew run after run (20 ms for
    // two accounts holding 4,000 to 12,000), which no caseworker's inbox looks like.
    const read = await client.query(
      `UPDATE notification SET read_at = now() WHERE account_id = ANY($1::uuid[]) AND read_at IS NULL`,
      [pairIds],
    );
    // What the handover cycles write, vacuumed as autovacuum would have between runs (this
    // machine's PostgreSQL runs with autovacuum off: dead rows of earlier runs, tens of
    // thousands, were scanned by every cycle).
    await client.query(
      'VACUUM (ANALYZE) notification, email_delivery, outbox_event, person, team_member, handover, session',
    );
    say(`notify-latency: ${read.rowCount} notifications of the pairs marked read before the runs`);
    const everyone = await socketAccounts(client);
    const { tokens, sessionIds } = await openSessions(client, ctx.secret, [
      ...pairIds,
      ...everyone,
    ]);
    ctx.sessionIds.push(...sessionIds);
    const plan = [];
    for (const id of pairIds) {
      plan.push({ baseUrl: a.baseUrl, token: tokens.get(id), label: `${id}@A` });
      plan.push({ baseUrl: b.baseUrl, token: tokens.get(id), label: `${id}@B` });
    }
    for (let index = 0; plan.length < SOCKETS; index += 1) {
      const id = everyone[index % everyone.length];
      plan.push({ baseUrl: (index % 2 ? a : b).baseUrl, token: tokens.get(id), label: null });
    }
    const connection = await connectMany(plan);
    sockets = connection.sockets;
    say(
      `notify-latency: ${connection.connected}/${plan.length} sockets connected in ${connection.seconds.toFixed(1)} s (${everyone.length} accounts, one session each)`,
    );
    if (connection.connected < plan.length) {
      return { status: 'not measured: sockets refused', failures: connection.failures };
    }
    const watch = new NotificationWatch();
    plan.forEach((entry, index) => {
      if (entry.label) watch.watch(sockets[index], entry.label);
    });

    const run = async (job) => {
      try {
        const times = await handoverCycle(a.url, tokens, job);
        rotation.handedOver(job);
        return {
          ok: true,
          from: job.from,
          ...times,
          onB: watch.arrival(
            `${job.from}@B`,
            'handover.accepted',
            times.handoverId,
            NOTIFICATION_TIMEOUT_MS,
          ),
          onA: watch.arrival(
            `${job.from}@A`,
            'handover.accepted',
            times.handoverId,
            NOTIFICATION_TIMEOUT_MS,
          ),
        };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    };

    const warmup = await openLoop(rotation, options.warmupSeconds, perSecond, MAX_IN_FLIGHT, run);
    const warm = await summarizeRun(warmup.outcomes, warmup.seconds, warmup.skipped);
    if (warm.handovers > 0 && warm.otherInstance.count === 0) {
      return {
        status: 'not measured: no notification reached the other instance during the warm-up',
        warmup: warm,
      };
    }
    const runs = [];
    const memoryBefore = instances.map((instance) => memoryKbOf(instance.pid));
    for (let index = 0; index < options.runs; index += 1) {
      const { outcomes, skipped } = await openLoop(
        rotation,
        options.runSeconds,
        perSecond,
        MAX_IN_FLIGHT,
        run,
      );
      const summary = await summarizeRun(outcomes, options.runSeconds, skipped);
      runs.push(summary);
      say(
        `  notify-latency run ${index + 1}: ${summary.handoversPerSecond.toFixed(1)} handovers/s, other instance p50 ${summary.otherInstance.p50Ms?.toFixed(1)} ms p99 ${summary.otherInstance.p99Ms?.toFixed(1)} ms (same instance p50 ${summary.sameInstance.p50Ms?.toFixed(1)} ms p99 ${summary.sameInstance.p99Ms?.toFixed(1)} ms), ${summary.missingOther} missing, ${summary.failures} failed, ${summary.skipped} skipped`,
      );
    }
    // Over every handover of the runs, next to the median of the runs' figures.
    const pooled = latencies(runs.flatMap((r) => r.otherValues));
    for (const r of runs) delete r.otherValues;
    const med = (pick) => median(runs.map(pick));
    const sum = (pick) => runs.reduce((total, r) => total + pick(r), 0);
    return {
      status: 'measured',
      instances: 2,
      otherDispatchers,
      redis: redis.source,
      sockets: plan.length,
      socketsConnectedAtEnd: stillConnected(sockets),
      accounts: everyone.length,
      pairs: pairs.length,
      targetPerSecond: perSecond,
      handoversPerSecond: med((r) => r.handoversPerSecond),
      cycleP50Ms: med((r) => r.cycle.p50Ms),
      cycleP99Ms: med((r) => r.cycle.p99Ms),
      otherInstanceP50Ms: med((r) => r.otherInstance.p50Ms),
      otherInstanceP99Ms: med((r) => r.otherInstance.p99Ms),
      sameInstanceP50Ms: med((r) => r.sameInstance.p50Ms),
      sameInstanceP99Ms: med((r) => r.sameInstance.p99Ms),
      throughRedisP50Ms: med((r) => r.throughRedis.p50Ms),
      throughRedisP99Ms: med((r) => r.throughRedis.p99Ms),
      otherInstancePooled: pooled,
      targetP99Ms: targetP99Ms(perSecond),
      handovers: sum((r) => r.handovers),
      notifiedOther: sum((r) => r.otherInstance.count),
      missingOther: sum((r) => r.missingOther),
      missingSame: sum((r) => r.missingSame),
      arrivedFirstOnA: sum((r) => r.arrivedFirstOnA),
      skipped: sum((r) => r.skipped),
      failures: sum((r) => r.failures),
      memoryKb: {
        before: memoryBefore,
        after: instances.map((instance) => memoryKbOf(instance.pid)),
      },
      runs,
    };
  } finally {
    closeAll(sockets);
    for (const instance of instances) await instance.stop();
    await redis.stop();
  }
}
