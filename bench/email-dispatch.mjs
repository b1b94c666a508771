/**
 * The `email` scenario of `npm run bench`: 1,000 notification emails queued at once on the
 * bench's Relais, sent by its own `email.send` job (production build, default options, the real
 * templates) to the bench's SMTP server (bench/lib/relais.mjs), which reads each to its end.
 * Throughput, and each email's time from the commit that queued it to its receipt: the first,
 * p50, p99 and the last. No raw limit: the figures are its own, never a verdict.
 *
 * `npm run bench:email` (email-send.mjs) measures the sender alone, in process, to profile it;
 * this measures what a deployment does, poll interval included.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startPostgresCpu } from './lib/postgres-cpu.mjs';
import { cpuMsOf } from './lib/processes.mjs';
import { latencies, median } from './lib/stats.mjs';
import { fixed, markdownTable } from './lib/table.mjs';

export const EMAIL_SCENARIO = 'email';
const EMAILS_PER_RUN = 1000;
/** A running server has rendered before: MJML's first render loads its components. */
const WARMUP_EMAILS = 20;
const TIMEOUT_MS = 180_000;

/** The templates' sample HANDOVER_PROPOSED message (13.6 KB on the wire), from the build. */
async function sampleMessage(root) {
  const samples = join(root, 'dist/libs/notifications/src/email/templates/email-samples.js');
  const { EMAIL_SAMPLES } = await import(pathToFileURL(samples).href);
  return EMAIL_SAMPLES.HANDOVER_PROPOSED[0];
}

/** Emails that Relais would send before the bench's (queued earlier, due): how many. */
async function othersDue(client, prefix) {
  const { rows } = await client.query(
    `SELECT count(*)::int AS n FROM email_delivery
      WHERE status IN ('PENDING', 'DEFERRED') AND next_attempt_at <= now()
        AND to_address NOT LIKE $1`,
    [`${prefix}%`],
  );
  return rows[0].n;
}

/**
 * Queues one email to each account in one statement (one transaction), as the event emails are
 * queued (EmailOutbox.enqueueAll): PENDING, due now, the recipient's first name in the message.
 */
async function enqueue(client, accounts, message, run) {
  await client.query(
    `INSERT INTO email_delivery
       (account_id, to_address, kind, category, dedupe_key, message, status, next_attempt_at)
     SELECT a.id, a.email, $2, 'HANDOVERS', a.id || ':bench-email-' || $4,
            jsonb_set($3::jsonb, '{recipientFirstName}', to_jsonb(a.given_name)), 'PENDING',
            clock_timestamp()
       FROM account a WHERE a.id = ANY($1::uuid[]) ORDER BY a.email`,
    [accounts.map((account) => account.id), message.kind, JSON.stringify(message), run],
  );
}

