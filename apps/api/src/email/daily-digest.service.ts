import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { systemScope } from '@relais/access';
import { APP_CONFIG, type AppConfig, JobRunner } from '@relais/core';
import { MembershipAudienceRepository } from '@relais/identity';
import {
  type DigestNotificationType,
  EMAIL_CATEGORY_LABELS,
  type EmailCategory,
  EmailMode,
  EmailOutbox,
  EmailPreferenceRepository,
  type EmailToEnqueue,
  effectiveMode,
  unsubscribeUrl,
} from '@relais/notifications';
import { DailyDigestReadModel, type UnassignedRow } from '@relais/read-models';
import { DataSource } from 'typeorm';
import {
  composeDigest,
  DIGEST_CATEGORY_BY_TYPE,
  DIGEST_NOTIFICATION_TYPES,
  parisDay,
} from './daily-digest.compose.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Accounts composed and queued per transaction. */
const CHUNK = 200;
const CATEGORIES: readonly EmailCategory[] = [
  'DIGEST',
  ...new Set(Object.values(DIGEST_CATEGORY_BY_TYPE)),
];

/**
 * The daily digest (issue 18): at EMAIL_DIGEST_HOUR, Europe/Paris, one email per account with
 * what it has not seen: the unread notifications of the last 24 hours that no immediate email
 * told (a category set to NEVER left out), and for structure admins the people oriented to their
 * structure who wait there for a referent, with how long. Accounts whose digest is NEVER, revoked
 * or disabled get none. The dedupe key `(account, 'digest', Paris day)` makes a second run the same
 * day queue nothing; the `email.send` job sends them.
 */
@Injectable()
export class DailyDigestService implements OnModuleInit {
  private readonly logger = new Logger('DailyDigest');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobRunner,
    private readonly digests: DailyDigestReadModel,
    private readonly accounts: MembershipAudienceRepository,
    private readonly preferences: EmailPreferenceRepository,
    private readonly outbox: EmailOutbox,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'email.digest',
      schedule: { cron: `0 ${this.config.emailDigestHour} * * *`, timeZone: 'Europe/Paris' },
      lock: true,
      logLevel: 'log',
      run: async (signal) => `${await this.queueDigests(new Date(), signal)} digests queued`,
    });
  }

  /** Composes and queues the digests of the 24 hours before `now`; gives how many were queued. */
  async queueDigests(now: Date, signal?: AbortSignal): Promise<number> {
    const scope = systemScope('email-digest');
    const window = {
      since: new Date(now.getTime() - DAY_MS),
      until: now,
      types: DIGEST_NOTIFICATION_TYPES,
    };
    const day = parisDay(now);
    let queued = 0;
    let after: string | null = null;
    for (;;) {
      if (signal?.aborted) break;
      const ids = await this.digests.accountsToTell(scope, window, after, CHUNK);
      if (ids.length === 0) break;
      after = ids[ids.length - 1];
      const emails = await this.compose(ids, window, now, day);
      if (emails.length > 0) {
        const created = await this.dataSource.transaction((manager) =>
          this.outbox.enqueueAll(manager, emails),
        );
        queued += created.length;
      }
      if (ids.length < CHUNK) break;
    }
    if (signal?.aborted) this.logger.warn(`stopped with the application after ${queued} digests`);
    return queued;
  }

  private async compose(
    accountIds: readonly string[],
    window: { since: Date; until: Date; types: readonly string[] },
    now: Date,
    day: string,
  ): Promise<EmailToEnqueue[]> {
    const scope = systemScope('email-digest');
    const contacts = (await this.accounts.emailContacts(accountIds)).filter((c) => c.emailable);
    const ids = contacts.map((contact) => contact.accountId);
    const modes = new Map<EmailCategory, Map<string, EmailMode>>();
    for (const category of CATEGORIES) {
      modes.set(category, await this.preferences.modesFor(ids, category));
    }
    const modeOf = (accountId: string, category: EmailCategory): EmailMode =>
      effectiveMode(category, modes.get(category)?.get(accountId));
    const notifications = groupBy(
      await this.digests.unreadNotifications(scope, window, ids),
      (row) => row.accountId,
    );
    const unassigned = groupBy(
      await this.digests.unassignedPeople(scope, ids),
      (row) => row.accountId,
    );
    const emails: EmailToEnqueue[] = [];
    for (const contact of contacts) {
      if (modeOf(contact.accountId, 'DIGEST') === EmailMode.NEVER) continue;
      const told = (notifications.get(contact.accountId) ?? []).filter(
        (row) =>
          modeOf(contact.accountId, DIGEST_CATEGORY_BY_TYPE[row.type as DigestNotificationType]) !==
          EmailMode.NEVER,
      );
      const message = composeDigest({
        recipientFirstName: contact.givenName,
        composedAt: now,
        publicUrl: this.config.publicUrl,
        notifications: told,
        unassigned: unassigned.get(contact.accountId) ?? ([] as UnassignedRow[]),
      });
      if (message === null) continue;
      emails.push({
        accountId: contact.accountId,
        toAddress: contact.email,
        kind: 'DAILY_DIGEST',
        category: 'DIGEST',
        eventId: null,
        dedupeKey: `${contact.accountId}:digest:${day}`,
        message: {
          ...message,
          unsubscribe: {
            categoryLabel: EMAIL_CATEGORY_LABELS.DIGEST,
            url: unsubscribeUrl(this.config, contact.accountId, 'DIGEST'),
          },
        },
      });
    }
    return emails;
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
