import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobRunner, MetricsRegistry } from '@relais/core';
import { AccountRepository, AccountStatus } from '@relais/identity';
import { createTransport, type Transporter } from 'nodemailer';
import { Counter, Gauge } from 'prom-client';
import { type ClaimedEmailRow, EmailDeliveryRepository } from './email-delivery.repository.js';
import {
  EMAIL_SENDER_OPTIONS,
  type EmailSenderOptions,
  emailRetryDelayAfter,
  emailSenderOptions,
} from './email-options.js';
import {
  EMAIL_RENDERER,
  type EmailRenderer,
  plainEmailRenderer,
  type RenderedEmail,
} from './email-renderer.js';
import { classifySmtpError, type SmtpFailure } from './smtp-error.js';

/** What one round did, for the job's log line. */
export interface EmailRoundSummary {
  readonly claimed: number;
  readonly sent: number;
  readonly deferred: number;
  readonly failed: number;
}

type Outcome = 'sent' | 'deferred' | 'failed';

/**
 * Sends the queued emails over SMTP (nodemailer's pool on SMTP_URL): the `email.send` job every
 * `pollIntervalMs`, without the job lock (instances share the rows through SKIP LOCKED). Each
 * round claims the due deliveries and sends them one after the other, in the order they were
 * queued. A 5xx refusal of the recipient or message is FAILED with the server's reason; an
 * unreachable server or a 4xx defers with exponential backoff, up to `maxAttempts`. An account
 * disabled since the email was queued gets nothing. Logs ids and outcomes, never an address.
 */
@Injectable()
export class EmailSenderService implements OnModuleInit {
  private readonly logger = new Logger(EmailSenderService.name);
  private readonly options: EmailSenderOptions;
  private readonly renderer: EmailRenderer;
  private transport: Transporter | undefined;
  private failing = false;
  private readonly outcomes: Counter<'outcome'> | undefined;

  constructor(
    private readonly deliveries: EmailDeliveryRepository,
    private readonly accounts: AccountRepository,
    private readonly jobs: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(EMAIL_RENDERER) renderer?: EmailRenderer | null,
    @Optional() @Inject(EMAIL_SENDER_OPTIONS) overrides?: Partial<EmailSenderOptions> | null,
    @Optional() metrics?: MetricsRegistry | null,
  ) {
    this.options = emailSenderOptions(overrides);
    this.renderer = renderer ?? plainEmailRenderer;
    if (!metrics) return;
    this.outcomes = new Counter({
      name: 'relais_email_deliveries_total',
      help: 'Email attempts by outcome: sent, deferred (retried later) or failed (given up).',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'relais_email_queue_depth',
      help: 'Emails waiting to be sent (pending or deferred), read at each scrape.',
      registers: [metrics.registry],
      collect: async function (this: Gauge) {
        this.set(await waitingDeliveries(deliveries));
      },
    });
  }

  /** Without SMTP_URL nothing is sent: the deliveries wait, PENDING, until one is set. */
  onModuleInit(): void {
    if (!this.config.smtp) {
      this.logger.log('SMTP_URL is not set: emails are queued, not sent');
      return;
    }
    this.jobs.register({
      name: 'email.send',
      schedule: { everyMs: this.options.pollIntervalMs },
      lock: false,
      logLevel: 'debug',
      run: async (signal) => {
        const summary = await this.sendDue(signal);
        return `${summary.claimed} claimed, ${summary.sent} sent, ${summary.deferred} deferred, ${summary.failed} failed`;
      },
      stop: () => this.close(),
    });
  }

  /**
   * Rounds until nothing is due (or `signal` aborts): claims, sends in order, records each
   * outcome. Public for tests and tools; the job calls it.
   */
  async sendDue(signal?: AbortSignal): Promise<EmailRoundSummary> {
    const total = { claimed: 0, sent: 0, deferred: 0, failed: 0 };
    try {
      for (;;) {
        const rows = await this.deliveries.claimDue(
          this.options.batchSize,
          this.options.leaseMs / 1000,
        );
        total.claimed += rows.length;
        await this.round(rows, total, signal);
        if (this.failing) this.logger.log('email deliveries going again');
        this.failing = false;
        if (rows.length < this.options.batchSize || signal?.aborted) break;
      }
    } catch (error) {
      // Once per outage (the database gone, say), not at every poll.
      if (!this.failing) {
        this.logger.error(
          { err: { type: error instanceof Error ? error.constructor.name : typeof error } },
          'email deliveries failing; retrying at each poll',
        );
      }
      this.failing = true;
    }
    return total;
  }

