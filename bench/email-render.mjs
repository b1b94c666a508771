/**
 * email-render: how long the email templates take to render (MJML to HTML plus the text part).
 * Not part of `npm run bench`: a small standalone measure for the email sender's budget.
 *
 *   npx swc apps libs -d dist --ignore "apps/web/**,**\/*.spec.ts" --quiet   (or npm run build)
 *   node_modules/.bin/node bench/email-render.mjs [--count 1000]   (the project's Node 24)
 *
 * Prints the time of `--count` sequential renders of HANDOVER_PROPOSED (after a warm-up), the
 * latency percentiles of one render, and the mean for each kind of email.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { EMAIL_SAMPLES } from '../dist/libs/notifications/src/email/templates/email-samples.js';
import { renderEmail } from '../dist/libs/notifications/src/email/templates/render-email.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' } } });
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error('--count takes a positive integer');

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timeRenders(message, times) {
  const durations = [];
  const start = performance.now();
  for (let i = 0; i < times; i += 1) {
    const t0 = performance.now();
    await renderEmail(message);
    durations.push(performance.now() - t0);
  }
  return { total: performance.now() - start, durations: durations.sort((a, b) => a - b) };
}

const handover = EMAIL_SAMPLES.HANDOVER_PROPOSED[0];
await timeRenders(handover, 100); // warm-up: JIT, MJML's component registry
const { total, durations } = await timeRenders(handover, count);
const fmt = (ms) => ms.toFixed(2);
console.log(`Node ${process.version}, ${count} renders of HANDOVER_PROPOSED, sequential:`);
console.log(
  `  total ${fmt(total)} ms, ${fmt(total / count)} ms per email (${Math.round((count * 1000) / total)} emails/s)`,
);
console.log(
  `  one render: p50 ${fmt(percentile(durations, 50))} ms, p95 ${fmt(percentile(durations, 95))} ms, max ${fmt(durations.at(-1))} ms`,
);
console.log('Mean per kind (200 renders each):');
for (const [kind, samples] of Object.entries(EMAIL_SAMPLES)) {
  const { total: kindTotal } = await timeRenders(samples[0], 200);
  console.log(`  ${kind.padEnd(20)} ${fmt(kindTotal / 200)} ms`);
}
