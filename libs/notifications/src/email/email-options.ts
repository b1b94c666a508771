/** How email deliveries are paced: the defaults below, or values provided for tests. */
export interface EmailSenderOptions {
  /** How often the sender looks for due deliveries (it is also woken after each enqueue). */
  readonly pollIntervalMs: number;
  /** Deliveries claimed per round, sent one after the other (in order). */
  readonly batchSize: number;
  /**
   * How long a claimed delivery is hidden from other instances: longer than a round can take,
   * so an instance that dies mid-round leaves its claims to be sent once the lease runs out.
   */
  readonly leaseMs: number;
  /** The wait after the first refusal; doubled at each following one, up to `maxRetryDelayMs`. */
  readonly firstRetryDelayMs: number;
  readonly maxRetryDelayMs: number;
  /** Attempts after which a delivery still refused for now is FAILED. */
  readonly maxAttempts: number;
  /** How long the SMTP server has to accept a connection, greet and answer each command. */
  readonly timeoutMs: number;
}

/**
 * Optional provider of a `Partial<EmailSenderOptions>`. The email module does not provide it:
 * a test provides it to shorten the schedule.
 */
export const EMAIL_SENDER_OPTIONS = Symbol('EMAIL_SENDER_OPTIONS');

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** 12 attempts over about 6 hours (1, 2, 4, ... 32 minutes, then hourly), then FAILED. */
export const DEFAULT_EMAIL_SENDER_OPTIONS: EmailSenderOptions = {
  pollIntervalMs: SECOND,
  batchSize: 50,
  leaseMs: 5 * MINUTE,
  firstRetryDelayMs: MINUTE,
  maxRetryDelayMs: HOUR,
  maxAttempts: 12,
  timeoutMs: 15 * SECOND,
};

export function emailSenderOptions(
  overrides?: Partial<EmailSenderOptions> | null,
): EmailSenderOptions {
  const options = { ...DEFAULT_EMAIL_SENDER_OPTIONS, ...overrides };
  if (options.maxAttempts < 1) throw new Error('maxAttempts must be at least 1');
  return options;
}

/**
 * What follows an attempt refused for now: the wait before the next one, or null when that was
 * the last (`attempts` counts the attempt just made).
 */
export function emailRetryDelayAfter(options: EmailSenderOptions, attempts: number): number | null {
  if (attempts >= options.maxAttempts) return null;
  return Math.min(options.firstRetryDelayMs * 2 ** (attempts - 1), options.maxRetryDelayMs);
}
