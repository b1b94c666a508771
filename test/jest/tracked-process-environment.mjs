import { appendFileSync, readFileSync } from 'node:fs';
import { TestEnvironment } from 'jest-environment-node';
import pg from 'pg';

const KEY = Symbol.for('relais.process-registry');

/** The CPU time of this process's ended children (Chromium, servers), from /proc (Linux). */
function childrenCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // cutime and cstime, the 16th and 17th fields, in clock ticks (100 a second).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** The name of the check's own connection, which the next file's check does not count. */
const CHECK_APPLICATION_NAME = 'relais-test-connection-check';
/** How long a closed app's connections get to leave the server (their backends end after the client). */
const CONNECTIONS_GRACE_MS = 3_000;

/**
 * The connections still open on the file's database once its tests and hooks are done: an app,
 * a data source, a dispatcher or a client the file did not close (or closed without waiting for
 * it). Waits a little for connections just closed, then ends those left so that the next file
 * starts alone on the database, and names them ('application (state: last statement)').
 */
async function connectionsLeft(databaseUrl) {
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: CHECK_APPLICATION_NAME,
  });
  try {
    await client.connect();
  } catch {
    // A file that pointed DATABASE_URL at a server of its own, stopped since: nothing to check.
    return [];
  }
  try {
    const deadline = performance.now() + CONNECTIONS_GRACE_MS;
    for (;;) {
      const { rows } = await client.query(
        `SELECT pid, application_name, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 80) AS query
           FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND backend_type = 'client backend' AND application_name <> $1`,
        [CHECK_APPLICATION_NAME],
      );
      if (rows.length === 0) return [];
      if (performance.now() >= deadline) {
        await client.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [
          rows.map((row) => row.pid),
        ]);
        return rows.map(
          (row) => `${row.application_name || 'a connection'} (${row.state}: ${row.query})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

/**
 * The node environment, plus a net under the database tiers: when a test file has run (its
 * afterAll hooks included, even after a timeout), whatever child process or server it started
 * through libs/testing's process registry and did not stop is stopped here, and the file fails
 * naming it. Here rather than in a setup file's afterAll: that one would run before the file's
 * own top-level afterAll and take what the file was about to stop for a leak. The same goes for
 * the connections left on the file's database (an app or data source not closed): they are ended
 * and the file fails naming them.
 */
export default class TrackedProcessEnvironment extends TestEnvironment {
  async handleTestEvent(event, state) {
    if (event.name !== 'run_finish') return;
    const registry = this.global[KEY];
    const left = registry ? await registry.stopLeftovers() : [];
    if (left.length > 0) {
      const message = `left running after the file's tests, now stopped: ${left.join(', ')}`;
      process.stderr.write(`\n[process registry] ${this.testPath ?? ''}: ${message}\n`);
      state.unhandledErrors.push(new Error(message));
    }
    // After the processes: a child server's connections end with it.
    const databaseUrl = this.global.process?.env?.DATABASE_URL;
    const connections = databaseUrl ? await connectionsLeft(databaseUrl) : [];
    if (connections.length > 0) {
      const message = `left connected to the file's database, now ended: ${connections.join(', ')}`;
      process.stderr.write(`\n[connection check] ${this.testPath ?? ''}: ${message}\n`);
      state.unhandledErrors.push(new Error(message));
    }
  }

  constructor(config, context) {
    super(config, context);
    this.testPath = context.testPath;
    this.cpuAtStart = process.cpuUsage();
    this.childrenCpuAtStart = childrenCpuMs();
    this.timeAtStart = performance.now();
  }

  /**
   * RELAIS_TEST_CPU_LOG=<file>: one line per file, tab-separated: its path, the worker's CPU,
   * its ended children's CPU and its wall time, in milliseconds, then the worker's active
   * resources (docs/decisions/0021).
   */
  async teardown() {
    await super.teardown();
    const log = process.env.RELAIS_TEST_CPU_LOG;
    if (!log) return;
    const cpu = process.cpuUsage(this.cpuAtStart);
    const wall = performance.now() - this.timeAtStart;
    const children = childrenCpuMs() - this.childrenCpuAtStart;
    const line = [
      this.testPath,
      Math.round((cpu.user + cpu.system) / 1000),
      children,
      Math.round(wall),
      // What keeps the worker alive once the file is done (a growing list names a leaking file).
      process.getActiveResourcesInfo().sort().join(','),
    ];
    appendFileSync(log, `${line.join('\t')}\n`);
  }
}
