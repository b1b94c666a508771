/**
 * Handovers written straight into the outbox, as `writeOutbox` writes their events, without the
 * GraphQL mutations: what dispatch-latency and dispatcher-latency share (their numeric options,
 * their connections, the handovers of the fixtures' pairs, the rows, the open loop that writes
 * them and the warm-up and runs of it).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { handoverPairs, handoverPeople } from './fixtures.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `--name N` pairs over the defaults both scripts share (`--rate`, `--seconds`, `--runs`,
 * `--warmup`) and a script's `extra` ones (numbers); any other option is refused.
 */
export function loopOptions(argv, extra = {}) {
  const options = { rate: 20, seconds: 10, runs: 3, warmup: 3, ...extra };
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
    options[key] = Number(argv[++i]);
  }
  return options;
}

/** On DATABASE_URL (the bench data): the bench's connection and the writer's pool of 8. */
export async function connectWriter() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required (the bench data)');
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'relais-bench' });
  await client.connect();
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 8,
    application_name: 'relais-bench-writer',
  });
  return { databaseUrl, client, pool };
}

/**
 * The fixtures' 8 pairs and one handover per person that can change hands whose referent is in
 * one of them: from the referent to their partner, each side with its account, structure,
 * membership and territory (a pair's professionals have one membership each).
 */
export async function handoverJobs(client) {
  const pairs = await handoverPairs(client, 8);
  const people = await handoverPeople(client, pairs);
  const { rows } = await client.query(
    `SELECT account_id, id, territory_id FROM membership
      WHERE account_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
    [pairs.flat().map((side) => side.accountId)],
  );
  const membership = new Map(rows.map((row) => [row.account_id, row]));
  const side = (s) => ({
    ...s,
    membershipId: membership.get(s.accountId).id,
    territoryId: membership.get(s.accountId).territory_id,
  });
  const self = new Map();
  const partner = new Map();
  for (const [left, right] of pairs.map((pair) => pair.map(side))) {
    self.set(left.accountId, left);
    self.set(right.accountId, right);
    partner.set(left.accountId, right);
    partner.set(right.accountId, left);
  }
  const jobs = people
    .filter((person) => partner.has(person.referent))
    .map((person) => ({
      personId: person.personId,
      from: self.get(person.referent),
      to: partner.get(person.referent),
    }));
  return { pairs, jobs };
}

/**
 * One event row as `insertOutboxEvent` writes it, committed on its own (`pg_notify` at commit);
 * its id and when the COMMIT returned.
 */
export async function writeOutboxEvent(pool, event) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
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
    return { id: rows[0].id, committedAt: performance.now() };
  } finally {
    client.release();
  }
}

/**
 * A handover's two events (`handoverJobs`' job): `handover.proposed` to the partner, then, once
 * it committed, `handover.accepted` to the former referent. The handover's id, the acceptance
 * event's id and when its COMMIT returned.
 */
export async function writeHandover(pool, job) {
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
  await writeOutboxEvent(pool, {
    ...common,
    type: 'handover.proposed',
    actor: job.from,
    recipients: [job.to.accountId],
    payload: { ...base, toAccountId: job.to.accountId, status: 'PROPOSED' },
  });
  const accepted = await writeOutboxEvent(pool, {
    ...common,
    type: 'handover.accepted',
    actor: job.to,
    recipients: [job.from.accountId],
    payload: { ...base, newReferentAccountId: job.to.accountId, status: 'ACCEPTED' },
  });
  return { handoverId, eventId: accepted.id, committedAt: accepted.committedAt };
}

/**
 * A handover of `jobs` (in turn) written every 1/`rate` s for `seconds` (open loop: a slow one
 * does not delay the next), then `after(job, written)` (`writeHandover`'s result) for each; what
 * those resolved to, in order, and the seconds until the last resolved.
 */
export async function handoverLoop(pool, jobs, rate, seconds, after) {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const pending = [];
  for (let index = 0; index < total; index += 1) {
    const wait = started + (index * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const job = jobs[index % jobs.length];
    pending.push(writeHandover(pool, job).then((written) => after(job, written)));
  }
  const values = await Promise.all(pending);
  return { values, seconds: (performance.now() - started) / 1000 };
}

/**
 * A warm-up of `options.warmup` s, then `options.runs` runs of `options.seconds` s:
 * `measure(seconds)` does one and resolves to its result, `each(result, number)` hears each run's;
 * the runs' results.
 */
export async function timedRuns(options, measure, each) {
  await measure(options.warmup);
  const runs = [];
  for (let run = 0; run < options.runs; run += 1) {
    const result = await measure(options.seconds);
    runs.push(result);
    each(result, run + 1);
  }
  return runs;
}
