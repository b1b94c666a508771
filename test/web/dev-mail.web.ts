import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import { waitUntil } from '@relais/testing';
import { createTransport } from 'nodemailer';
import {
  type CaughtMail,
  catchDevMail,
  launchBrowser,
  newDesk,
  screenshot,
  startWebRelais,
  onFreshDemoCopy,
} from './browser-support.js';

// The development page "Courriels envoyés", reached from the sign-in page as a newcomer would.
jest.setTimeout(120_000);

describe('the caught emails in the browser', () => {
  onFreshDemoCopy();
  let mail: CaughtMail;
  let relais: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    mail = await catchDevMail();
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.close();
    await mail?.release();
  });

  it('shows each email with its recipient, its text and its HTML in a sandboxed frame, and the daily digest on demand', async () => {
    await createTransport({ url: mail.catcher.url }).sendMail({
      from: 'Relais <ne-pas-repondre@relais.demo>',
      to: 'nouvelle.collegue@exemple.fr',
      subject: 'Vous êtes invitée sur Relais',
      text: 'Bonjour, suivez ce lien pour vous connecter.',
      html: '<p>Bonjour, <a href="https://relais.demo/connexion">connectez-vous</a>.</p><script>document.title = "x"</script>',
    });

    const page = await (await newDesk(browser)).newPage();
    await page.goto(`${relais.baseUrl}/`);
    await page.getByRole('link', { name: 'Courriels envoyés' }).click();
    await page.getByRole('heading', { level: 1, name: 'Courriels envoyés' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Vous êtes invitée sur Relais' }).waitFor();
    await page.getByText('nouvelle.collegue@exemple.fr').waitFor();

    // The demo's own emails are listed too: this one is read in its card.
    const card = page.getByRole('article', { name: 'Vous êtes invitée sur Relais' });
    const frame = card.locator('iframe[title^="Version HTML"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await card.frameLocator('iframe[title^="Version HTML"]').getByText('connectez-vous').waitFor();
    await page.getByText('Bonjour, suivez ce lien pour vous connecter.').waitFor();
    // Its address opens it directly too (a bookmark, a reload).
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Vous êtes invitée sur Relais' }).waitFor();
    // No axe audit here: axe waits forever for a frame it cannot script (sandbox="").
    await screenshot(page, 'courriels-envoyes');

    // The daily digest, without waiting for the morning: the demo's unread notifications.
    await page
      .getByRole('button', { name: 'Envoyer le récapitulatif quotidien maintenant' })
      .click();
    await page
      .getByRole('status')
      .getByText(/récapitulatifs? en cours d’envoi/)
      .waitFor();
    const digest = page.getByRole('heading', { level: 2, name: /^Votre récapitulatif Relais du / });
    await waitUntil(async () => {
      await page.getByRole('button', { name: 'Actualiser' }).click();
      return (await digest.count()) > 0;
    }, 30_000);
    await page.context().close();
  });
});
