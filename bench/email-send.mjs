/**
 * email-send: how long the email sender (`EmailSenderService`, the `email.send` job) takes to
 * send 1,000 emails to a local SMTP server. Not part of `npm run bench`: a standalone measure
 * for issue 18.
 *
 *   npm run build   (or only the server: npx swc apps libs -d dist --ignore "apps/web/**" --quiet)
 *   DATABASE_URL=postgres://... npm run bench:email -- [--count 1000] [--senders 1]
 *
 * On DATABASE_URL (created if missing, migrated): inserts `--count` ACTIVE accounts of its own,
 * queues one HANDOVER_PROPOSED email to each through `EmailOutbox.enqueueAll` in one transaction
 * (the sample message of the templates, with its one-click unsubscribe link), starts an SMTP
 * server (smtp-server) on a free loopback port that accepts everything and only counts, then
 * times the real sender, with its default options and the real templates renderer, from its
 * first claim until the server has received every email. At the end it deletes its deliveries
 * and accounts, stops the server and closes the pool. It refuses a database where other emails
 * are waiting: the sender would send them too.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { now, startCountingSmtpServer } from './lib/counting-smtp-server.mjs';

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const { DEFAULT_MAIL_FROM, JobRunner } = await import(dist('libs/core/src/index.js'));
const { buildDataSourceOptions, ensureDatabaseExists, runPendingMigrations } = await import(
  dist('libs/database/src/index.js')
);
const { AccountEntity, AccountRepository, AccountStatus, identityEntities } = await import(
  dist('libs/identity/src/index.js')
);
const { organizationEntities } = await import(dist('libs/organizations/src/index.js'));
const { EmailDeliveryEntity, EmailDeliveryRepository, EmailOutbox, EmailSenderService } =
  await import(dist('libs/notifications/src/index.js'));
const { DEFAULT_EMAIL_SENDER_OPTIONS } = await import(
  dist('libs/notifications/src/email/email-options.js')
);
const { EmailTemplatesRenderer } = await import(
  dist('libs/notifications/src/email/templates/email-templates.renderer.js')
);
const { EMAIL_SAMPLES } = await import(
  dist('libs/notifications/src/email/templates/email-samples.js')
);

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    senders: { type: 'string', default: '1' },
  },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) throw new Error('--count takes a positive integer');
const senderCount = Number(values.senders);
if (!Number.isInteger(senderCount) || senderCount < 1 || senderCount > 8) {
  throw new Error('--senders takes an integer from 1 to 8');
}
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set: the database to queue the emails in');

const run = randomUUID().slice(0, 8);
const fmt = (ms) => `${ms.toFixed(0)} ms`;

/** The templates' renderer, its time summed (the rest of the sender's time is SMTP and SQL). */
function timedRenderer() {
  const renderer = new EmailTemplatesRenderer();
  const timed = {
    ms: 0,
    async render(message) {
      const t0 = performance.now();
      try {
        return await renderer.render(message);
      } finally {
        timed.ms += performance.now() - t0;
      }
    },
  };
  return timed;
}

Logger.overrideLogger(['error', 'warn']);
if (await ensureDatabaseExists(url)) console.log('created the database');
const applied = await runPendingMigrations(url);
if (applied.length) console.log(`applied ${applied.length} migrations`);

