import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AppConfig, DEFAULT_MAIL_FROM, JobRunner } from '@relais/core';
import { buildDataSourceOptions } from '@relais/database';
import { AccountRepository, AccountStatus, identityEntities } from '@relais/identity';
import { organizationEntities } from '@relais/organizations';
import {
  createAccount,
  type SmtpTestServer,
  startSmtpTestServer,
  waitUntil,
} from '@relais/testing';
import { EmailDeliveryEntity, EmailDeliveryStatus } from './email-delivery.entity.js';
import { EmailDeliveryRepository, type EmailToEnqueue } from './email-delivery.repository.js';
import { EmailOutbox } from './email-outbox.service.js';
import type { EmailSenderOptions } from './email-options.js';
import { EmailSenderService } from './email-sender.service.js';

const url = (): string => process.env.DATABASE_URL as string;

/** Short waits, so that a deferred delivery is due again within the test. */
const FAST: Partial<EmailSenderOptions> = {
  firstRetryDelayMs: 50,
  maxRetryDelayMs: 200,
  maxAttempts: 50,
  timeoutMs: 2000,
};

/**
 * The email channel against PostgreSQL and a real SMTP server (smtp-server, read back with
 * mailparser): queued in a transaction, sent by the sender's rounds, never twice, deferred while
 * the server is away, failed for good when it refuses the recipient.
 */
