import { Role } from '@relais/identity';
import { EmailSenderService } from '@relais/notifications';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  createAccount,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type SmtpTestServer,
  startSmtpTestServer,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

const PUBLIC_URL = 'https://relais.example.test';
const PAGE = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const INVITE = `mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { id accountId } }`;
const RESEND = `mutation($id: ID!) { resendInvitation(invitationId: $id) }`;

// Inviting someone emails them a sign-in link, through a real SMTP server; the admin may send it
// again until the invitee signs in.
describe('the invitation email', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let smtp: SmtpTestServer;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let admin: GraphqlHttpClient;
  let otherAdmin: GraphqlHttpClient;
  let counter = 0;
  const previous = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL };

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    process.env.SMTP_URL = smtp.url;
    process.env.PUBLIC_URL = PUBLIC_URL;
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource);
    structure = await createStructure(relais.dataSource, territory, { name: 'CCAS de Rezé' });
    const other = await createStructure(relais.dataSource, territory);
    const adminAccount = await createAccount(
      relais.dataSource,
      [{ role: Role.STRUCTURE_ADMIN, structure }],
      { givenName: 'Odile', familyName: 'Marchand' },
    );
    admin = await relais.graphqlAs(adminAccount.id);
    const otherAccount = await createAccount(relais.dataSource, [
      { role: Role.STRUCTURE_ADMIN, structure: other },
    ]);
    otherAdmin = await relais.graphqlAs(otherAccount.id);
  });

  afterAll(async () => {
    await relais.close();
    await smtp.close();
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const sendDue = () => relais.app.get(EmailSenderService).sendDue();

  async function invite(): Promise<{ id: string; accountId: string; email: string }> {
    counter += 1;
    const email = `invitee.email${counter}@example.test`;
    const { inviteAccount } = await admin.data<{
      inviteAccount: { id: string; accountId: string };
    }>(INVITE, {
      input: {
        invitee: { email, givenName: 'Inès', familyName: 'Roux' },
        role: Role.PROFESSIONAL,
        structureId: structure.id,
      },
    });
    return { ...inviteAccount, email };
  }

  const sentTo = (address: string) =>
    smtp.messages().filter((message) => message.envelope.to.includes(address));

  it('sends exactly one email to the invitee, whose sign-in link opens the web client', async () => {
    const invitation = await invite();
    await sendDue();
    await waitUntil(() => sentTo(invitation.email).length >= 1);
    expect(await sendDue()).toMatchObject({ claimed: 0 });
    const [received, ...more] = sentTo(invitation.email);
    expect(more).toHaveLength(0);
    expect(received?.text).toContain('Inès');
    expect(received?.text).toContain('Odile Marchand');
    expect(received?.text).toContain('CCAS de Rezé');
    expect(received?.text).toContain('Professionnel ou professionnelle');
    const link = received?.text.match(/https:\/\/relais\.example\.test\/connexion\S*/)?.[0];
    expect(link).toBeDefined();
    // The link is PUBLIC_URL's; this in-process app is that Relais, on a port of its own.
    const url = new URL(link ?? '');
    const response = await fetch(`${relais.baseUrl}${url.pathname}${url.search}`, {
      headers: { accept: PAGE },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const [row] = await relais.dataSource.query<{ dedupe_key: string; status: string }[]>(
      `SELECT dedupe_key, status FROM email_delivery WHERE to_address = $1`,
      [invitation.email],
    );
    expect(row).toEqual({ dedupe_key: `invitation:${invitation.id}:1`, status: 'SENT' });
  });

  it('sends it again on demand, as a second email', async () => {
    const invitation = await invite();
    const { resendInvitation } = await admin.data<{ resendInvitation: number }>(RESEND, {
      id: invitation.id,
    });
    expect(resendInvitation).toBe(2);
    // The email.send job runs too (SMTP_URL is set): either may send them.
    await sendDue();
    await waitUntil(() => sentTo(invitation.email).length >= 2);
    const received = sentTo(invitation.email);
    expect(received).toHaveLength(2);
    expect(received[1]?.text).toContain('/connexion');
  });

  it('refuses to resend once the invitee has signed in', async () => {
    const invitation = await invite();
    await relais.dataSource.query(
      `UPDATE account SET oidc_issuer = 'https://proconnect.example.test', oidc_subject = $2
        WHERE id = $1`,
      [invitation.accountId, `subject-${invitation.accountId}`],
    );
    const result = await admin.execute(RESEND, { id: invitation.id });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVITATION_ACCEPTED',
    });
  });

  it('refuses to resend once the membership was revoked', async () => {
    const invitation = await invite();
    await relais.dataSource.query(
      `UPDATE membership SET revoked_at = now()
        WHERE id = (SELECT membership_id FROM invitation WHERE id = $1)`,
      [invitation.id],
    );
    const result = await admin.execute(RESEND, { id: invitation.id });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'INVITATION_REVOKED',
    });
  });

  it('refuses the admin of another structure', async () => {
    const invitation = await invite();
    const result = await otherAdmin.execute(RESEND, { id: invitation.id });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await sendDue();
    expect(
      (
        await relais.dataSource.query<unknown[]>(
          `SELECT 1 FROM email_delivery WHERE to_address = $1`,
          [invitation.email],
        )
      ).length,
    ).toBe(1);
  });

  it('refuses an invalid email address, naming the field and sending nothing', async () => {
    // The earlier tests' invitations may still be on their way (the email.send job sends too):
    // count once every queued email has reached the server.
    await sendDue();
    await waitUntil(async () => {
      const [{ sent, queued }] = await relais.dataSource.query<{ sent: number; queued: number }[]>(
        `SELECT count(*) FILTER (WHERE status = 'SENT')::int AS sent,
                count(*) FILTER (WHERE status NOT IN ('SENT', 'FAILED'))::int AS queued
           FROM email_delivery`,
      );
      return queued === 0 && smtp.messages().length >= sent;
    });
    const before = smtp.messages().length;
    const result = await admin.execute(INVITE, {
      input: {
        invitee: { email: 'pas-une-adresse', givenName: 'Inès', familyName: 'Roux' },
        role: Role.PROFESSIONAL,
        structureId: structure.id,
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(String(result.errors?.[0]?.extensions?.field)).toMatch(/email$/);
    expect(await sendDue()).toMatchObject({ claimed: 0 });
    expect(smtp.messages()).toHaveLength(before);
    expect(smtp.messages().some((message) => message.envelope.to.includes('pas-une-adresse'))).toBe(
      false,
    );
  });
});
