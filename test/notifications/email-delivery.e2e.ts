import { randomUUID } from 'node:crypto';
import { Role } from '@relais/identity';
import {
  EmailMode,
  EmailPreferenceRepository,
  type EmailSenderService,
  EventEmailsService,
  makeUnsubscribeToken,
  type OutboxDispatcherService,
  unsubscribeUrl,
} from '@relais/notifications';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  createApiClient,
  createPerson,
  createStructure,
  createTerritory,
  type ReceivedEmail,
  type SmtpTestServer,
  type TestApp,
  trackCloser,
  waitUntil,
} from '@relais/testing';
import { type EmailingRelais, startEmailingRelais } from './email-support.js';
import { type Caseworker, caseworkerOf } from './notification-support.js';
import { APP_CONFIG, type AppConfig, toStructure } from '@relais/core';
import { DailyDigestService } from '../../apps/api/src/email/daily-digest.service.js';
import { startFromEmptyTables, startRelais } from '../support/app.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import {
  type DevMailCatcher,
  startDevMailCatcher,
} from '../../apps/api/src/launcher/dev-mail-catcher.js';

const PROPOSE = `mutation($input: ProposeHandoverInput!) {
  proposeHandover(input: $input) { id status }
}`;
const ACCEPT = `mutation($input: AcceptHandoverInput!) {
  acceptHandover(input: $input) { id status }
}`;

/** Free text that stays with the parties: never in an email. */
const REASON = 'Suivi psychiatrique en cours, dettes importantes : accompagnement renforcé.';

interface Scene {
  referent: Caseworker;
  targetAdmin: Caseworker;
  named: Caseworker;
  target: StructureEntity;
  person: PersonEntity;
}

/**
 * The immediate emails of dispatched events, end to end: the API in process with SMTP_URL pointing
 * at a real SMTP server; the dispatcher is driven by the test (dispatchPending) so each step is
 * observed.
 */
