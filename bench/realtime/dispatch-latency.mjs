/**
 * `node bench/realtime/dispatch-latency.mjs [--rate N] [--seconds S] [--runs N] [--sockets N]`
 * (after a build, with DATABASE_URL holding the bench data): notify-latency without the
 * mutations. On a shared 2-core machine the GraphQL mutations of notify-latency saturate the
 * CPU well before 60 handovers per second, so what the dispatcher adds is lost in their queue.
 * Here the bench writes the handovers' outbox rows itself, as `writeOutbox` does (one
 * transaction per event, `pg_notify` at commit): for each handover a `handover.proposed` to
 * the partner, then a `handover.accepted` to the former referent, open loop at N handovers per
 * second. Two fresh instances A and B share a Redis; each caseworker of the pairs holds a
 * socket on both, filler sockets make up the count. The figure: from the acceptance's COMMIT
 * returning to its `notification` at the former referent's socket on B (and on A).
 * The rows it writes stay (outbox events, inbox rows, queued emails), as notify-latency's.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { endSessions, openSessions } from '../lib/auth.mjs';
import { startRelais } from '../lib/relais.mjs';
import { latencies, median } from '../lib/stats.mjs';
import { dispatcherCount, socketAccounts } from './fixtures.mjs';
import { NotificationWatch } from './handovers.mjs';
import { connectWriter, handoverJobs, handoverLoop, loopOptions, timedRuns } from './outbox.mjs';
import { benchRedis } from './redis.mjs';
import { closeAll, connectMany } from './sockets.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const say = (line) => void process.stdout.write(`dispatch-latency: ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A handover's acceptance commit time and when it reached the former referent on B and A. */
const atSockets =
  (watch) =>
  async (job, { handoverId, committedAt }) => {
    const [onB, onA] = await Promise.all(
      ['B', 'A'].map((side) =>
        watch.arrival(`${job.from.accountId}@${side}`, 'handover.accepted', handoverId, 5_000),
      ),
    );
    return { committedAt, onA, onB };
  };

/** Open loop: a handover every 1/rate s for `seconds`, each measured at both sockets. */
async function measure(pool, watch, jobs, rate, seconds) {
  const loop = await handoverLoop(pool, jobs, rate, seconds, atSockets(watch));
  const { values } = loop;
  const lag = (at) => values.filter((o) => o[at] !== null).map((o) => o[at] - o.committedAt);
  return {
    handovers: values.length,
    writesPerSecond: values.length / loop.seconds,
    otherInstance: latencies(lag('onB')),
    sameInstance: latencies(lag('onA')),
    missing: values.filter((o) => o.onB === null).length,
  };
}

async function main() {
  const options = loopOptions(process.argv.slice(2), { sockets: 1_000 });
  const { databaseUrl, client, pool } = await connectWriter();
  const logDir = await mkdtemp(join(tmpdir(), 'relais-dispatch-latency-'));
  const redis = await benchRedis(logDir);
  if (redis.missing) throw new Error(redis.missing);
  const secret = randomBytes(32).toString('base64url');
  const instances = [];
  let sockets = [];
  let sessionIds = [];
  try {
    const { pairs, jobs } = await handoverJobs(client);
    for (const name of ['a', 'b']) {
      instances.push(
        await startRelais({
          root: ROOT,
          databaseUrl,
          secret,
          redisUrl: redis.url,
          logFile: join(logDir, `relais-${name}.log`),
          name: `Relais ${name.toUpperCase()}`,
        }),
      );
    }
    const [a, b] = instances;
    for (let waited = 0; waited < 10_000 && (await dispatcherCount(client)) < 2; waited += 200) {
      await sleep(200);
    }
    const pairIds = pairs.flat().map((s) => s.accountId);
    const everyone = await socketAccounts(client);
    const sessions = await openSessions(client, secret, [...pairIds, ...everyone]);
    sessionIds = sessions.sessionIds;
    const plan = [];
    for (const id of pairIds) {
      plan.push({ baseUrl: a.baseUrl, token: sessions.tokens.get(id), label: `${id}@A` });
      plan.push({ baseUrl: b.baseUrl, token: sessions.tokens.get(id), label: `${id}@B` });
    }
    for (let index = 0; plan.length < options.sockets; index += 1) {
      const id = everyone[index % everyone.length];
      plan.push({
        baseUrl: (index % 2 ? a : b).baseUrl,
        token: sessions.tokens.get(id),
        label: null,
      });
    }
    const connection = await connectMany(plan);
    sockets = connection.sockets;
    say(`${connection.connected}/${plan.length} sockets, ${jobs.length} people, logs in ${logDir}`);
    const watch = new NotificationWatch();
    plan.forEach((entry, index) => {
      if (entry.label && sockets[index]) watch.watch(sockets[index], entry.label);
    });
    const runs = await timedRuns(
      options,
      (seconds) => measure(pool, watch, jobs, options.rate, seconds),
      (result, run) =>
        say(
          `run ${run} at ${options.rate}/s: ${result.writesPerSecond.toFixed(1)} handovers/s, other instance p50 ${result.otherInstance.p50Ms?.toFixed(1)} ms p99 ${result.otherInstance.p99Ms?.toFixed(1)} ms, same instance p50 ${result.sameInstance.p50Ms?.toFixed(1)} ms p99 ${result.sameInstance.p99Ms?.toFixed(1)} ms, ${result.missing} missing`,
        ),
    );
    const med = (pick) => median(runs.map(pick));
    say(
      `median of ${runs.length} runs at ${options.rate}/s: other instance p50 ${med((r) => r.otherInstance.p50Ms).toFixed(1)} ms p99 ${med((r) => r.otherInstance.p99Ms).toFixed(1)} ms; same instance p50 ${med((r) => r.sameInstance.p50Ms).toFixed(1)} ms p99 ${med((r) => r.sameInstance.p99Ms).toFixed(1)} ms`,
    );
  } finally {
    closeAll(sockets);
    for (const instance of instances) await instance.stop();
    await redis.stop();
    await endSessions(client, sessionIds);
    await pool.end();
    await client.end();
  }
}

await main();
