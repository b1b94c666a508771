/**
 * A latency probe at a fixed rate (open loop): a request is due every 1/rate s whether or not the
 * previous ones have answered, and its latency counts from when it was due, so a server that
 * stalls is charged for the whole stall (no coordinated omission).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { latencies } from './stats.mjs';

/**
 * Sends `request()` (a function returning a Promise of a fetch Response) `rate` times a second
 * until `until` settles (a Promise) or `seconds` pass, then waits for the answers in flight.
 * An answer counts when it is 200 without GraphQL `errors`; the others, timeouts included,
 * are failures (their latency counts too). `slowest`: the 5 worst, with when they were due
 * (seconds from the start), to tell which phase of the load they fell in. `clientLoopMaxMs`: the
 * worst event-loop delay of this (the bench's) process meanwhile: when it is near the worst
 * latency, the bench itself sent late, not the server answered late.
 */
export async function openLoop({ request, rate, seconds, until, timeoutMs = 30_000 }) {
  const interval = 1000 / rate;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const start = performance.now();
  const end = seconds === undefined ? Infinity : start + seconds * 1000;
  let stopped = false;
  until?.finally(() => {
    stopped = true;
  });
  const samples = [];
  const timed = [];
  const inFlight = new Set();
  let failures = 0;
  const examples = [];
  for (let index = 0; !stopped; index += 1) {
    const due = start + index * interval;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if (stopped) break;
    const sent = (async () => {
      let ok = false;
      try {
        const response = await request(AbortSignal.timeout(timeoutMs));
        const text = await response.text();
        ok = response.status === 200 && !text.startsWith('{"errors"');
        if (!ok && examples.length < 3) examples.push(`${response.status} ${text.slice(0, 200)}`);
      } catch (error) {
        if (examples.length < 3) examples.push(String(error?.message ?? error));
      }
      const ms = performance.now() - due;
      samples.push(ms);
      timed.push({ atS: (due - start) / 1000, ms });
      if (!ok) failures += 1;
    })();
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  }
  await Promise.all(inFlight);
  loop.disable();
  return {
    rate,
    seconds: (performance.now() - start) / 1000,
    ...latencies(samples),
    failures,
    failureExamples: examples,
    clientLoopMaxMs: Math.round(loop.max / 1e6),
    slowest: timed
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map(({ atS, ms }) => ({ atS: Math.round(atS * 10) / 10, ms: Math.round(ms) })),
  };
}
