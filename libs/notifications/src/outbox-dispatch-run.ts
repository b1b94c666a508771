import { preparedQuery } from '@relais/database';
import type { NumberedOutboxRow } from '@relais/events';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { DispatchResult } from './outbox-dispatch.types.js';

/** The advisory lock a dispatch run holds: one instance numbers events at a time. */
export const OUTBOX_DISPATCH_LOCK = 7_305_180_244;
/** Events numbered per batch transaction. */
export const DISPATCH_BATCH_SIZE = 500;
/** Batch transactions of one run in flight at once (each on a connection of the pool). */
export const DISPATCH_PIPELINE_DEPTH = 3;

/** What a run needs from the dispatcher: how to number, fan out and count a batch. */
export interface DispatchRunWork {
  readonly dataSource: DataSource;
  /** Numbers pending events after `after` (null: after the highest committed position). */
  number(manager: EntityManager, after: string | null): Promise<NumberedOutboxRow[]>;
  /** Inbox rows, steps and views of a numbered batch, in its transaction. */
  fanOut(
    manager: EntityManager,
    rows: readonly NumberedOutboxRow[],
  ): Promise<Omit<DispatchResult, 'unreadCounts'> & { readonly accountIds: readonly string[] }>;
  /** Unread counts, read once every earlier batch has committed. */
  unreadCounts(
    manager: EntityManager,
    accountIds: readonly string[],
  ): Promise<DispatchResult['unreadCounts']>;
  /** Called once per committed batch, in position order. */
  committed(result: DispatchResult): void;
}

/** Why a batch rolled back without failing itself: an earlier batch of its run failed. */
class EarlierBatchFailed extends Error {}

/**
 * One dispatch run: the lock transaction, then batch transactions until none is pending and
 * nothing woke the run meanwhile. The lock is a transaction-level advisory lock held by a
 * transaction of the dispatcher's own connection for the whole run, so a lost connection frees
 * it and nothing of it stays on a pooled connection.
 *
 * Batches are pipelined: up to DISPATCH_PIPELINE_DEPTH transactions at once, each on a pooled
 * connection. Only two steps are taken in turn: the numbering statement (a batch numbers after
 * the positions of the one before, whose rows it skips, locked) and the commit, with the unread
 * counts read just before it (they see every earlier batch's inbox rows). Everything between —
 * inbox rows, steps, views — overlaps. Commits in position order keep positions visible in
 * order (a reader's cursor is never passed by a late, smaller position) and the live pushes in
 * order: per recipient, per person and for the partners' stream. A batch that fails rolls back
 * every later one of its run (they numbered after it); the run then ends and the next numbers
 * again from what committed.
 */
export class DispatchRun {
  private dispatched = 0;
  private failure: Error | null = null;
  private inFlight = 0;
  /** Batches started whose numbering statement has not been sent: they will see a new event. */
  private unnumbered = 0;
  private wokenMeanwhile = false;
  /** The last position this run gave, in a transaction that may not have committed yet. */
  private head: string | null = null;
  private numbering: Promise<void> = Promise.resolve();
  private lastCommit: Promise<void> = Promise.resolve();
  private drained: (() => void) | null = null;
  /** Set once the last batch settled: the run takes no more wake-ups. */
  private closed = false;

  constructor(private readonly work: DispatchRunWork) {}

  /**
   * Takes the lock in `lock`'s transaction and dispatches; returns the events dispatched, or
   * null when another instance holds the lock. Throws the first failure, once the run is over.
   */
  async execute(lock: QueryRunner): Promise<number | null> {
    await lock.startTransaction();
    try {
      const [{ locked }] = await preparedQuery<{ locked: boolean }>(
        lock.manager,
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [OUTBOX_DISPATCH_LOCK],
      );
      if (!locked) {
        await lock.commitTransaction();
        return null;
      }
      const done = new Promise<void>((resolve) => (this.drained = resolve));
      this.startBatch();
      await done;
      await lock.commitTransaction();
    } catch (error) {
      if (lock.isTransactionActive) await lock.rollbackTransaction().catch(() => undefined);
      throw error;
    }
    if (this.failure) throw this.failure;
    return this.dispatched;
  }

  /**
   * A new event committed: a batch that has not numbered yet will see it, else a new one is
   * started. False when the run is over (or not started): the caller runs again.
   */
  wake(): boolean {
    if (this.drained === null || this.closed || this.failure) return false;
    if (this.unnumbered === 0) this.startBatch();
    return true;
  }

  private startBatch(): void {
    if (this.failure) return;
    if (this.inFlight >= DISPATCH_PIPELINE_DEPTH) {
      this.wokenMeanwhile = true;
      return;
    }
    this.inFlight += 1;
    this.unnumbered += 1;
    const previousNumbering = this.numbering;
    const previousCommit = this.lastCommit;
    let numbered!: () => void;
    this.numbering = new Promise((resolve) => (numbered = resolve));
    let commit!: { resolve: () => void; reject: (error: unknown) => void };
    this.lastCommit = new Promise<void>((resolve, reject) => (commit = { resolve, reject }));
    // Its failure is the next batch's to see; nobody else waits on it.
    this.lastCommit.catch(() => undefined);
    void this.batch(previousNumbering, previousCommit, numbered, commit).finally(() => {
      this.inFlight -= 1;
      if (this.wokenMeanwhile && !this.failure) {
        this.wokenMeanwhile = false;
        this.startBatch();
      }
      if (this.inFlight === 0) {
        this.closed = true;
        this.drained?.();
      }
    });
  }

  private async batch(
    previousNumbering: Promise<void>,
    previousCommit: Promise<void>,
    numbered: () => void,
    commit: { resolve: () => void; reject: (error: unknown) => void },
  ): Promise<void> {
    let counted = false;
    const numberingStarted = (): void => {
      if (counted) return;
      counted = true;
      this.unnumbered -= 1;
    };
    const runner = this.work.dataSource.createQueryRunner('master');
    try {
      await runner.connect();
      await runner.startTransaction();
      await previousNumbering;
      if (this.failure) throw new EarlierBatchFailed();
      numberingStarted();
      const rows = await this.work.number(runner.manager, this.head);
      if (rows.length > 0) this.head = String(rows[rows.length - 1].position);
      numbered();
      // A full batch leaves more behind: the next one starts now, beside this one.
      if (rows.length === DISPATCH_BATCH_SIZE) this.startBatch();
      if (rows.length === 0) {
        await runner.rollbackTransaction();
        // Nothing of its own to commit, but the next batch still learns of an earlier failure.
        await previousCommit;
        commit.resolve();
        return;
      }
      const result = await this.work.fanOut(runner.manager, rows);
      await previousCommit;
      const unreadCounts = await this.work.unreadCounts(runner.manager, result.accountIds);
      await runner.commitTransaction();
      commit.resolve();
      this.dispatched += result.events.length;
      this.work.committed({
        events: result.events,
        notifications: result.notifications,
        unreadCounts,
      });
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      this.failure ??= error instanceof Error ? error : new Error(String(error));
      commit.reject(error);
    } finally {
      numberingStarted();
      numbered();
      await runner.release().catch(() => undefined);
    }
  }
}