/** Resolves once every address has been received, or after the timeout, with the arrivals. */
function arrivalsOf(relais, addresses) {
  const expected = new Set(addresses);
  const arrivals = new Map();
  let stop;
  const done = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(), TIMEOUT_MS);
    stop = relais.onEmail((recipients, at) => {
      for (const recipient of recipients) {
        if (expected.has(recipient) && !arrivals.has(recipient)) arrivals.set(recipient, at);
      }
      if (arrivals.size === expected.size) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return done.then(() => {
    stop();
    return arrivals;
  });
}

async function oneRun(ctx, accounts, message, run) {
  const { client, relais, pgLocal } = ctx;
  const received = arrivalsOf(
    relais,
    accounts.map((account) => account.email),
  );
  const pg = pgLocal ? await startPostgresCpu(client) : null;
  const nodeBefore = cpuMsOf(relais.pid);
  await enqueue(client, accounts, message, run);
  const queuedAt = performance.now();
  const arrivals = await received;
  const nodeAfter = cpuMsOf(relais.pid);
  const pgCpu = pg ? await pg.stop() : null;
  const times = [...arrivals.values()].map((at) => at - queuedAt);
  const sent = times.length;
  const lastMs = sent ? Math.max(...times) : null;
  const per = (ms) => (ms === null || sent === 0 ? null : ms / sent);
  return {
    emails: accounts.length,
    received: sent,
    emailsPerSecond: lastMs ? (sent * 1000) / lastMs : null,
    firstMs: sent ? Math.min(...times) : null,
    ...latencies(times),
    lastMs,
    nodeCpuMsPerEmail: per(
      nodeBefore === null || nodeAfter === null ? null : nodeAfter - nodeBefore,
    ),
    postgresCpuMsPerEmail: per(pgCpu?.ms ?? null),
  };
}

/**
 * Warm-up (20 emails), then runs of 1,000 (3, `--quick` 1) on `relais`, the bench's instance:
 * its own accounts (`bench.email-dispatch.<run>.<n>@relais.bench`), deleted at the end with
 * their deliveries. `ctx`: { client, relais, root, options, pgLocal, say }.
 */
export async function runEmailDispatch(ctx) {
  const { client, root, options, say } = ctx;
  const run = randomUUID().slice(0, 8);
  const prefix = `bench.email-dispatch.${run}.`;
  const runs = options.quick ? 1 : options.runs;
  const { rows: accounts } = await client.query(
    `INSERT INTO account (email, given_name, family_name)
     SELECT $1 || n || '@relais.bench', 'Destinataire' || n, 'Bench'
       FROM generate_series(1, $2) AS n
     RETURNING id, email`,
    [prefix, WARMUP_EMAILS + runs * EMAILS_PER_RUN],
  );
  try {
    const message = await sampleMessage(root);
    // Emails left by earlier scenarios go first (oldest due first): let Relais send them.
    const waitUntil = Date.now() + 60_000;
    let others = await othersDue(client, prefix);
    while (others > 0 && Date.now() < waitUntil) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      others = await othersDue(client, prefix);
    }
    if (others > 0) {
      return { scenario: EMAIL_SCENARIO, status: `not measured: ${others} other emails due` };
    }
    await oneRun(ctx, accounts.slice(0, WARMUP_EMAILS), message, run);
    const results = [];
    for (let index = 0; index < runs; index += 1) {
      const from = WARMUP_EMAILS + index * EMAILS_PER_RUN;
      const result = await oneRun(ctx, accounts.slice(from, from + EMAILS_PER_RUN), message, run);
      results.push(result);
      say(
        `  email run ${index + 1}: ${result.received}/${result.emails} received, ${fixed(result.emailsPerSecond, 0)} emails/s, first ${fixed(result.firstMs, 0)} ms, p50 ${fixed(result.p50Ms, 0)} ms, p99 ${fixed(result.p99Ms, 0)} ms, last ${fixed(result.lastMs, 0)} ms`,
      );
    }
    const med = (key) => median(results.map((result) => result[key]));
    return {
      scenario: EMAIL_SCENARIO,
      status: 'measured',
      emailsPerRun: EMAILS_PER_RUN,
      emailsPerSecond: med('emailsPerSecond'),
      firstMs: med('firstMs'),
      p50Ms: med('p50Ms'),
      p99Ms: med('p99Ms'),
      lastMs: med('lastMs'),
      nodeCpuMsPerEmail: med('nodeCpuMsPerEmail'),
      postgresCpuMsPerEmail: med('postgresCpuMsPerEmail'),
      failures: results.reduce((sum, result) => sum + result.emails - result.received, 0),
      runs: results,
    };
  } finally {
    const ids = accounts.map((account) => account.id);
    await client.query(`DELETE FROM email_delivery WHERE account_id = ANY($1::uuid[])`, [ids]);
    await client.query(`DELETE FROM account WHERE id = ANY($1::uuid[])`, [ids]);
  }
}

export function emailTable(result) {
  const header = [
    'scenario',
    'emails/s',
    'first ms',
    'p50 ms',
    'p99 ms',
    'last ms',
    'Node CPU ms/email',
    'PG CPU ms/email',
    'failures',
  ];
  if (result.status !== 'measured') {
    return markdownTable(header, [[result.scenario, result.status, '', '', '', '', '', '', '']]);
  }
  return markdownTable(header, [
    [
      `email (${result.emailsPerRun} queued at once)`,
      fixed(result.emailsPerSecond, 0),
      fixed(result.firstMs, 0),
      fixed(result.p50Ms, 0),
      fixed(result.p99Ms, 0),
      fixed(result.lastMs, 0),
      fixed(result.nodeCpuMsPerEmail, 2),
      fixed(result.postgresCpuMsPerEmail, 2),
      String(result.failures),
    ],
  ]);
}
