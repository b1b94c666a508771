/** When a job runs: a fixed delay between the end of one run and the start of the next, or a cron. */
export type JobSchedule =
  { readonly everyMs: number } | { readonly cron: string; readonly timeZone: string };

/** What a job says about one run, for its log line (counts, never personal data). */
export type JobSummary = string | void;

/**
 * Background work of a lib (docs/decisions/0019): declared once, run by the `JobRunner` from the
 * moment the API listens until it shuts down.
 */
export interface JobDefinition {
  /** Unique, dotted (`outbox.poll`): the log lines' name and the advisory lock's key. */
  readonly name: string;
  readonly schedule: JobSchedule;
  /**
   * Hold the job's advisory lock for the run, so one instance runs it at a time; the others skip
   * that turn. Off for work that instances share by other means (SKIP LOCKED, a transaction lock).
   */
  readonly lock: boolean;
  /** `debug` for polls every few seconds, `log` for daily jobs whose line an operator reads. */
  readonly logLevel: 'debug' | 'log';
  /** One run. `signal` aborts when the application stops: end the batch in hand, start no other. */
  run(signal: AbortSignal): Promise<JobSummary>;
  /** Beside the schedule, when the runner starts (a LISTEN connection, a commit hook). */
  start?(): void | Promise<void>;
  /** When the runner stops, before it waits for the run in progress. */
  stop?(): void | Promise<void>;
}

/** What asking for a run gave. */
export type JobOutcome =
  | { readonly ran: true; readonly summary: JobSummary }
  | { readonly ran: false; readonly reason: 'locked' | 'running' | 'stopped' | 'failed' };

/**
 * The cross-instance lock a job holds for a run. libs/core sits below the database, so the
 * PostgreSQL advisory lock is given by libs/database (`PostgresJobLock`) under this token.
 */
export interface JobLock {
  /** Runs `work` holding the lock named `key`, or returns `{ acquired: false }` if it is taken. */
  withLock<T>(
    key: string,
    work: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }>;
}

export const JOB_LOCK = Symbol('JOB_LOCK');
