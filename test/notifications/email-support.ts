import { Global, Module } from '@nestjs/common';
import {
  EMAIL_SENDER_OPTIONS,
  EmailSenderService,
  type EmailSenderOptions,
  OutboxDispatcherService,
} from '@relais/notifications';
import {
  type SmtpTestServer,
  startSmtpTestServer,
  startTestApp,
  type TestApp,
} from '@relais/testing';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';

/** Short retries, so an SMTP outage is over within a test. */
const FAST: Partial<EmailSenderOptions> = {
  pollIntervalMs: 50,
  firstRetryDelayMs: 100,
  maxRetryDelayMs: 200,
  timeoutMs: 2_000,
};

@Global()
@Module({
  providers: [{ provide: EMAIL_SENDER_OPTIONS, useValue: FAST }],
  exports: [EMAIL_SENDER_OPTIONS],
})
class FastEmailSchedule {}

@Module({ imports: [AppModule, FastEmailSchedule] })
class RelaisWithFastEmails {}

/** Relais in process, sending its emails to a real SMTP server, with the dispatcher stopped. */
export interface EmailingRelais {
  readonly relais: TestApp;
  readonly smtp: SmtpTestServer;
  /** Driven by the test (dispatchPending), so each step is observed. */
  readonly dispatcher: OutboxDispatcherService;
  readonly sender: EmailSenderService;
  close(): Promise<void>;
}

/**
 * The API with SMTP_URL pointing at a fresh SMTP test server and short retries; the outbox is
 * dispatched by the test, the emails are sent by the sender's job or the test's `sendDue`.
 */
export async function startEmailingRelais(): Promise<EmailingRelais> {
  const smtp = await startSmtpTestServer();
  const previousSmtpUrl = process.env.SMTP_URL;
  process.env.SMTP_URL = smtp.url;
  let relais: TestApp;
  try {
    relais = await startTestApp({ module: RelaisWithFastEmails, configure: configureApp });
  } catch (error) {
    await smtp.close();
    throw error;
  } finally {
    if (previousSmtpUrl === undefined) delete process.env.SMTP_URL;
    else process.env.SMTP_URL = previousSmtpUrl;
  }
  const dispatcher = relais.app.get(OutboxDispatcherService);
  await dispatcher.stop();
  return {
    relais,
    smtp,
    dispatcher,
    sender: relais.app.get(EmailSenderService),
    close: async () => {
      await relais.close();
      await smtp.close();
    },
  };
}
