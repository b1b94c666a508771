import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { CronTime } from 'cron';
import { JOB_LOCK, type JobDefinition, type JobLock, type JobOutcome } from './job.js';

/** setTimeout's longest delay; a later cron turn is reached in several waits. */
const MAX_TIMER_MS = 2_147_483_647;

interface Entry {
  readonly job: JobDefinition;
  timer: NodeJS.Timeout | null;
  running: Promise<JobOutcome> | null;
  failing: boolean;
}

/**
 * Runs the jobs the libs declare (docs/decisions/0019). Libs `register` at module init; the API
 * `start`s the runner once it listens (apps/api/src/jobs), so a tool that boots the application
 * without serving (schema generation) runs nothing. Each run logs one line; an interval job's
 * next turn is counted from the end of the previous one, so runs never overlap. `stop` (at
 * module destroy, before the database pool closes) aborts the runs' signal, calls the jobs' own
 * stops, and waits for the runs in progress to end their batch.
 */
@Injectable()
export class JobRunner implements OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly entries = new Map<string, Entry>();
  private readonly stopping = new AbortController();
  private started = false;

  constructor(@Optional() @Inject(JOB_LOCK) private readonly lock?: JobLock | null) {}

  register(job: JobDefinition): void {
    if (this.entries.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    if ('cron' in job.schedule) {
      try {
        new CronTime(job.schedule.cron, job.schedule.timeZone);
      } catch (error) {
        throw new Error(
          `job ${job.name}: the cron expression "${job.schedule.cron}" is not valid (${describe(error)})`,
          { cause: error },
        );
      }
    } else if (!(job.schedule.everyMs > 0)) throw new Error(`job ${job.name}: everyMs must be > 0`);
    const entry: Entry = { job, timer: null, running: null, failing: false };
    this.entries.set(job.name, entry);
    if (this.started) void this.startEntry(entry);
  }

  async start(): Promise<void> {
    if (this.started || this.stopping.signal.aborted) return;
    const unlockable = [...this.entries.values()].find((entry) => entry.job.lock && !this.lock);
    if (unlockable) throw new Error(`job ${unlockable.job.name} needs a lock and none is provided`);
    this.started = true;
    await Promise.all([...this.entries.values()].map((entry) => this.startEntry(entry)));
  }

  async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.stopping.abort();
    const entries = [...this.entries.values()];
    for (const entry of entries) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
    }
    if (!this.started) return;
    await Promise.all(
      entries.map(async (entry) => {
        try {
          await entry.job.stop?.();
        } catch (error) {
          this.logger.error(`${entry.job.name}: stopping failed: ${describe(error)}`);
        }
        await entry.running;
      }),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** A run now (under the job's lock), unless stopped or one is under way. */
  runNow(name: string): Promise<JobOutcome> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`no job named ${name}`);
    if (this.stopping.signal.aborted) return Promise.resolve({ ran: false, reason: 'stopped' });
    if (entry.running) return Promise.resolve({ ran: false, reason: 'running' });
    const running = this.execute(entry).finally(() => {
      entry.running = null;
    });
    entry.running = running;
    return running;
  }

  private async startEntry(entry: Entry): Promise<void> {
    try {
      await entry.job.start?.();
    } catch (error) {
      this.logger.error(`${entry.job.name}: starting failed: ${describe(error)}`);
    }
    this.schedule(entry);
  }

  private schedule(entry: Entry): void {
    if (this.stopping.signal.aborted) return;
    const { schedule } = entry.job;
    const due =
      'cron' in schedule
        ? Date.now() + new CronTime(schedule.cron, schedule.timeZone).getTimeout()
        : Date.now() + schedule.everyMs;
    this.wait(entry, due);
  }

  private wait(entry: Entry, due: number): void {
    const delay = due - Date.now();
    entry.timer = setTimeout(
      () => {
        entry.timer = null;
        if (delay > MAX_TIMER_MS) return this.wait(entry, due);
        void this.runNow(entry.job.name).finally(() => this.schedule(entry));
      },
      Math.min(Math.max(delay, 0), MAX_TIMER_MS),
    );
    // A job never keeps a process alive by itself.
    entry.timer.unref();
  }

  /** One run and its one log line; never throws. */
  private async execute(entry: Entry): Promise<JobOutcome> {
    const { job } = entry;
    const began = performance.now();
    const elapsed = (): string => `${Math.round(performance.now() - began)} ms`;
    try {
      let outcome: JobOutcome;
      if (job.lock && this.lock) {
        const locked = await this.lock.withLock(`relais.job.${job.name}`, () =>
          job.run(this.stopping.signal),
        );
        outcome = locked.acquired
          ? { ran: true, summary: locked.value }
          : { ran: false, reason: 'locked' };
      } else {
        outcome = { ran: true, summary: await job.run(this.stopping.signal) };
      }
      if (entry.failing) this.logger.log(`${job.name}: running again`);
      entry.failing = false;
      const line = outcome.ran
        ? `${job.name}: ${outcome.summary || 'done'} (${elapsed()})`
        : `${job.name}: skipped, another instance holds its lock`;
      if (job.logLevel === 'log') this.logger.log(line);
      else this.logger.debug(line);
      return outcome;
    } catch (error) {
      // Once per outage (the database away, say), not at every turn of a poll.
      const line = `${job.name}: failed after ${elapsed()}: ${describe(error)}`;
      if (entry.failing) this.logger.debug(line);
      else this.logger.error(line);
      entry.failing = true;
      return { ran: false, reason: 'failed' };
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

/**
 * The one job runner of the application, whoever imports this module (global, like the
 * configuration). The lock comes from the database module, under `JOB_LOCK`.
 */
@Global()
@Module({ providers: [JobRunner], exports: [JobRunner] })
export class JobsModule {}