  /** Closes the SMTP pool (the job's stop, a test's end). */
  close(): void {
    this.transport?.close();
    this.transport = undefined;
  }

  private async round(
    rows: readonly ClaimedEmailRow[],
    total: Record<Outcome, number>,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    let unavailable: SmtpFailure | undefined;
    for (const row of rows) {
      // Stopping: the claims left run out their lease and are sent later, by whoever runs.
      if (signal?.aborted) return;
      // The server is away: the rest of the round waits with this one, without trying.
      const outcome = unavailable
        ? await this.deferOrFail(row, unavailable)
        : await this.attempt(row);
      if (typeof outcome === 'object') {
        unavailable = outcome.unavailable;
        total[outcome.recorded] += 1;
      } else {
        total[outcome] += 1;
      }
    }
  }

  private async attempt(
    row: ClaimedEmailRow,
  ): Promise<Outcome | { recorded: Outcome; unavailable: SmtpFailure }> {
    // An email to a followed person (no account) has no account to check: a revoked space
    // makes its link and codes worthless, sent or not.
    if (row.account_id !== null) {
      const account = await this.accounts.byId(row.account_id);
      if (!account || account.status === AccountStatus.DISABLED) {
        return this.fail(row, row.attempts, account ? 'account disabled' : 'account deleted');
      }
    }
    let email: RenderedEmail;
    try {
      email = await this.renderer.render(row.message);
    } catch (error) {
      // A message its template cannot render never will: say so, and block nothing else.
      const reason = error instanceof Error ? error.message : String(error);
      return this.fail(row, row.attempts, `not rendered: ${reason}`);
    }
    let messageId: string | null;
    try {
      const info = (await this.smtp().sendMail({
        from: this.config.mailFrom,
        to: row.to_address,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
      })) as { messageId?: unknown };
      messageId = typeof info.messageId === 'string' ? info.messageId : null;
    } catch (error) {
      const failure = classifySmtpError(error);
      if (failure.kind === 'permanent') return this.fail(row, row.attempts + 1, failure.reason);
      const recorded = await this.deferOrFail(row, failure);
      return failure.kind === 'unavailable' ? { recorded, unavailable: failure } : recorded;
    }
    await this.deliveries.markSent(row.id, row.attempts + 1, messageId);
    this.outcomes?.inc({ outcome: 'sent' });
    this.logger.debug({ deliveryId: row.id, kind: row.kind }, 'email sent');
    return 'sent';
  }

  /** Refused for now: DEFERRED with backoff, or FAILED once out of attempts. */
  private async deferOrFail(row: ClaimedEmailRow, failure: SmtpFailure): Promise<Outcome> {
    const attempts = row.attempts + 1;
    const delay = emailRetryDelayAfter(this.options, attempts);
    if (delay === null) {
      return this.fail(row, attempts, `gave up after ${attempts} attempts: ${failure.reason}`);
    }
    await this.deliveries.markDeferred(row.id, attempts, failure.reason, delay / 1000);
    this.outcomes?.inc({ outcome: 'deferred' });
    this.logger.warn({ deliveryId: row.id, attempts, delayMs: delay }, 'email deferred');
    return 'deferred';
  }

  private async fail(row: ClaimedEmailRow, attempts: number, reason: string): Promise<Outcome> {
    await this.deliveries.markFailed(row.id, attempts, reason);
    this.outcomes?.inc({ outcome: 'failed' });
    this.logger.warn({ deliveryId: row.id, attempts, kind: row.kind }, 'email failed');
    return 'failed';
  }

  /** The pooled SMTP transport, made at the first send. */
  private smtp(): Transporter {
    if (!this.config.smtp) throw new Error('SMTP_URL is not set');
    this.transport ??= createTransport({
      url: this.config.smtp.url,
      pool: true,
      maxConnections: 3,
      connectionTimeout: this.options.timeoutMs,
      greetingTimeout: this.options.timeoutMs,
      socketTimeout: this.options.timeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return this.transport;
  }
}

/** NaN when the database is away. */
async function waitingDeliveries(deliveries: EmailDeliveryRepository): Promise<number> {
  try {
    return await deliveries.waitingCount();
  } catch {
    return Number.NaN;
  }
}
