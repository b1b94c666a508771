/**
 * `node bench/realtime/dispatcher-latency.mjs [--rate N] [--seconds S] [--runs N]` (after a
 * build; DATABASE_URL holding the bench data): the outbox dispatcher alone, for a machine too
 * loaded to run notify-latency's two instances, mutations and sockets (issue 21, item 4).
 *
 * In this process: two dispatchers built as the notifications module builds them (two
 * instances sharing the outbox, each LISTENing, in-memory buses), with a views reader of one
 * statement and a step of five statements on the tables the email and webhook steps read (the
 * round trips a real batch makes). A writer commits handovers' events as `writeOutbox` does
 * (one transaction each, `pg_notify` at commit): `handover.proposed` to the partner, then
 * `handover.accepted` to the former referent, open loop at N handovers per second. The figure:
 * from the acceptance's COMMIT returning to the inbox push of its notification (the moment the
 * dispatcher hands it to socket.io and Redis), p50 and p99, median of the runs.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { latencies, median } from '../lib/stats.mjs';
import { connectWriter, handoverJobs, handoverLoop, loopOptions, timedRuns } from './outbox.mjs';

const dist = (path) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));
const say = (line) => void process.stdout.write(`dispatcher-latency: ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const { JobRunner } = await import(dist('libs/core/src/index.js'));
const { buildDataSourceOptions } = await import(dist('libs/database/src/index.js'));
const { eventEntities, OutboxRepository } = await import(dist('libs/events/src/index.js'));
const { identityEntities } = await import(dist('libs/identity/src/index.js'));
const { organizationEntities } = await import(dist('libs/organizations/src/index.js'));
const { pathwayEntities, PersonSharingRepository } = await import(
  dist('libs/pathways/src/index.js')
);
const notifications = await import(dist('libs/notifications/src/index.js'));
const { InboxService } = await import(dist('libs/notifications/src/inbox.service.js'));
const { NotificationFanout } = await import(dist('libs/notifications/src/notification-fanout.js'));
const { NotificationRepository } = await import(
  dist('libs/notifications/src/notification.repository.js')
);
const { DataSource } = await import('typeorm');
const { Logger } = await import('@nestjs/common');
Logger.overrideLogger(['error']);

/** The inbox rows' views, in one statement (the API's read model joins more; one round trip). */
async function views(manager, ids) {
  const rows = await manager.query(
    `SELECT n.id, n.account_id, n.event_id, n.type, n.created_at, p.given_name
       FROM notification n LEFT JOIN person p ON p.id = n.person_id
      WHERE n.id = ANY($1::uuid[]) ORDER BY n.seq`,
    [ids],
  );
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    eventId: row.event_id,
    type: row.type,
    createdAt: row.created_at,
    readAt: null,
    cursor: row.id,
    person: null,
    handoverId: null,
    joinRequestId: null,
    orientationRequestId: null,
    actor: null,
  }));
}

/** Five statements on what the email and webhook steps read: people, accounts, structures... */
async function step(manager, events) {
  const people = events.map((event) => event.personId).filter(Boolean);
  const accounts = events.flatMap((event) => [...event.recipientAccountIds, event.actorAccountId]);
  await manager.query('SELECT id, given_name FROM person WHERE id = ANY($1::uuid[])', [people]);
  await manager.query('SELECT id, email FROM account WHERE id = ANY($1::uuid[])', [accounts]);
  await manager.query('SELECT id, name FROM structure WHERE id = ANY($1::uuid[])', [
    events.flatMap((event) => event.structureIds),
  ]);
  await manager.query(
    'SELECT account_id FROM email_preference WHERE account_id = ANY($1::uuid[])',
    [accounts],
  );
  await manager.query(`SELECT id FROM api_client WHERE webhook_url IS NOT NULL LIMIT 100`);
}