describe('EmailSenderService', () => {
  let dataSource: DataSource;
  let smtp: SmtpTestServer;
  let outbox: EmailOutbox;
  let deliveries: EmailDeliveryRepository;
  const senders: EmailSenderService[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    dataSource = await new DataSource(
      await buildDataSourceOptions({
        url: url(),
        poolSize: 4,
        entities: [...organizationEntities, ...identityEntities, EmailDeliveryEntity],
      }),
    ).initialize();
    deliveries = new EmailDeliveryRepository(dataSource);
    outbox = new EmailOutbox(deliveries);
  });

  beforeEach(async () => {
    smtp = await startSmtpTestServer();
  });

  afterEach(async () => {
    for (const sender of senders.splice(0)) sender.close();
    await smtp.close();
  });

  afterAll(async () => {
    await dataSource.destroy();
    Logger.overrideLogger(['error', 'warn']);
  });

  function sender(options: Partial<EmailSenderOptions> = FAST): EmailSenderService {
    const config = { smtp: { url: smtp.url }, mailFrom: DEFAULT_MAIL_FROM } as AppConfig;
    const made = new EmailSenderService(
      deliveries,
      new AccountRepository(dataSource),
      new JobRunner(null),
      config,
      null,
      options,
      null,
    );
    senders.push(made);
    return made;
  }

  async function queue(email: EmailToEnqueue): Promise<boolean> {
    return dataSource.transaction((manager) => outbox.enqueue(manager, email));
  }

  async function emailFor(
    status: AccountStatus = AccountStatus.ACTIVE,
    key = `${Date.now()}-${Math.random()}`,
  ): Promise<EmailToEnqueue> {
    const account = await createAccount(dataSource, [], { status });
    return {
      accountId: account.id,
      toAddress: account.email,
      kind: 'HANDOVER_PROPOSED',
      category: 'HANDOVERS',
      eventId: null,
      dedupeKey: `${account.id}:${key}:HANDOVER_PROPOSED`,
      message: { kind: 'HANDOVER_PROPOSED', key },
    };
  }

  async function deliveryOf(email: EmailToEnqueue) {
    const [row] = await deliveries.byDedupeKeys([email.dedupeKey]);
    if (!row) throw new Error(`no delivery for ${email.dedupeKey}`);
    return row;
  }

  it('sends an email queued twice with the same key once, from MAIL_FROM', async () => {
    const email = await emailFor();
    expect(await queue(email)).toBe(true);
    expect(await queue({ ...email, message: { kind: 'HANDOVER_PROPOSED', again: true } })).toBe(
      false,
    );

    const summary = await sender().sendDue();
    expect(summary).toEqual({ claimed: 1, sent: 1, deferred: 0, failed: 0 });
    const [received] = await smtp.waitForMessages(1);
    expect(received?.envelope.to).toEqual([email.toAddress]);
    expect(received?.envelope.from).toBe('ne-pas-repondre@relais.invalid');
    expect(received?.subject).toBe('HANDOVER_PROPOSED');
    expect(received?.text).toContain(`"key": "${(email.message as { key: string }).key}"`);

    const row = await deliveryOf(email);
    expect(row).toMatchObject({ status: EmailDeliveryStatus.SENT, attempts: 1, last_error: null });
    expect(row.message_id).toMatch(/^<.+>$/);
    expect(row.sent_at).toBeInstanceOf(Date);
    // Nothing more to send, however often the sender looks.
    expect(await sender().sendDue()).toEqual({ claimed: 0, sent: 0, deferred: 0, failed: 0 });
    expect(smtp.messages()).toHaveLength(1);
  });

  it('defers while the SMTP server is down, then sends each email once, in order', async () => {
    const emails = [await emailFor(), await emailFor(), await emailFor()];
    for (const email of emails) await queue(email);
    await smtp.stop();

    const running = sender();
    const first = await running.sendDue();
    expect(first).toMatchObject({ claimed: 3, sent: 0, deferred: 3 });
    for (const email of emails) {
      const row = await deliveryOf(email);
      expect(row).toMatchObject({ status: EmailDeliveryStatus.DEFERRED, attempts: 1 });
      expect(row.last_error).toMatch(/ECONNECTION|ESOCKET|ECONNREFUSED/);
      expect(row.next_attempt_at?.getTime()).toBeGreaterThan(row.created_at.getTime());
    }

    await smtp.start();
    await waitUntil(async () => {
      await running.sendDue();
      const rows = await deliveries.byDedupeKeys(emails.map((email) => email.dedupeKey));
      return rows.every((row) => row.status === EmailDeliveryStatus.SENT);
    });
    const received = await smtp.waitForMessages(3);
    expect(received.map((message) => message.envelope.to[0])).toEqual(
      emails.map((email) => email.toAddress.toLowerCase()),
    );
    expect(await running.sendDue()).toMatchObject({ claimed: 0 });
    expect(smtp.messages()).toHaveLength(3);
  });

  it('sends once, after its lease, an email claimed by an instance that died before sending it', async () => {
    const email = await emailFor();
    await queue(email);
    // An instance claims it, then dies before the SMTP exchange: nothing was sent.
    const [claimed] = await deliveries.claimDue(10, 1);
    expect(claimed?.to_address).toBe(email.toAddress);
    const restarted = sender();
    // While the dead instance's lease runs, the restarted one leaves it alone...
    expect(await restarted.sendDue()).toMatchObject({ claimed: 0 });
    // ...then sends it, once.
    await waitUntil(async () => (await restarted.sendDue()).sent === 1, 10_000);
    await smtp.waitForMessages(1);
    expect(await deliveryOf(email)).toMatchObject({ status: EmailDeliveryStatus.SENT });
    expect(await restarted.sendDue()).toMatchObject({ claimed: 0 });
    expect(smtp.messages()).toHaveLength(1);
  });

  it('fails a delivery whose recipient the server refuses, with its reason, without retrying', async () => {
    const refused = await emailFor();
    const accepted = await emailFor();
    smtp.refuseRecipients(
      (address) => address.toLowerCase() === refused.toAddress.toLowerCase(),
      550,
      'No such user here',
    );
    await queue(refused);
    await queue(accepted);

    const summary = await sender().sendDue();
    expect(summary).toMatchObject({ claimed: 2, sent: 1, failed: 1, deferred: 0 });
    const row = await deliveryOf(refused);
    expect(row).toMatchObject({ status: EmailDeliveryStatus.FAILED, attempts: 1 });
    expect(row.last_error).toContain('550');
    expect(row.last_error).toContain('No such user here');
    expect(row.next_attempt_at).toBeNull();
    expect((await deliveryOf(accepted)).status).toBe(EmailDeliveryStatus.SENT);
    expect(await sender().sendDue()).toMatchObject({ claimed: 0 });
    const received = await smtp.waitForMessages(1);
    expect(received.map((message) => message.envelope.to[0])).toEqual([
      accepted.toAddress.toLowerCase(),
    ]);
  });

  it('sends nothing to a disabled account', async () => {
    const disabled = await emailFor(AccountStatus.DISABLED);
    await queue(disabled);

    expect(await sender().sendDue()).toMatchObject({ claimed: 1, failed: 1, sent: 0 });
    expect(await deliveryOf(disabled)).toMatchObject({
      status: EmailDeliveryStatus.FAILED,
      attempts: 0,
      last_error: 'account disabled',
    });
    expect(smtp.messages()).toHaveLength(0);
  });

  it('gives up after the last attempt while the server stays away', async () => {
    const email = await emailFor();
    await queue(email);
    await smtp.stop();

    const running = sender({ ...FAST, maxAttempts: 2 });
    await waitUntil(async () => {
      await running.sendDue();
      return (await deliveryOf(email)).status === EmailDeliveryStatus.FAILED;
    });
    const row = await deliveryOf(email);
    expect(row.attempts).toBe(2);
    expect(row.last_error).toMatch(/^gave up after 2 attempts: /);
  });
});
