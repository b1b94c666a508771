import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { EmailSenderService } from '@relais/notifications';
import { type SmtpTestServer, startSmtpTestServer, type TestApp, waitUntil } from '@relais/testing';
import { launchBrowser, newDesk, startWebRelais, onFreshDemoCopy } from './browser-support.js';

// The invitation email end to end: an admin invites someone, the email reaches a real SMTP
// server, and its sign-in link opens the web client's sign-in page, where the invitee signs in.
jest.setTimeout(120_000);

const PUBLIC_URL = 'https://relais.example.test';

describe('the invitation email in the browser', () => {
  onFreshDemoCopy();
  let relais: TestApp;
  let smtp: SmtpTestServer;
  let browser: Browser;
  const previous = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL };

  beforeAll(async () => {
    smtp = await startSmtpTestServer();
    process.env.SMTP_URL = smtp.url;
    process.env.PUBLIC_URL = PUBLIC_URL;
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.close();
    await smtp?.close();
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('opens the sign-in page from the link in the email, and the invitee signs in', async () => {
    const [admin] = await relais.dataSource.query<{ account_id: string; structure_id: string }[]>(
      `SELECT account_id, structure_id FROM membership
        WHERE role = 'STRUCTURE_ADMIN' AND revoked_at IS NULL
        ORDER BY created_at, id LIMIT 1`,
    );
    const client = await relais.graphqlAs(admin?.account_id ?? '');
    const email = 'ines.roux.invitation@example.test';
    await client.data(
      `mutation($input: InviteAccountInput!) { inviteAccount(input: $input) { id } }`,
      {
        input: {
          invitee: { email, givenName: 'Inès', familyName: 'Roux' },
          role: 'PROFESSIONAL',
          structureId: admin?.structure_id,
        },
      },
    );
    await relais.app.get(EmailSenderService).sendDue();
    const received = await waitUntil(() =>
      smtp.messages().find((message) => message.envelope.to.includes(email)),
    );
    // The development link (the demo sign-in is on, as under npm start), on PUBLIC_URL's origin;
    // this in-process app is that Relais, on a port of its own.
    const links = received.text.match(/https:\/\/relais\.example\.test\/connexion\S*/g) ?? [];
    const devLink = links.find((link) => link.includes('email='));
    expect(devLink).toBeDefined();
    const url = new URL(devLink ?? '');
    expect(url.searchParams.get('email')).toBe(email);

    const page = await (await newDesk(browser)).newPage();
    await page.goto(`${relais.baseUrl}${url.pathname}${url.search}`);
    const address = page.getByLabel('Adresse électronique');
    await address.fill(email);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page
      .getByRole('button', { name: 'Se déconnecter', includeHidden: true })
      .first()
      .waitFor({ state: 'attached' });
    await page.context().close();
  });
});
