/** A passage de relais as two caseworkers do it: propose (the referent), accept (the receiver). */
import { performance } from 'node:perf_hooks';

export const PROPOSE_HANDOVER = `mutation ProposeHandover($input: ProposeHandoverInput!) {
  proposeHandover(input: $input) { id status }
}`;

export const ACCEPT_HANDOVER = `mutation AcceptHandover($input: AcceptHandoverInput!) {
  acceptHandover(input: $input) { id status newReferent { id } }
}`;

/** POST /graphql; the data, or an Error naming the status or the first GraphQL error's code. */
async function graphql(url, token, operationName, query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ operationName, query, variables }),
  });
  const json = await response.json().catch(() => null);
  if (response.status !== 200 || !json || json.errors) {
    const first = json?.errors?.[0];
    const code = first?.extensions?.code ?? `HTTP ${response.status}`;
    throw new Error(`${operationName}: ${code}${first ? ` (${first.message.slice(0, 120)})` : ''}`);
  }
  return json.data;
}

/**
 * The people to hand over, each with their current referent, taken in turn: a person handed over
 * comes back at the end of the queue with the partner as referent, to be handed back.
 */
export class HandoverRotation {
  constructor(pairs, people) {
    this.partner = new Map();
    for (const [left, right] of pairs) {
      this.partner.set(left.accountId, right);
      this.partner.set(right.accountId, left);
    }
    this.queue = people.filter((person) => this.partner.has(person.referent));
  }

  get size() {
    return this.queue.length;
  }

  /** The next person and who hands them to whom; null when every one is in flight. */
  take() {
    const person = this.queue.shift();
    if (!person) return null;
    const to = this.partner.get(person.referent);
    return { personId: person.personId, from: person.referent, to };
  }

  /** After an accepted handover: the person is the partner's, to hand back later. */
  handedOver(job) {
    this.queue.push({ personId: job.personId, referent: job.to.accountId });
  }
}

/**
 * One cycle against `url`: the referent proposes the person to the partner's structure, naming the
 * partner, who accepts. Times in performance.now() milliseconds.
 */
export async function handoverCycle(url, tokens, job) {
  const started = performance.now();
  const proposed = await graphql(url, tokens.get(job.from), 'ProposeHandover', PROPOSE_HANDOVER, {
    input: {
      personId: job.personId,
      toStructureId: job.to.structureId,
      toAccountId: job.to.accountId,
      reason: 'Bench: passage de relais vers une autre structure du territoire',
      personInformed: true,
    },
  });
  const proposedAt = performance.now();
  const handoverId = proposed.proposeHandover.id;
  const accepted = await graphql(
    url,
    tokens.get(job.to.accountId),
    'AcceptHandover',
    ACCEPT_HANDOVER,
    {
      input: { handoverId, formerReferentStaysAsFollower: false },
    },
  );
  const acceptedAt = performance.now();
  if (accepted.acceptHandover.status !== 'ACCEPTED') {
    throw new Error(`AcceptHandover: status ${accepted.acceptHandover.status}`);
  }
  return {
    handoverId,
    started,
    proposedAt,
    acceptedAt,
    proposeMs: proposedAt - started,
    acceptMs: acceptedAt - proposedAt,
    cycleMs: acceptedAt - started,
  };
}

/**
 * Arrival times (performance.now()) of `notification` events at labelled sockets, by socket,
 * type and handover; `arrival` waits for one.
 */
export class NotificationWatch {
  constructor() {
    this.arrivals = new Map();
    this.waiting = new Map();
  }

  watch(socket, label) {
    socket.on('notification', (notification) => {
      if (!notification?.handoverId) return;
      const key = `${label}|${notification.type}|${notification.handoverId}`;
      if (this.arrivals.has(key)) return;
      const at = performance.now();
      this.arrivals.set(key, at);
      this.waiting.get(key)?.(at);
    });
  }

  /** When the event arrived (maybe before this call), or null if it did not within the timeout. */
  arrival(label, type, handoverId, timeoutMs) {
    const key = `${label}|${type}|${handoverId}`;
    if (this.arrivals.has(key)) return Promise.resolve(this.arrivals.get(key));
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        resolve(null);
      }, timeoutMs);
      this.waiting.set(key, (at) => {
        clearTimeout(timer);
        this.waiting.delete(key);
        resolve(at);
      });
    });
  }
}

/** Counts of error messages. */
export function countErrors(errors) {
  const counts = {};
  for (const message of errors) counts[message] = (counts[message] ?? 0) + 1;
  return counts;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `concurrency` cycles in flight at all times for `seconds` (closed loop). `run(job)` does one;
 * returns its outcomes (`{ ok, ... }`) and the elapsed seconds.
 */
export async function closedLoop(rotation, seconds, concurrency, run) {
  const outcomes = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const job = rotation.take();
      if (!job) {
        await sleep(5);
        continue;
      }
      outcomes.push(await run(job));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { outcomes, seconds: (performance.now() - started) / 1000 };
}

/**
 * A cycle started every 1/`perSecond` s for `seconds` (open loop: a slow answer does not slow the
 * arrivals), at most `maxInFlight` at once; beyond, the start is skipped and counted.
 */
export async function openLoop(rotation, seconds, perSecond, maxInFlight, run) {
  const outcomes = [];
  const pending = new Set();
  let skipped = 0;
  const interval = 1000 / perSecond;
  const started = performance.now();
  const total = Math.round(seconds * perSecond);
  for (let index = 0; index < total; index += 1) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const job = pending.size < maxInFlight ? rotation.take() : null;
    if (!job) {
      skipped += 1;
      continue;
    }
    const promise = run(job).then((outcome) => {
      outcomes.push(outcome);
      pending.delete(promise);
    });
    pending.add(promise);
  }
  await Promise.all(pending);
  return { outcomes, skipped, seconds: (performance.now() - started) / 1000 };
}