function dispatcherOn(dataSource, databaseUrl, arrivals) {
  const bus = new notifications.InMemoryLiveBus();
  const fanout = new NotificationFanout(bus);
  const repository = new NotificationRepository(dataSource);
  const dispatcher = new notifications.OutboxDispatcherService(
    dataSource,
    { databaseUrl, databaseCaFile: undefined, redisUrl: undefined },
    new InboxService(repository, fanout, bus),
    new OutboxRepository(dataSource),
    repository,
    new PersonSharingRepository(dataSource),
    fanout,
    bus,
    new JobRunner(null),
  );
  dispatcher.useNotificationViews(views);
  dispatcher.registerStep(step);
  // The moment the dispatcher pushes: socket.io's emit and Redis' publish happen here.
  fanout.onPush((message) => {
    const at = performance.now();
    for (const notification of message.notifications) {
      const key = `${notification.accountId}|${notification.eventId}`;
      if (!arrivals.has(key)) arrivals.set(key, at);
    }
  });
  return dispatcher;
}

async function arrival(arrivals, key, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  while (!arrivals.has(key) && performance.now() < deadline) await sleep(5);
  return arrivals.get(key) ?? null;
}

/** From a handover's acceptance commit to its push to the former referent; null if none. */
const toPush = (arrivals) => async (job, written) => {
  const at = await arrival(arrivals, `${job.from.accountId}|${written.eventId}`);
  return at === null ? null : at - written.committedAt;
};

async function measure(pool, arrivals, jobs, rate, seconds) {
  const loop = await handoverLoop(pool, jobs, rate, seconds, toPush(arrivals));
  const { values } = loop;
  return {
    handoversPerSecond: values.length / loop.seconds,
    latency: latencies(values.filter((value) => value !== null)),
    missing: values.filter((value) => value === null).length,
  };
}

async function main() {
  const options = loopOptions(process.argv.slice(2));
  const { databaseUrl, client, pool } = await connectWriter();
  // Two instances' pools, as two API processes would have.
  const dataSources = [];
  for (let i = 0; i < 2; i += 1) {
    dataSources.push(
      await new DataSource(
        await buildDataSourceOptions({
          url: databaseUrl,
          poolSize: 10,
          entities: [
            ...organizationEntities,
            ...identityEntities,
            ...pathwayEntities,
            ...eventEntities,
            notifications.NotificationEntity,
            notifications.WebhookDeliveryEntity,
          ],
        }),
      ).initialize(),
    );
  }
  const arrivals = new Map();
  const dispatchers = dataSources.map((dataSource) =>
    dispatcherOn(dataSource, databaseUrl, arrivals),
  );
  try {
    const { jobs } = await handoverJobs(client);
    // Nothing left over from before (a previous run's instances stopped mid-way).
    for (const dispatcher of dispatchers) await dispatcher.dispatchPending();
    for (const dispatcher of dispatchers) dispatcher.start();
    await sleep(1_000);
    const runs = await timedRuns(
      options,
      (seconds) => measure(pool, arrivals, jobs, options.rate, seconds),
      (result, run) =>
        say(
          `run ${run} at ${options.rate}/s: ${result.handoversPerSecond.toFixed(1)} handovers/s, p50 ${result.latency.p50Ms?.toFixed(1)} ms, p99 ${result.latency.p99Ms?.toFixed(1)} ms, ${result.missing} missing`,
        ),
    );
    const [load] = (await import('node:os')).loadavg();
    say(
      `median of ${runs.length} runs at ${options.rate}/s: p50 ${median(runs.map((r) => r.latency.p50Ms)).toFixed(1)} ms, p99 ${median(runs.map((r) => r.latency.p99Ms)).toFixed(1)} ms (load average ${load.toFixed(1)})`,
    );
  } finally {
    for (const dispatcher of dispatchers) await dispatcher.stop();
    for (const dataSource of dataSources) await dataSource.destroy();
    await pool.end();
    await client.end();
  }
}

await main();
