import { randomUUID } from 'node:crypto';
import { toStructure } from '@relais/core';
import { Role } from '@relais/identity';
import {
  EmailMode,
  EmailPreferenceRepository,
  type EmailSenderService,
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
import { DailyDigestService } from '../../apps/api/src/email/daily-digest.service.js';
import { type Caseworker, caseworkerOf } from './notification-support.js';

const PROPOSE = `mutation($input: ProposeHandoverInput!) {
  proposeHandover(input: $input) { id status }
}`;
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
