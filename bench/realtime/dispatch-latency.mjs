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
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { endSessions, openSessions } from '../lib/auth.mjs';
import { startRelais } from '../lib/relais.mjs';
import { latencies, median } from '../lib/stats.mjs';
import { dispatcherCount, handoverPairs, handoverPeople, socketAccounts } from './fixtures.mjs';
import { NotificationWatch } from './handovers.mjs';
import { benchRedis } from './redis.mjs';
import { closeAll, connectMany } from './sockets.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const say = (line) => void process.stdout.write(`dispatch-latency: ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function parse(argv) {
  const options = { rate: 20, seconds: 10, runs: 3, warmup: 3, sockets: 1_000 };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
    options[key] = Number(argv[++i]);
  }
  return options;
}

/** One event row as `insertOutboxEvent` writes it, committed on its own; resolves at COMMIT. */
async function writeEvent(pool, event) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `WITH written AS (
         INSERT INTO outbox_event (type, territory_id, structure_ids, person_id, actor_account_id,
           actor_membership_id, recipient_account_ids, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id)
       SELECT id, pg_notify('relais_outbox', '') FROM written`,
      [
        event.type,
        event.territoryId,
        event.structureIds,
        event.personId,
        event.actor.accountId,
        event.actor.membershipId,
        event.recipients,
        event.payload,
      ],
    );
    await client.query('COMMIT');
    return performance.now();
  } finally {
    client.release();
  }
}

/** A handover's two events, the second once the first committed; the acceptance's commit time. */
async function handover(pool, job) {
  const handoverId = randomUUID();
  const base = {
    handoverId,
    personId: job.personId,
    fromStructureId: job.from.structureId,
    toStructureId: job.to.structureId,
  };
  const common = {
    territoryId: job.from.territoryId,
    structureIds: [job.from.structureId, job.to.structureId],
    personId: job.personId,
  };
  await writeEvent(pool, {
    ...common,
    type: 'handover.proposed',
    actor: job.from,
    recipients: [job.to.accountId],
    payload: { ...base, toAccountId: job.to.accountId, status: 'PROPOSED' },
  });
  const committedAt = await writeEvent(pool, {
    ...common,
    type: 'handover.accepted',
    actor: job.to,
    recipients: [job.from.accountId],
    payload: { ...base, newReferentAccountId: job.to.accountId, status: 'ACCEPTED' },
  });
  return { handoverId, committedAt };
}

async function membershipsOf(client, accountIds) {
  const { rows } = await client.query(
    `SELECT account_id, id, territory_id FROM membership
      WHERE account_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
    [accountIds],
  );
  return new Map(rows.map((row) => [row.account_id, row]));
}

/** Open loop: a handover every 1/rate s for `seconds`, each measured at both sockets. */
async function openLoop(pool, watch, jobs, rate, seconds) {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const outcomes = [];
  for (let index = 0; index < total; index += 1) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const job = jobs[index % jobs.length];
    outcomes.push(
      handover(pool, job).then(async ({ handoverId, committedAt }) => {
        const [onB, onA] = await Promise.all(
          ['B', 'A'].map((side) =>
            watch.arrival(`${job.from.accountId}@${side}`, 'handover.accepted', handoverId, 5_000),
          ),
        );
        return { committedAt, onA, onB, late: performance.now() - due };
      }),
    );
  }
  const done = await Promise.all(outcomes);
  const lag = (at) => done.filter((o) => o[at] !== null).map((o) => o[at] - o.committedAt);
  return {
    handovers: done.length,
    writesPerSecond: done.length / ((performance.now() - started) / 1000),
    otherInstance: latencies(lag('onB')),
    sameInstance: latencies(lag('onA')),
    missing: done.filter((o) => o.onB === null).length,
  };
}

async function main() {
  const options = parse(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required (the bench data)');
  const logDir = await mkdtemp(join(tmpdir(), 'relais-dispatch-latency-'));
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'relais-bench' });
  await client.connect();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 8,
    application_name: 'relais-bench-writer',
  });
  const redis = await benchRedis(logDir);
  if (redis.missing) throw new Error(redis.missing);
  const secret = randomBytes(32).toString('base64url');
  const instances = [];
  let sockets = [];
  let sessionIds = [];
  try {
    const pairs = await handoverPairs(client, 8);
    const people = await handoverPeople(client, pairs);
    const memberships = await membershipsOf(
      client,
      pairs.flat().map((side) => side.accountId),
    );
    const side = (s) => ({
      ...s,
      membershipId: memberships.get(s.accountId).id,
      territoryId: memberships.get(s.accountId).territory_id,
    });
    const partner = new Map();
    for (const [left, right] of pairs) {
      partner.set(left.accountId, side(right));
      partner.set(right.accountId, side(left));
    }
    const byAccount = new Map(pairs.flat().map((s) => [s.accountId, side(s)]));
    const jobs = people
      .filter((person) => partner.has(person.referent))
      .map((person) => ({
        personId: person.personId,
        from: byAccount.get(person.referent),
        to: partner.get(person.referent),
      }));
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
    await openLoop(pool, watch, jobs, options.rate, options.warmup);
    const runs = [];
    for (let run = 0; run < options.runs; run += 1) {
      const result = await openLoop(pool, watch, jobs, options.rate, options.seconds);
      runs.push(result);
      say(
        `run ${run + 1} at ${options.rate}/s: ${result.writesPerSecond.toFixed(1)} handovers/s, other instance p50 ${result.otherInstance.p50Ms?.toFixed(1)} ms p99 ${result.otherInstance.p99Ms?.toFixed(1)} ms, same instance p50 ${result.sameInstance.p50Ms?.toFixed(1)} ms p99 ${result.sameInstance.p99Ms?.toFixed(1)} ms, ${result.missing} missing`,
      );
    }
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
