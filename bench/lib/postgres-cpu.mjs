/**
 * PostgreSQL CPU of a run: every backend that served it, not only those alive when it started.
 *
 * Why not a snapshot of the backends at the start: the servers' pools (pg's `idleTimeoutMillis`,
 * 10 s by default, Relais' and the raw limit's alike) close the connections that idled through
 * the other server's run and open new ones when the load comes back. Those backends were born
 * during the run and a start snapshot never saw them: it reported 0.32-0.41 ms of PostgreSQL CPU
 * per open-file request of the raw limit where 1.2-1.6 ms were spent.
 *
 * What this does instead, the most accurate of the ways weighed:
 * - `pg_stat_activity` of the database is sampled all through the run (every 200 ms), and each
 *   backend seen is read in `/proc/<pid>/stat` at every sample, so one that exits keeps its last
 *   reading;
 * - a backend whose process started after the run began (`starttime`, field 22, against the
 *   boot clock read at the start) counts from zero: all its CPU, connection set-up, catalog
 *   caches and statement preparation included, belongs to the run. One alive at the start counts
 *   from its reading at the start;
 * - what a backend that exits spends after its last sample is lost: at most 200 ms of a backend
 *   that is closing, in practice nothing, since a pool only closes connections that idled for
 *   10 s (the count of backends that exited is kept, so a reader can tell).
 *
 * Rejected: the whole server's CPU from `/proc` (every postgres process, plus the postmaster's
 * `cutime`/`cstime`, which holds the CPU of the backends it reaped): exact for exits, but it adds
 * every other database's work on a shared server, and the checkpointer's and WAL writer's.
 * Rejected too: changing the servers' pools for the bench (a minimum size, no idle timeout): the
 * bench measures Relais as it is configured in production.
 *
 * `owns(applicationName)` says which backends are the loaded server's: the raw limit's pool and
 * Relais' (API pool, outbox dispatcher, autovacuum of the tables it writes) share the database,
 * and the idle one's polling must not count for the other. The bench's own connections
 * (`relais-bench*`) never count.
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;
const SAMPLE_EVERY_MS = 200;

/** utime + stime (ms) and starttime (clock ticks since boot) of a process; null once gone. */
function statOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND,
      startTicks: Number(fields[19]),
    };
  } catch {
    return null;
  }
}

/** The boot clock in clock ticks, as /proc/<pid>/stat's starttime counts. */
function uptimeTicks() {
  return Math.floor(Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * TICKS_PER_SECOND);
}

/** Backends of the Relais instances (anything on the database but the bench's own connections). */
export const relaisBackends = (applicationName) => !applicationName.startsWith('relais-bench');

/** The raw limit's pool (bench/raw/raw-server.mjs). */
export const rawBackends = (applicationName) => applicationName === 'relais-bench-raw';

/**
 * Starts counting the CPU of the backends of `client`'s database that `owns` accepts; `stop()`
 * returns the total in ms (`bornMs` of it in backends opened during the run) with how many
 * backends served, were born and exited during the run.
 */
export async function startPostgresCpu(client, owns = relaisBackends) {
  const startTicks = uptimeTicks();
  /** pid → { base, last, exited } */
  const backends = new Map();
  const read = () => {
    for (const [pid, backend] of backends) {
      if (backend.exited) continue;
      const stat = statOf(pid);
      if (stat) backend.last = stat.cpuMs;
      else backend.exited = true;
    }
  };
  const sample = async () => {
    const { rows } = await client.query(
      `SELECT pid, coalesce(application_name, '') AS application_name FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    for (const { pid, application_name: name } of rows) {
      if (backends.has(pid) || !owns(name)) continue;
      const stat = statOf(pid);
      if (!stat) continue;
      // Born during the run (one tick of slack for the clock read above): all of it counts.
      const born = stat.startTicks >= startTicks - 1;
      backends.set(pid, { base: born ? 0 : stat.cpuMs, last: stat.cpuMs, born, exited: false });
    }
    read();
  };
  await sample();
  let stopped = false;
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    // One sample at a time: a slow pg_stat_activity query on a loaded machine must not pile up.
    pending = pending.then(() => (stopped ? undefined : sample())).catch(() => undefined);
  }, SAMPLE_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      stopped = true;
      await pending;
      await sample();
      const list = [...backends.values()];
      const spent = (some) => some.reduce((sum, backend) => sum + backend.last - backend.base, 0);
      return {
        ms: spent(list),
        // What a snapshot of the backends alive at the start would have missed.
        bornMs: spent(list.filter((backend) => backend.born)),
        backends: list.length,
        born: list.filter((backend) => backend.born).length,
        exited: list.filter((backend) => backend.exited).length,
      };
    },
  };
}
