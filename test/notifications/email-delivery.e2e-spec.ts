import { randomUUID } from 'node:crypto';
import { Role } from '@relais/identity';
import {
  EmailMode,
  EmailPreferenceRepository,
  type EmailSenderService,
  EventEmailsService,
  type OutboxDispatcherService,
} from '@relais/notifications';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addTeamMember,
  createPerson,
  createStructure,
  createTerritory,
  type ReceivedEmail,
  type SmtpTestServer,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import { type EmailingRelais, startEmailingRelais } from './email-support.js';
import { type Caseworker, caseworkerOf } from './notification-support.js';

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