const dataSource = await new DataSource(
  await buildDataSourceOptions({
    url,
    // As the API's pool (DATABASE_POOL_SIZE's default).
    poolSize: 10,
    applicationName: 'bench-email-send',
    entities: [...organizationEntities, ...identityEntities, EmailDeliveryEntity],
  }),
).initialize();
const deliveries = new EmailDeliveryRepository(dataSource);
let smtp;
const senders = [];
let accountIds = [];
try {
  const waiting = await deliveries.waitingCount();
  if (waiting > 0) {
    throw new Error(
      `${waiting} emails already wait to be sent on this database; the sender would send them ` +
        'too: use a database without them (a fresh one, say)',
    );
  }

  // 1. The recipients and their emails, queued as the event emails are (one transaction).
  const accounts = Array.from({ length: count }, (_, i) => ({
    email: `bench.email.${run}.${i + 1}@relais.bench`,
    givenName: `Destinataire${i + 1}`,
    familyName: 'Bench',
    status: AccountStatus.ACTIVE,
    oidcIssuer: null,
    oidcSubject: null,
  }));
  const inserted = await dataSource.manager.insert(AccountEntity, accounts);
  accountIds = inserted.identifiers.map((identifier) => identifier.id);
  const sample = EMAIL_SAMPLES.HANDOVER_PROPOSED[0];
  const emails = accountIds.map((accountId, i) => ({
    accountId,
    toAddress: accounts[i].email,
    kind: sample.kind,
    category: 'HANDOVERS',
    eventId: null,
    dedupeKey: `${accountId}:bench-email-${run}:${sample.kind}`,
    message: { ...sample, recipientFirstName: accounts[i].givenName },
  }));
  const outbox = new EmailOutbox(deliveries);
  const queuedAt = performance.now();
  const ids = await dataSource.transaction((manager) => outbox.enqueueAll(manager, emails));
  if (ids.length !== count) throw new Error(`queued ${ids.length} emails, not ${count}`);
  console.log(`queued ${count} emails in ${fmt(performance.now() - queuedAt)}`);

  // 2. The sender as the email module builds it, with its defaults, on the server's URL; with
  //    --senders N, N of them at once, as N instances of the API share the queue (SKIP LOCKED).
  smtp = await startCountingSmtpServer();
  const renderer = timedRenderer();
  for (let i = 0; i < senderCount; i += 1) {
    senders.push(
      new EmailSenderService(
        deliveries,
        new AccountRepository(dataSource),
        new JobRunner(null),
        { smtp: { url: smtp.url }, mailFrom: DEFAULT_MAIL_FROM },
        renderer,
        null,
        null,
      ),
    );
  }
  // A running server has rendered before: MJML's first render loads and compiles its components.
  for (let i = 0; i < 20; i += 1) await renderer.render(emails[i % count].message);
  renderer.ms = 0;

  // 3. Rounds until nothing is due, as the job does at each poll; then the last arrival.
  const loadBefore = os.loadavg()[0];
  const cpuBefore = process.threadCpuUsage();
  const start = now();
  const summaries = await Promise.all(senders.map((sender) => sender.sendDue()));
  const returned = now() - start;
  const cpu = process.threadCpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const sent = summaries.reduce((sum, summary) => sum + summary.sent, 0);
  const deadline = Date.now() + 30_000;
  while (smtp.arrivals.length < sent && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (sent !== count || smtp.arrivals.length !== count) {
    throw new Error(
      `sent ${sent} (${JSON.stringify(summaries)}), the server received ` +
        `${smtp.arrivals.length}, expected ${count}`,
    );
  }
  const first = smtp.arrivals[0] - start;
  const last = Math.max(...smtp.arrivals) - start;
  const { connections, bytes } = smtp.stats();
  const options = DEFAULT_EMAIL_SENDER_OPTIONS;
  // The transport the sender made (email-sender.service.ts smtp()): read back, not restated.
  const pool = senders[0].transport?.options ?? {};

  console.log(
    `Node ${process.version}, ${count} HANDOVER_PROPOSED emails, ${senderCount} sender` +
      `${senderCount === 1 ? '' : 's'} with the defaults:`,
  );
  console.log(
    `  batchSize ${options.batchSize} per round, sent one after the other within a round; ` +
      `SMTP pool ${pool.pool ? 'on' : 'off'}, maxConnections ${pool.maxConnections ?? 'n/a'} per sender` +
      ` (the server saw ${connections} connection${connections === 1 ? '' : 's'}); ` +
      `pollIntervalMs ${options.pollIntervalMs}`,
  );
  console.log(
    `  total ${fmt(last)}, ${Math.round((count * 1000) / last)} emails/s, ` +
      `${(last / count).toFixed(2)} ms per email (sendDue returned after ${fmt(returned)})`,
  );
  console.log(`  first email at ${fmt(first)}, last at ${fmt(last)}`);
  console.log(
    `  rendering ${fmt(renderer.ms)} of it (${(renderer.ms / count).toFixed(2)} ms per email); ` +
      `${(bytes / count / 1024).toFixed(1)} KB per message on the wire`,
  );
  console.log(
    `  CPU of the sender's thread ${fmt(cpuMs)} (${(cpuMs / count).toFixed(2)} ms per email; the ` +
      `rest is waiting: PostgreSQL, the SMTP server, other processes); load average ` +
      `${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after, ${os.cpus().length} CPUs`,
  );
} finally {
  for (const sender of senders) sender.close();
  await smtp?.close();
  if (accountIds.length) {
    // The bench's own rows: its deliveries (by their dedupe keys), then its accounts.
    await dataSource.query(`DELETE FROM email_delivery WHERE dedupe_key LIKE $1`, [
      `%:bench-email-${run}:%`,
    ]);
    await dataSource.query(`DELETE FROM account WHERE id = ANY($1::uuid[])`, [accountIds]);
  }
  await dataSource.destroy();
}