describe('immediate emails from dispatched events', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let smtp: SmtpTestServer;
  let territory: TerritoryEntity;
  let dispatcher: OutboxDispatcherService;
  let sender: EmailSenderService;
  let emailing: EmailingRelais;

  beforeAll(async () => {
    emailing = await startEmailingRelais();
    ({ relais, smtp, dispatcher, sender } = emailing);
    // Its own territory: no orientation manager there, so the audiences are the ones built here.
    territory = await createTerritory(relais.dataSource);
  });

  afterAll(async () => {
    await emailing?.close();
  });

  const scene = async (): Promise<Scene> => {
    const ds = relais.dataSource;
    const unique = randomUUID().slice(0, 8);
    const from = await createStructure(ds, territory, { name: `Département ${unique}` });
    const target = await createStructure(ds, territory, { name: `Mission locale ${unique}` });
    const referent = await caseworkerOf(relais, from);
    const targetAdmin = await caseworkerOf(relais, target, Role.STRUCTURE_ADMIN);
    const named = await caseworkerOf(relais, target);
    const person = await createPerson(ds, territory, {
      givenName: 'Inès',
      familyName: `Kaddour${unique}`,
    });
    await addTeamMember(ds, person, referent.account, referent.membership, TeamRole.REFERENT);
    return { referent, targetAdmin, named, target, person };
  };

  const propose = async (s: Scene, toAccountId: string | null): Promise<string> => {
    const { proposeHandover } = await s.referent.client.data<{
      proposeHandover: { id: string; status: string };
    }>(PROPOSE, {
      input: {
        personId: s.person.id,
        toStructureId: s.target.id,
        toAccountId,
        reason: REASON,
        personInformed: true,
      },
    });
    return proposeHandover.id;
  };

  /** Dispatches what is pending, then sends what is due. */
  const dispatchAndSend = async (): Promise<void> => {
    await dispatcher.dispatchPending();
    await sender.sendDue();
  };

  const to = (account: { email: string }): ReceivedEmail[] =>
    smtp.messages().filter((email) => email.envelope.to.includes(account.email));

  const expectNothingSensitive = (emails: readonly ReceivedEmail[], s: Scene): void => {
    for (const email of emails) {
      const whole = `${email.subject}\n${email.text}\n${email.html ?? ''}\n${email.raw.toString('utf8')}`;
      expect(whole).not.toContain(s.person.familyName);
      expect(whole).not.toContain('psychiatrique');
      expect(whole).not.toContain('dettes');
    }
  };

  const deliveriesOf = async (accountId: string): Promise<{ status: string }[]> =>
    relais.dataSource.query(`SELECT status FROM email_delivery WHERE account_id = $1`, [accountId]);

  it('tells the structure admin and the named professional once each, with the handover link; the acceptance reaches the proposer; a second dispatch sends nothing more', async () => {
    const s = await scene();
    const captured: Parameters<EventEmailsService['enqueue']>[1][number][] = [];
    dispatcher.registerStep((_manager, events) => {
      captured.push(...events.filter((event) => event.personId === s.person.id));
      return Promise.resolve();
    });
    // A member of the team besides the referent: told of the outcome in the inbox, not by email.
    const member = await caseworkerOf(relais, s.target);
    await addTeamMember(
      relais.dataSource,
      s.person,
      member.account,
      member.membership,
      TeamRole.FOLLOWER,
    );
    const handoverId = await propose(s, s.named.account.id);
    await dispatchAndSend();
    await waitUntil(() => to(s.targetAdmin.account).length >= 1 && to(s.named.account).length >= 1);
    for (const account of [s.targetAdmin.account, s.named.account]) {
      const emails = to(account);
      expect(emails).toHaveLength(1);
      expect(emails[0].text).toContain(`/passages/${handoverId}`);
      expect(emails[0].html).toContain(`/passages/${handoverId}`);
      expect(emails[0].text).toContain('Inès K.');
    }
    // The proposer acted: nothing for them.
    expect(to(s.referent.account)).toHaveLength(0);

    await s.targetAdmin.client.data(ACCEPT, {
      input: { handoverId, newReferentAccountId: s.named.account.id },
    });
    await dispatchAndSend();
    await waitUntil(() => to(s.referent.account).length >= 1 && to(s.named.account).length >= 2);
    const outcome = to(s.referent.account);
    expect(outcome).toHaveLength(1);
    expect(outcome[0].text).toContain(`/passages/${handoverId}`);
    // The new referent is told the person entered their caseload.
    expect(to(s.named.account)[1].text).toContain(`/personnes/${s.person.id}`);
    // The outcome goes at once to the proposer only: not to the team, not to the admin again.
    expect(to(member.account)).toHaveLength(0);
    expect(to(s.targetAdmin.account)).toHaveLength(1);
    const told = await relais.dataSource.query<{ account_id: string }[]>(
      `SELECT n.account_id FROM notification n JOIN outbox_event e ON e.id = n.event_id
        WHERE e.type = 'handover.accepted' AND e.person_id = $1`,
      [s.person.id],
    );
    expect(told.map((row) => row.account_id)).toContain(member.account.id);

    // A replay of the same events queues nothing: the dedupe key (account, event, kind).
    const before = smtp.messages().length;
    expect(captured.map((event) => event.type)).toEqual(['handover.proposed', 'handover.accepted']);
    const requeued = await relais.dataSource.transaction((manager) =>
      relais.app.get(EventEmailsService).enqueue(manager, captured),
    );
    expect(requeued).toBe(0);
    await sender.sendDue();
    expect(smtp.messages()).toHaveLength(before);
    expect(to(s.targetAdmin.account)).toHaveLength(1);
    expectNothingSensitive(
      [...to(s.targetAdmin.account), ...to(s.named.account), ...to(s.referent.account)],
      s,
    );
  });

  it('stops a category from the one-click unsubscribe of an email it sent, and of that recipient only', async () => {
    const s = await scene();
    await propose(s, s.named.account.id);
    await dispatchAndSend();
    await waitUntil(() => to(s.named.account).length >= 1);
    const [email] = to(s.named.account);
    // RFC 8058: the link in a header, and the POST a mail client sends for it.
    expect(email.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = /<(https?:[^>]+)>/.exec(email.headers.get('list-unsubscribe') ?? '')?.[1];
    expect(url).toContain('/email/unsubscribe?token=');
    expect(email.text).toContain(url);
    const local = new URL(url as string);
    const response = await fetch(`${relais.baseUrl}${local.pathname}${local.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const preferences = relais.app.get(EmailPreferenceRepository);
    expect((await preferences.modesOf(s.named.account.id)).get('HANDOVERS')).toBe(EmailMode.NEVER);
    expect((await preferences.modesOf(s.targetAdmin.account.id)).get('HANDOVERS')).toBeUndefined();

    // The next handover naming them reaches the structure's admin, not the one who unsubscribed.
    const second = await createPerson(relais.dataSource, territory, {
      givenName: 'Yanis',
      familyName: `Morel${randomUUID().slice(0, 8)}`,
    });
    await addTeamMember(
      relais.dataSource,
      second,
      s.referent.account,
      s.referent.membership,
      TeamRole.REFERENT,
    );
    await propose({ ...s, person: second }, s.named.account.id);
    await dispatchAndSend();
    await waitUntil(() => to(s.targetAdmin.account).length >= 2);
    expect(to(s.targetAdmin.account)[1].text).toContain('Yanis M.');
    expect(to(s.named.account)).toHaveLength(1);
  });

  it('sends nothing immediate to a recipient whose handovers mode is NEVER or DIGEST', async () => {
    const s = await scene();
    const preferences = relais.app.get(EmailPreferenceRepository);
    await preferences.setMode(s.targetAdmin.account.id, 'HANDOVERS', EmailMode.NEVER);
    await preferences.setMode(s.named.account.id, 'HANDOVERS', EmailMode.DIGEST);
    const other = await caseworkerOf(relais, s.target, Role.STRUCTURE_ADMIN);
    await propose(s, s.named.account.id);
    await dispatchAndSend();
    // The other admin (default: immediate) is told: the batch went through the email step.
    await waitUntil(() => to(other.account).length >= 1);
    expect(to(s.targetAdmin.account)).toHaveLength(0);
    expect(to(s.named.account)).toHaveLength(0);
    expect(await deliveriesOf(s.targetAdmin.account.id)).toEqual([]);
    expect(await deliveriesOf(s.named.account.id)).toEqual([]);
  });

  it('sends nothing to a revoked professional', async () => {
    const s = await scene();
    const handoverId = await propose(s, s.named.account.id);
    // Revoked between the proposal and its dispatch.
    await relais.dataSource.query(`UPDATE membership SET revoked_at = now() WHERE id = $1`, [
      s.named.membership.id,
    ]);
    await dispatchAndSend();
    await waitUntil(() => to(s.targetAdmin.account).length >= 1);
    expect(to(s.targetAdmin.account)[0].text).toContain(`/passages/${handoverId}`);
    expect(to(s.named.account)).toHaveLength(0);
    expect(await deliveriesOf(s.named.account.id)).toEqual([]);
  });

  it('keeps the emails through an SMTP outage and sends them once, in order, when it is back', async () => {
    const first = await scene();
    const second = await scene();
    await smtp.stop();
    try {
      const firstId = await propose(first, null);
      await dispatcher.dispatchPending();
      const secondId = await propose(second, null);
      await dispatchAndSend();
      const deferred = await relais.dataSource.query<{ status: string }[]>(
        `SELECT status FROM email_delivery WHERE account_id = ANY($1::uuid[])`,
        [[first.targetAdmin.account.id, second.targetAdmin.account.id]],
      );
      expect(deferred.map((row) => row.status).sort()).not.toContain('SENT');
      await smtp.start();
      // The sender's own job sends them (its rounds never overlap): a round started here beside
      // it would be a second sender, and two senders share the queue but not its order.
      await waitUntil(
        () => to(first.targetAdmin.account).length + to(second.targetAdmin.account).length >= 2,
        15_000,
      );
      const firstEmails = to(first.targetAdmin.account);
      const secondEmails = to(second.targetAdmin.account);
      expect(firstEmails).toHaveLength(1);
      expect(secondEmails).toHaveLength(1);
      expect(firstEmails[0].text).toContain(`/passages/${firstId}`);
      expect(secondEmails[0].text).toContain(`/passages/${secondId}`);
      const all = smtp.messages();
      expect(all.indexOf(firstEmails[0])).toBeLessThan(all.indexOf(secondEmails[0]));
      // Nothing more afterwards.
      await sender.sendDue();
      expect(to(first.targetAdmin.account)).toHaveLength(1);
      expect(to(second.targetAdmin.account)).toHaveLength(1);
    } finally {
      await smtp.start().catch(() => undefined);
    }
  });
});

const REQUEST = `mutation($input: RequestOrientationInput!) {
  requestOrientation(input: $input) { id status }
}`;
const DECIDE = `mutation($input: DecideOrientationInput!) {
  decideOrientation(input: $input) { id status handoverId }
}`;
const MARK_ALL_READ = `mutation { markAllNotificationsRead { marked unreadCount } }`;

const HOUR_MS = 60 * 60 * 1000;

/**
 * The daily digest, end to end: the API in process with SMTP_URL on a real SMTP server; the
 * dispatcher and the digest run are driven by the test, at a `now` it chooses.
 */
describe('the daily email digest', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let smtp: SmtpTestServer;
  let territory: TerritoryEntity;
  let dispatcher: OutboxDispatcherService;
  let sender: EmailSenderService;
  let digests: DailyDigestService;
  let emailing: EmailingRelais;

  beforeAll(async () => {
    emailing = await startEmailingRelais();
    ({ relais, smtp, dispatcher, sender } = emailing);
    digests = relais.app.get(DailyDigestService);
    territory = await createTerritory(relais.dataSource);
  });

  afterAll(async () => {
    await emailing?.close();
  });

  const to = (account: { email: string }): ReceivedEmail[] =>
    smtp.messages().filter((email) => email.envelope.to.includes(account.email));
  const digestsTo = (account: { email: string }): ReceivedEmail[] =>
    to(account).filter((email) => email.subject.startsWith('Votre récapitulatif Relais'));

  const structure = (prefix: string): Promise<StructureEntity> =>
    createStructure(relais.dataSource, territory, {
      name: `${prefix} ${randomUUID().slice(0, 8)}`,
    });

  const personOf = async (referent: Caseworker, givenName: string): Promise<PersonEntity> => {
    const person = await createPerson(relais.dataSource, territory, {
      givenName,
      familyName: `Famille${randomUUID().slice(0, 8)}`,
    });
    await addTeamMember(
      relais.dataSource,
      person,
      referent.account,
      referent.membership,
      TeamRole.REFERENT,
    );
    return person;
  };

  /** Runs the digest as the job would at `now`, then sends what it queued. */
  const digestAt = async (now: Date): Promise<number> => {
    const queued = await digests.queueDigests(now);
    await sender.sendDue();
    return queued;
  };

  it('sends a digest-only account nothing at once, then one digest of what it has not read; a second run the same day sends nothing more', async () => {
    const from = await structure('Département');
    const target = await structure('Mission locale');
    const referent = await caseworkerOf(relais, from);
    const admin = await caseworkerOf(relais, target, Role.STRUCTURE_ADMIN);
    const named = await caseworkerOf(relais, target);
    const reader = await caseworkerOf(relais, target, Role.STRUCTURE_ADMIN);
    const quiet = await caseworkerOf(relais, target, Role.STRUCTURE_ADMIN);
    const preferences = relais.app.get(EmailPreferenceRepository);
    for (const who of [named, reader, quiet]) {
      await preferences.setMode(who.account.id, 'HANDOVERS', EmailMode.DIGEST);
    }
    // The digest turned off: nothing at all.
    await preferences.setMode(quiet.account.id, 'DIGEST', EmailMode.NEVER);
    const person = await personOf(referent, 'Inès');
    const { proposeHandover } = await referent.client.data<{ proposeHandover: { id: string } }>(
      PROPOSE,
      {
        input: {
          personId: person.id,
          toStructureId: target.id,
          toAccountId: named.account.id,
          reason: 'Suivi psychiatrique en cours.',
          personInformed: true,
        },
      },
    );
    await dispatcher.dispatchPending();
    await sender.sendDue();
    // The admin on the defaults is told at once: the batch went through the email step.
    await waitUntil(() => to(admin.account).length >= 1);
    expect(to(named.account)).toHaveLength(0);
    expect(to(reader.account)).toHaveLength(0);
    expect(to(quiet.account)).toHaveLength(0);
    // One of the two digest-only accounts saw it in the web client.
    await reader.client.data(MARK_ALL_READ);

    const now = new Date(Date.now() + HOUR_MS);
    await digestAt(now);
    await waitUntil(() => digestsTo(named.account).length >= 1);
    const [digest] = digestsTo(named.account);
    expect(digest.subject).toContain('1 notification non lue');
    expect(digest.text).toContain('propose le transfert d’Inès F.');
    expect(digest.text).toContain(`/passages/${proposeHandover.id}`);
    expect(digest.html).toContain(`/passages/${proposeHandover.id}`);
    expect(`${digest.text}${digest.html ?? ''}`).not.toContain(person.familyName);
    expect(`${digest.text}${digest.html ?? ''}`).not.toContain('psychiatrique');
    expect(digest.headers.get('list-unsubscribe')).toContain('/email/unsubscribe?token=');
    // Read in the web client: nothing to tell. Emailed at once: not told twice.
    expect(digestsTo(reader.account)).toHaveLength(0);
    expect(digestsTo(admin.account)).toHaveLength(0);
    expect(to(quiet.account)).toHaveLength(0);

    // A second run the same day: the dedupe key (account, 'digest', Paris day).
    expect(await digestAt(new Date(now.getTime() + 60_000))).toBe(0);
    expect(digestsTo(named.account)).toHaveLength(1);
  });

  it('tells a structure admin who waits for a referent there, since when; not another structure’s admin, not a revoked one', async () => {
    const from = await structure('CCAS');
    const target = await structure('Cap emploi');
    const elsewhere = await structure('Mission locale');
    const referent = await caseworkerOf(relais, from);
    const manager = await caseworkerOf(relais, from, Role.ORIENTATION_MANAGER);
    const admin = await caseworkerOf(relais, target, Role.STRUCTURE_ADMIN);
    const revoked = await caseworkerOf(relais, target, Role.STRUCTURE_ADMIN);
    const otherAdmin = await caseworkerOf(relais, elsewhere, Role.STRUCTURE_ADMIN);
    const person = await personOf(referent, 'Yanis');
    const { requestOrientation } = await referent.client.data<{
      requestOrientation: { id: string };
    }>(REQUEST, {
      input: {
        personId: person.id,
        orientationType: 'PROFESSIONAL',
        reason: 'Prêt pour un accompagnement professionnel.',
      },
    });
    // Accepted towards the structure without naming anyone there.
    const { decideOrientation } = await manager.client.data<{
      decideOrientation: { handoverId: string };
    }>(DECIDE, {
      input: { requestId: requestOrientation.id, accept: true, targetStructureId: target.id },
    });
    await dispatcher.dispatchPending();
    await sender.sendDue();
    await waitUntil(() => to(admin.account).length >= 1);
    // Oriented three days ago; the admin read everything since.
    await relais.dataSource.query(
      `UPDATE handover SET created_at = now() - interval '3 days 2 hours' WHERE id = $1`,
      [decideOrientation.handoverId],
    );
    await admin.client.data(MARK_ALL_READ);
    await relais.dataSource.query(`UPDATE membership SET revoked_at = now() WHERE id = $1`, [
      revoked.membership.id,
    ]);

    await digestAt(new Date(Date.now() + HOUR_MS));
    await waitUntil(() => digestsTo(admin.account).length >= 1);
    const [recap] = digestsTo(admin.account);
    expect(recap.subject).toContain('1 personne sans référent');
    expect(recap.text).toContain(`Sans référent ${toStructure(target.name)}\u202F:`);
    expect(recap.text).toContain('- Yanis F., en attente depuis 3 jours');
    expect(recap.html).toContain(`Sans référent ${toStructure(target.name)}`);
    expect(recap.text).toContain('/passages');
    expect(`${recap.text}${recap.html ?? ''}`).not.toContain(person.familyName);
    expect(digestsTo(otherAdmin.account)).toHaveLength(0);
    expect(digestsTo(revoked.account)).toHaveLength(0);
  });
});

const PREFERENCES = `{ emailPreferences { category label mode isDefault } }`;
const SET = `mutation($category: EmailCategory!, $mode: EmailMode!) {
  setEmailPreference(category: $category, mode: $mode) { category label mode isDefault }
}`;

interface Preference {
  category: string;
  label: string;
  mode: string;
  isDefault: boolean;
}

describe('email preferences (Mon compte) and the one-click unsubscribe', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let config: AppConfig;
  let alice: Caseworker;
  let bob: Caseworker;

  beforeAll(async () => {
    relais = await startRelais();
    config = relais.app.get<AppConfig>(APP_CONFIG);
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    alice = await caseworkerOf(relais, structure);
    bob = await caseworkerOf(relais, structure);
  });

  afterAll(() => relais.close());

  async function storedModes(accountId: string): Promise<Record<string, string>> {
    const rows = await relais.dataSource.query<{ category: string; mode: string }[]>(
      `SELECT category, mode FROM email_preference WHERE account_id = $1`,
      [accountId],
    );
    return Object.fromEntries(rows.map((row) => [row.category, row.mode]));
  }

  async function preferencesOf(who: Caseworker): Promise<Preference[]> {
    const result = await who.client.execute<{ emailPreferences: Preference[] }>(PREFERENCES);
    expect(result.errors).toBeUndefined();
    return result.data!.emailPreferences;
  }

  /** The path and query of an unsubscribe link, against the test server. */
  function linkFor(accountId: string, category: 'HANDOVERS' | 'DIGEST' | 'CASELOAD'): string {
    const url = new URL(unsubscribeUrl(config, accountId, category));
    return `${relais.baseUrl}${url.pathname}${url.search}`;
  }

  function postOneClick(link: string): Promise<Response> {
    return fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
  }

  it('lists every configurable category with its French label and its default', async () => {
    const preferences = await preferencesOf(alice);
    expect(preferences.map((p) => [p.category, p.mode, p.isDefault])).toEqual([
      ['HANDOVERS', 'IMMEDIATE', true],
      ['ORIENTATIONS', 'IMMEDIATE', true],
      ['JOIN_REQUESTS', 'IMMEDIATE', true],
      ['RIGHTS_REQUESTS', 'IMMEDIATE', true],
      ['CASELOAD', 'IMMEDIATE', true],
      ['DIGEST', 'DIGEST', true],
    ]);
    expect(preferences.find((p) => p.category === 'DIGEST')?.label).toBe('Récapitulatif quotidien');
  });

  it('keeps a choice and reads it back; the other account is untouched', async () => {
    const set = await alice.client.execute<{ setEmailPreference: Preference }>(SET, {
      category: 'ORIENTATIONS',
      mode: 'DIGEST',
    });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setEmailPreference).toMatchObject({
      category: 'ORIENTATIONS',
      mode: 'DIGEST',
      isDefault: false,
    });
    const orientations = (await preferencesOf(alice)).find((p) => p.category === 'ORIENTATIONS');
    expect(orientations).toMatchObject({ mode: 'DIGEST', isDefault: false });
    expect(await storedModes(bob.account.id)).toEqual({});
  });

  it('refuses to change invitations, naming the field', async () => {
    const result = await alice.client.execute(SET, { category: 'INVITATION', mode: 'NEVER' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.reason).toBe('NOT_ONE_OF');
    expect(result.errors?.[0]?.extensions?.field).toBe('category');
    expect(await storedModes(alice.account.id)).not.toHaveProperty('INVITATION');
  });

  it('refuses a partner client', async () => {
    const territory = await createTerritory(relais.dataSource);
    const partner = await relais.graphqlAsClient(
      await createApiClient(relais.dataSource, territory, ['persons:read']),
    );
    const read = await partner.execute(PREFERENCES);
    expect(read.errors?.[0]?.extensions?.reason).toBe('ACCOUNT_REQUIRED');
    const write = await partner.execute(SET, { category: 'DIGEST', mode: 'NEVER' });
    expect(write.errors?.[0]?.extensions?.reason).toBe('ACCOUNT_REQUIRED');
  });

  it('shows a confirmation page on GET and writes nothing', async () => {
    const response = await fetch(linkFor(bob.account.id, 'HANDOVERS'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Transferts d’accompagnement');
    expect(html).toMatch(/<form method="post"/);
    expect(html).toContain('Confirmer le désabonnement');
    expect(await storedModes(bob.account.id)).toEqual({});
  });

  it('turns the category off on a one-click POST (RFC 8058)', async () => {
    const response = await postOneClick(linkFor(bob.account.id, 'HANDOVERS'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Désabonnement enregistré');
    expect(await storedModes(bob.account.id)).toEqual({ HANDOVERS: 'NEVER' });
    const handovers = (await preferencesOf(bob)).find((p) => p.category === 'HANDOVERS');
    expect(handovers).toMatchObject({ mode: 'NEVER', isDefault: false });
  });

  it('refuses a forged or altered token (400, in French) and writes nothing', async () => {
    const before = await storedModes(bob.account.id);
    const token = makeUnsubscribeToken(config.authTokenSecret, bob.account.id, 'DIGEST');
    const [payload, signature] = token.split('.') as [string, string];
    // One character of the signature changed.
    const flipped = `${payload}.${signature.slice(0, 5)}${signature[5] === 'A' ? 'B' : 'A'}${signature.slice(6)}`;
    // Bob's signature over another category: the payload says CASELOAD, the signature DIGEST.
    const otherCategory = `${Buffer.from(`${bob.account.id}:CASELOAD`).toString('base64url')}.${signature}`;
    // A token signed with another secret.
    const otherSecret = makeUnsubscribeToken(
      'another secret, not Relais’s',
      bob.account.id,
      'DIGEST',
    );
    for (const forged of [flipped, otherCategory, otherSecret, 'garbage', '']) {
      const link = `${relais.baseUrl}/email/unsubscribe?token=${encodeURIComponent(forged)}`;
      const posted = await postOneClick(link);
      expect(posted.status).toBe(400);
      expect(await posted.text()).toContain('Ce lien de désabonnement n’est pas valide');
      const shown = await fetch(link);
      expect(shown.status).toBe(400);
      await shown.text();
    }
    expect(await storedModes(bob.account.id)).toEqual(before);
  });
});

const QUERY = `query ($first: Int) {
  devSentEmails(first: $first) { id date from to subject text html }
}`;
const SEND_DIGESTS = `mutation { devSendDailyDigests }`;

interface DevSentEmail {
  id: string;
  date: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

async function caughtFiles(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
}

/** Starts the app with DEV_MAIL_DIR as given (unset when undefined), then puts it back. */
async function startRelaisWithMailFolder(folder: string | undefined): Promise<TestApp> {
  const previous = process.env.DEV_MAIL_DIR;
  if (folder === undefined) delete process.env.DEV_MAIL_DIR;
  else process.env.DEV_MAIL_DIR = folder;
  try {
    return await startRelais();
  } finally {
    if (previous === undefined) delete process.env.DEV_MAIL_DIR;
    else process.env.DEV_MAIL_DIR = previous;
  }
}

describe('the development mail catcher and the "Courriels envoyés" query', () => {
  startFromEmptyTables();
  let folder: string;
  let catcher: DevMailCatcher;
  let untrack: () => void;
  let relais: TestApp;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'relais-dev-mail-'));
    catcher = await startDevMailCatcher({ folder: join(folder, 'mail') });
    untrack = trackCloser('development mail catcher', () => catcher.stop());
    relais = await startRelaisWithMailFolder(catcher.folder);
  });

  afterAll(async () => {
    await relais?.close();
    await catcher?.stop();
    untrack?.();
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps each message as an .eml file and lists the newest first, parsed', async () => {
    const transport = createTransport({ url: catcher.url });
    for (const n of [1, 2, 3]) {
      await transport.sendMail({
        from: '"Relais" <ne-pas-repondre@relais.demo>',
        to: `personne${n}@relais.demo`,
        subject: `Courriel ${n}`,
        text: `Texte ${n}`,
        html: `<p>HTML ${n}</p>`,
      });
      const count = n;
      await waitUntil(async () => (await caughtFiles(catcher.folder)).length >= count);
      // The next one arrives in a later millisecond, so that the file names order them.
      const caughtAt = Date.now();
      await waitUntil(() => Date.now() > caughtAt);
    }
    const files = await caughtFiles(catcher.folder);
    expect(files).toHaveLength(3);

    const { devSentEmails } = await relais.graphql.data<{ devSentEmails: DevSentEmail[] }>(QUERY, {
      first: 2,
    });
    expect(devSentEmails.map((email) => email.subject)).toEqual(['Courriel 3', 'Courriel 2']);
    expect(devSentEmails[0]).toMatchObject({
      from: '"Relais" <ne-pas-repondre@relais.demo>',
      to: 'personne3@relais.demo',
      text: 'Texte 3',
      html: expect.stringContaining('<p>HTML 3</p>') as unknown,
    });
    expect(new Date(devSentEmails[0].date).getTime()).not.toBeNaN();
    expect(files).toContain(devSentEmails[0].id);
  });

  it('composes the daily digest on demand, once a day per account', async () => {
    const first = await relais.graphql.data<{ devSendDailyDigests: number }>(SEND_DIGESTS);
    expect(Number.isInteger(first.devSendDailyDigests)).toBe(true);
    const again = await relais.graphql.data<{ devSendDailyDigests: number }>(SEND_DIGESTS);
    expect(again.devSendDailyDigests).toBe(0);
  });

  it('caps the page size like every list', async () => {
    const result = await relais.graphql.execute(QUERY, { first: 101 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the "Courriels envoyés" query without DEV_MAIL_DIR', () => {
  startFromEmptyTables();
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelaisWithMailFolder(undefined);
  });

  afterAll(async () => {
    await relais?.close();
  });

  it('serves nothing and composes no digest: FORBIDDEN, development only', async () => {
    for (const operation of [QUERY, SEND_DIGESTS]) {
      const result = await relais.graphql.execute(operation, { first: 5 });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'DEVELOPMENT_ONLY',
      });
    }
    const queued = await relais.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM email_delivery WHERE kind = 'DAILY_DIGEST'
        AND created_at > now() - interval '1 minute'`,
    );
    expect(queued[0].n).toBe(0);
  });
});
