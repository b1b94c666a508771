/** How webhook deliveries are paced: the defaults below, or a value provided for tests. */
export interface WebhookOptions {
  /**
   * The waits before the second, third, ... attempt; a delivery is FAILED after
   * `retryDelaysMs.length + 1` attempts.
   */
  readonly retryDelaysMs: readonly number[];
  /** How often the worker looks for due deliveries (it is also woken after each enqueue). */
  readonly pollIntervalMs: number;
  /** How long a partner's endpoint has to answer. */
  readonly timeoutMs: number;
  /**
   * How long a claimed delivery is hidden from other workers: longer than an attempt can take,
   * so a worker that dies mid-send leaves its claims to be retried once the lease runs out.
   */
  readonly leaseMs: number;
  /** Deliveries claimed per round. */
  readonly batchSize: number;
}

/**
 * Optional provider of a `Partial<WebhookOptions>`. The webhook module does not provide it:
 * a test provides it from a global module to shorten the schedule.
 */
export const WEBHOOK_OPTIONS = Symbol('WEBHOOK_OPTIONS');

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 8 attempts over about 10 hours, then FAILED (redeliverWebhook starts over). */
export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  retryDelaysMs: [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR],
  pollIntervalMs: SECOND,
  timeoutMs: 10 * SECOND,
  leaseMs: MINUTE,
  batchSize: 20,
};

export function webhookOptions(overrides?: Partial<WebhookOptions> | null): WebhookOptions {
  const options = { ...DEFAULT_WEBHOOK_OPTIONS, ...overrides };
  if (options.retryDelaysMs.length === 0) throw new Error('retryDelaysMs must not be empty');
  return options;
}

/**
 * What follows a failed attempt: the wait before the next one, or null when that was the last
 * (`attempts` counts the attempt just made).
 */
export function retryDelayAfter(options: WebhookOptions, attempts: number): number | null {
  return attempts > options.retryDelaysMs.length ? null : options.retryDelaysMs[attempts - 1];
}
