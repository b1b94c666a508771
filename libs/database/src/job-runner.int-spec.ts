import { ConsoleLogger, Logger, type LoggerService } from '@nestjs/common';
import { JobRunner, type JobDefinition } from '@relais/core';
import { waitUntil } from '@relais/testing';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';
import { PostgresJobLock } from './postgres-job-lock.js';

const until = waitUntil;

/** A promise opened from outside: a run that lasts until the test lets it end. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A job whose runs count themselves and how many were in progress at once (across runners). */
function probeJob(name: string, everyMs: number, hold?: () => Promise<void>) {
  const stats = { runs: 0, active: 0, mostAtOnce: 0, signals: [] as AbortSignal[] };
  const job: JobDefinition = {
    name,
    schedule: { everyMs },
    lock: true,
    logLevel: 'debug',
    run: async (signal) => {
      stats.signals.push(signal);
      stats.active += 1;
      stats.mostAtOnce = Math.max(stats.mostAtOnce, stats.active);
      try {
        await hold?.();
        stats.runs += 1;
        return `run ${stats.runs}`;
      } finally {
        stats.active -= 1;
      }
    },
  };
  return { job, stats };
}

describe('JobRunner with the PostgreSQL advisory lock', () => {
  // Two "instances": each its own data source (pool) on the same database.
  let first: DataSource;
  let second: DataSource;
  const runners: JobRunner[] = [];

  const openDataSource = async (): Promise<DataSource> =>
    new DataSource(
      await buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 3 }),
    ).initialize();

  const runnerOn = (dataSource: DataSource): JobRunner => {
    const runner = new JobRunner(new PostgresJobLock(dataSource));
    runners.push(runner);
    return runner;
  };

  /** Whether a third session could take the job's lock now (and gives it back at once). */
  const lockIsFree = async (name: string): Promise<boolean> => {
    const [{ locked }] = await first.query<{ locked: boolean }[]>(
      `SELECT pg_try_advisory_lock(hashtext($1)) AS locked`,
      [`relais.job.${name}`],
    );
    if (locked)
      await first.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`relais.job.${name}`]);
    return locked;
  };

  beforeAll(async () => {
    // The runs' log lines are checked where they matter (below), not printed for every test.
    Logger.overrideLogger(false);
    first = await openDataSource();
    second = await openDataSource();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  });

  afterAll(async () => {
    Logger.overrideLogger(new ConsoleLogger());
    await first?.destroy();
    await second?.destroy();
  });

  it('runs a job on its interval once started, never two runs of it at once', async () => {
    const { job, stats } = probeJob('test.interval', 20);
    const runner = runnerOn(first);
    runner.register(job);
    expect(stats.runs).toBe(0);
    await runner.start();
    await until(() => stats.runs >= 4);
    expect(stats.mostAtOnce).toBe(1);
  });

  it('runs a locked job in one instance at a time: the other skips while the lock is held', async () => {
    const held = gate();
    const a = probeJob('test.locked', 60_000, () => held.promise);
    const b = probeJob('test.locked', 60_000, () => held.promise);
    const one = runnerOn(first);
    const two = runnerOn(second);
    one.register(a.job);
    two.register(b.job);

    const running = one.runNow('test.locked');
    await until(() => a.stats.active === 1);
    expect(await two.runNow('test.locked')).toEqual({ ran: false, reason: 'locked' });
    expect(await one.runNow('test.locked')).toEqual({ ran: false, reason: 'running' });
    expect(b.stats.signals).toHaveLength(0);

    held.open();
    expect(await running).toEqual({ ran: true, summary: 'run 1' });
    // Released with the run: the other instance takes its turn.
    expect(await two.runNow('test.locked')).toEqual({ ran: true, summary: 'run 1' });
  });

  it('shares a locked job between two started instances without ever overlapping', async () => {
    // Both runners count into the same stats: at most one run in progress across the two.
    const shared = { runs: 0, active: 0, mostAtOnce: 0 };
    const job = (): JobDefinition => ({
      name: 'test.shared',
      schedule: { everyMs: 5 },
      lock: true,
      logLevel: 'debug',
      run: async () => {
        shared.active += 1;
        shared.mostAtOnce = Math.max(shared.mostAtOnce, shared.active);
        // Holds the lock across a round trip, so the other instance's turns meet it taken.
        await first.query('SELECT pg_sleep(0.02)');
        shared.active -= 1;
        shared.runs += 1;
      },
    });
    const one = runnerOn(first);
    const two = runnerOn(second);
    one.register(job());
    two.register(job());
    await Promise.all([one.start(), two.start()]);
    await until(() => shared.runs >= 10);
    expect(shared.mostAtOnce).toBe(1);
  });

  it('stops mid-run by aborting the run and waiting for it to end, then releases the lock', async () => {
    const held = gate();
    const { job, stats } = probeJob('test.stopping', 10, () => held.promise);
    let stopHookCalls = 0;
    const runner = runnerOn(first);
    runner.register({ ...job, stop: () => void (stopHookCalls += 1) });
    await runner.start();
    await until(() => stats.active === 1);
    expect(await lockIsFree('test.stopping')).toBe(false);

    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await until(() => stats.signals[0].aborted);
    expect(stopHookCalls).toBe(1);
    // The run in progress is waited for: the stop is not over while it lasts.
    await Promise.resolve();
    expect(stopped).toBe(false);
    held.open();
    await stopping;
    expect(stats.runs).toBe(1);
    expect(stats.active).toBe(0);
    expect(await lockIsFree('test.stopping')).toBe(true);
    expect(await runner.runNow('test.stopping')).toEqual({ ran: false, reason: 'stopped' });
  });

  it('logs one line per run, at the level the job chose, and one when another instance has it', async () => {
    const lines: { level: string; message: string }[] = [];
    const record =
      (level: string) =>
      (message: unknown, context?: unknown): void => {
        if (context === 'Jobs') lines.push({ level, message: String(message) });
      };
    const collector: LoggerService = {
      log: record('log'),
      error: record('error'),
      warn: record('warn'),
      debug: record('debug'),
      verbose: record('verbose'),
    };
    Logger.overrideLogger(collector);
    try {
      const daily = probeJob('test.daily', 60_000);
      const one = runnerOn(first);
      one.register({ ...daily.job, logLevel: 'log' });
      await one.runNow('test.daily');
      await one.runNow('test.daily');
      expect(lines.map((line) => line.level)).toEqual(['log', 'log']);
      expect(lines[0].message).toMatch(/^test\.daily: run 1 \(\d+ ms\)$/);
      expect(lines[1].message).toMatch(/^test\.daily: run 2 \(\d+ ms\)$/);

      lines.length = 0;
      const held = gate();
      const poll = probeJob('test.poll', 60_000, () => held.promise);
      const two = runnerOn(second);
      one.register(poll.job);
      two.register(probeJob('test.poll', 60_000).job);
      const running = one.runNow('test.poll');
      await until(() => poll.stats.active === 1);
      await two.runNow('test.poll');
      held.open();
      await running;
      expect(lines.map((line) => line.level)).toEqual(['debug', 'debug']);
      expect(lines[0].message).toBe('test.poll: skipped, another instance holds its lock');
      expect(lines[1].message).toMatch(/^test\.poll: run 1 \(\d+ ms\)$/);
    } finally {
      // Silent again for the rest of the file.
      Logger.overrideLogger(false);
    }
  });

  it('refuses a cron expression it cannot read, and a locked job without a lock', async () => {
    const runner = runnerOn(first);
    expect(() =>
      runner.register({
        name: 'test.cron',
        schedule: { cron: '61 3 * * *', timeZone: 'Europe/Paris' },
        lock: false,
        logLevel: 'log',
        run: () => Promise.resolve(),
      }),
    ).toThrow('job test.cron: the cron expression "61 3 * * *" is not valid');
    const unlocked = new JobRunner(null);
    runners.push(unlocked);
    unlocked.register(probeJob('test.unlocked', 1000).job);
    await expect(unlocked.start()).rejects.toThrow(
      'job test.unlocked needs a lock and none is provided',
    );
  });
});
