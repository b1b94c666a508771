/**
 * Loading a server and measuring it: autocannon on loopback, interleaved runs, medians, and CPU
 * per request from /proc (the server's Node process, the PostgreSQL backends of its database).
 */
import autocannon from 'autocannon';
import { startPostgresCpu } from './postgres-cpu.mjs';
import { cpuMsOf } from './processes.mjs';

const say = (line) => void process.stdout.write(`bench: ${line}\n`);

/** The caseworker, a session of theirs and what the scenarios rotate over. */
export async function prepare(client, email) {
  const { rows: accounts } = await client.query(
    `SELECT a.id, m.territory_id FROM account a
       JOIN membership m ON m.account_id = a.id AND m.revoked_at IS NULL AND m.role = 'PROFESSIONAL'
      WHERE a.email = $1 LIMIT 1`,
    [email],
  );
  const account = accounts[0];
  if (!account) {
    throw new Error(`no professional ${email} in this database: run npm run bench:seed first`);
  }
  const { rows: people } = await client.query(
    `SELECT DISTINCT tm.person_id AS id FROM team_member tm
       JOIN membership m ON m.id = tm.membership_id AND m.account_id = $1 AND m.revoked_at IS NULL
      WHERE tm.left_at IS NULL ORDER BY tm.person_id LIMIT 200`,
    [account.id],
  );
  // Four letters of the most frequent family names of the territory: what a caseworker types.
  const { rows: prefixes } = await client.query(
    `SELECT left(search_name, 4) AS prefix FROM person
      WHERE territory_id = $1 AND status = 'ACTIVE' AND length(search_name) >= 4
      GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 50`,
    [account.territory_id],
  );
  const data = await dataSizes(client);
  const { rows: sessions } = await client.query(
    `INSERT INTO session (account_id, amr) VALUES ($1, '{bench}') RETURNING id`,
    [account.id],
  );
  return {
    accountId: account.id,
    sessionId: sessions[0].id,
    personIds: people.map((row) => row.id),
    prefixes: prefixes.map((row) => row.prefix),
    data,
  };
}

/** What the database holds, for the results file. */
export async function dataSizes(client) {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM person)::int AS people,
            (SELECT count(*) FROM account)::int AS accounts,
            (SELECT count(*) FROM timeline_event)::int AS timeline_events,
            current_setting('server_version') AS server_version`,
  );
  return rows[0];
}

export function load(target, bodies, seconds, connections) {
  // A target of its own data (growth: one database per size) brings its own requests.
  const rotation = target.bodies ?? bodies;
  let next = 0;
  let graphqlErrors = 0;
  return autocannon({
    url: target.url,
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json', ...target.headers },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const body = rotation[next % rotation.length];
          next += 1;
          return { ...request, body };
        },
        onResponse: (status, body) => {
          if (status === 200 && body.startsWith('{"errors"')) graphqlErrors += 1;
        },
      },
    ],
  }).then((result) => ({ result, graphqlErrors }));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * Warm-up, then `options.runs` interleaved runs of each target (the order alternating), and the
 * medians per target; CPU per request of the target's Node process and of the PostgreSQL
 * backends that served it (`target.pgClient`'s database, or `client`'s; those `target.pgOwns`
 * accepts, by application name: see postgres-cpu.mjs).
 */
export async function measure(scenario, targets, bodies, options, client, pgLocal) {
  for (const target of targets)
    await load(target, bodies, options.warmupSeconds, options.connections);
  const runs = Object.fromEntries(targets.map((target) => [target.name, []]));
  for (let run = 0; run < options.runs; run += 1) {
    // Interleaved, the order alternating: drift of a noisy machine falls on both sides.
    const order = run % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      const pg = pgLocal ? await startPostgresCpu(target.pgClient ?? client, target.pgOwns) : null;
      const nodeBefore = cpuMsOf(target.pid);
      const { result, graphqlErrors } = await load(
        target,
        bodies,
        options.runSeconds,
        options.connections,
      );
      const nodeAfter = cpuMsOf(target.pid);
      const pgCpu = pg ? await pg.stop() : null;
      const ok = result['2xx'];
      runs[target.name].push({
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: ok,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts + graphqlErrors,
        nodeCpuMs: nodeBefore === null || nodeAfter === null ? null : nodeAfter - nodeBefore,
        postgresCpuMs: pgCpu?.ms ?? null,
        // Backends that served the run, opened during it (a pool reconnecting) and closed.
        postgresBackends: pgCpu
          ? { seen: pgCpu.backends, born: pgCpu.born, bornMs: pgCpu.bornMs, exited: pgCpu.exited }
          : null,
      });
      say(
        `  ${scenario} run ${run + 1} ${target.name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms${pgCpu && ok > 0 ? `, PG ${(pgCpu.ms / ok).toFixed(2)} ms/req over ${pgCpu.backends} backends (${pgCpu.born} opened during the run, ${(pgCpu.bornMs / ok).toFixed(2)} ms/req of it; ${pgCpu.exited} closed)` : ''}`,
      );
    }
  }
  const summary = {};
  for (const [name, list] of Object.entries(runs)) {
    const requests = list.reduce((sum, run) => sum + run.requests, 0);
    const perRequest = (key) =>
      list.every((run) => run[key] !== null) && requests > 0
        ? list.reduce((sum, run) => sum + run[key], 0) / requests
        : null;
    summary[name] = {
      requestsPerSecond: median(list.map((run) => run.requestsPerSecond)),
      p50Ms: median(list.map((run) => run.p50Ms)),
      p99Ms: median(list.map((run) => run.p99Ms)),
      nodeCpuMsPerRequest: perRequest('nodeCpuMs'),
      postgresCpuMsPerRequest: perRequest('postgresCpuMs'),
      failures: list.reduce((sum, run) => sum + run.non2xx + run.errors, 0),
      runs: list,
    };
  }
  if (summary.relais && summary.raw) {
    summary.ratio = summary.relais.requestsPerSecond / summary.raw.requestsPerSecond;
  }
  return summary;
}
