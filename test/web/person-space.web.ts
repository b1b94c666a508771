import { jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EmailSenderService } from '@relais/notifications';
import { type TestApp, waitUntil } from '@relais/testing';
import {
  auditScreen,
  type CaughtMail,
  catchDevMail,
  launchBrowser,
  newDesk,
  openSignedIn,
  personFollowedBy,
  screenshot,
  settle,
  startWebRelais,
  writeAxeSummary,
  onFreshDemoCopy,
} from './browser-support.js';

// The person's space on a phone (issue 22): Claire Moreau invites a person she follows, the
// person opens the link from the development mail page, types the code emailed to them and
// reads their space at 320 px; a used or wrong link says so in plain words.
jest.setTimeout(240_000);

const PHONE = { width: 320, height: 720 };

describe('the person’s space in the browser, at 320 px', () => {
  onFreshDemoCopy();
  let mail: CaughtMail;
  let relais: TestApp;
  let browser: Browser;
  let phone: BrowserContext;
  let linkPath: string;
  let personId: string;
  /** The person's space, left open on their phone. */
  let personPage: Page;
  const violations: string[] = [];
  const address = `awa.espace.${Date.now()}@example.test`;

  beforeAll(async () => {
    mail = await catchDevMail();
    relais = await startWebRelais();
    browser = await launchBrowser();
    phone = await newDesk(browser, PHONE);
  });

  afterAll(async () => {
    await writeAxeSummary('person-space');
    await browser?.close();
    await relais?.close();
    await mail?.release();
  });

  const sendDue = () => relais.app.get(EmailSenderService).sendDue();

  /** The dev mail page's card of the newest email with this subject, once it has arrived. */
  async function emailCard(page: Page, subject: string | RegExp) {
    await page.goto(`${relais.baseUrl}/dev/courriels`);
    await page.getByRole('heading', { level: 1, name: 'Courriels envoyés' }).waitFor();
    const card = page.getByRole('article', { name: subject }).filter({ hasText: address }).first();
    await waitUntil(async () => {
      if (await card.count()) return true;
      await sendDue();
      await page.getByRole('button', { name: 'Actualiser' }).click();
      return false;
    }, 30_000);
    return card;
  }

  /** The code of the newest code email, as its subject gives it. */
  async function emailedCode(page: Page): Promise<string> {
    const card = await emailCard(page, /^Votre code de connexion Relais/);
    const subject = await card.getByRole('heading', { level: 2 }).textContent();
    const code = /(\d{6})/.exec(subject ?? '')?.[1];
    if (!code) throw new Error(`no code in « ${subject} »`);
    return code;
  }

  it('opens the invitation from the dev mail page, takes the emailed code and shows the space', async () => {
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    personId = person.id;
    const [claire] = await relais.dataSource.query<{ id: string }[]>(
      `SELECT id FROM account WHERE email = 'claire.moreau@relais.demo'`,
    );
    const referent = await relais.graphqlAs(claire?.id ?? '');
    // An appointment in three days, for the person to answer.
    await referent.data(
      `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`,
      {
        input: {
          personId: person.id,
          startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          durationMinutes: 45,
          withWhom: 'Claire Moreau',
          location: 'Maison de l’emploi, 2 rue de la Paix, Nantes',
        },
      },
    );

    // Claire Moreau invites the person from the file, on a phone too.
    const desk = await newDesk(browser, PHONE);
    const file = await desk.newPage();
    await openSignedIn(file, relais.baseUrl, 'Claire Moreau', `/personnes/${person.id}/identite`);
    const card = file.getByRole('region', { name: 'Espace personnel' });
    await card.getByText('Pas invitée').waitFor();
    violations.push(...(await auditScreen(file, 'dossier-espace-personnel-320px')));
    await card.getByRole('button', { name: 'Inviter la personne à son espace' }).click();
    await card.getByLabel('Adresse électronique de la personne').fill(address);
    await card.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await card.getByText(`Un lien a été envoyé à ${address}`).waitFor();
    await card.getByText('Actif').waitFor();
    await screenshot(file, 'dossier-espace-invite-320px');

    const mailbox = await phone.newPage();
    const invitation = await emailCard(mailbox, 'Votre espace personnel Relais');
    const link = invitation.locator('a[href*="/mon-espace/lien#"]').first();
    const href = (await link.getAttribute('href')) ?? '';
    const url = new URL(href);
    // PUBLIC_URL's origin: this in-process Relais listens on a port of its own.
    linkPath = `${url.pathname}${url.hash}`;
    expect(url.hash.length).toBeGreaterThan(20);

    const page = await phone.newPage();
    await page.goto(`${relais.baseUrl}${linkPath}`);
    await page.getByRole('heading', { level: 1, name: 'Ouvrir mon espace' }).waitFor();
    await page.getByText('Nous venons de vous envoyer un code par courriel').waitFor();
    // The token left the address bar at once.
    expect(new URL(page.url()).hash).toBe('');
    violations.push(...(await auditScreen(page, 'espace-lien-320px')));

    const code = await emailedCode(mailbox);
    await page.getByRole('textbox', { name: /^Code reçu par courriel/ }).fill(code);
    await page.getByRole('button', { name: 'Ouvrir mon espace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
    await settle(page);
    expect(new URL(page.url()).pathname).toBe('/mon-espace');
    await page.getByRole('heading', { level: 2, name: 'Qui vous accompagne' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Claire Moreau' }).waitFor();
    // No professional's navigation, a way to sign out.
    expect(await page.getByRole('link', { name: 'Mes accompagnements' }).count()).toBe(0);
    await page
      .getByRole('button', { name: 'Se déconnecter', includeHidden: true })
      .first()
      .waitFor({ state: 'attached' });
    for (const section of [
      'Vos rendez-vous',
      'Votre parcours',
      'Qui a consulté votre dossier',
      'Vos droits',
    ]) {
      await page.getByRole('heading', { level: 2, name: section }).waitFor();
    }
    // Claire Moreau opened the file to invite: the person reads it in plain words.
    await page
      .getByText(/^Le .+, Claire Moreau \(.+\) a consulté votre dossier\.$/)
      .first()
      .waitFor();
    violations.push(...(await auditScreen(page, 'espace-320px')));

    // The whole file, downloaded with the session's token.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger mon dossier (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    // A rectification request: sent, then listed with its state and due date.
    await page.getByRole('radio', { name: /^Corriger une information/ }).check({ force: true });
    await page
      .getByRole('textbox', { name: /^Expliquez votre demande/ })
      .fill('Mon adresse a changé : 3 rue des Lilas, Nantes.');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await page
      .getByRole('status')
      .getByText('Votre demande est envoyée.', { exact: false })
      .waitFor();
    await page.getByText('En attente de réponse').waitFor();
    await page.getByText(/^Demandé le .+\. Réponse attendue avant le .+\.$/).waitFor();

    // The presence answer, said back in a live region.
    const appointment = page.getByRole('article').filter({ hasText: 'Maison de l’emploi' });
    await appointment.getByRole('button', { name: 'Je viendrai' }).click();
    await appointment.getByRole('status').getByText('Vous avez répondu : je viendrai.').waitFor();
    const [answer] = await relais.dataSource.query<{ person_presence: string }[]>(
      `SELECT person_presence FROM appointment WHERE person_id = $1 AND location LIKE 'Maison de l’emploi%'`,
      [person.id],
    );
    expect(answer?.person_presence).toBe('COMING');

    await desk.close();

    // The Plan du site of a person: their space and the legal pages, nothing of the professionals'.
    await page.goto(`${relais.baseUrl}/plan-du-site`);
    await page.getByRole('heading', { level: 1, name: 'Plan du site' }).waitFor();
    await page.locator('main').getByRole('link', { name: 'Mon espace' }).waitFor();
    expect(await page.getByRole('link', { name: 'Mes accompagnements' }).count()).toBe(0);
    // A professional's page is not the person's: back to their space.
    await page.goto(`${relais.baseUrl}/accompagnements`);
    await page.getByRole('heading', { level: 1, name: 'Mon espace' }).waitFor();
    await mailbox.close();
    personPage = page;
    expect(violations).toEqual([]);
  });

  it('says a used link has served already, and a wrong one does not work, with what to do', async () => {
    // Another browser, signed out: the person's phone is signed in.
    const other = await newDesk(browser, PHONE);
    const page = await other.newPage();
    await page.goto(`${relais.baseUrl}${linkPath}`);
    await page.getByRole('heading', { level: 2, name: 'Ce lien a déjà servi' }).waitFor();
    await page.getByRole('link', { name: 'recevoir un code' }).waitFor();
    await page.getByText('demandez à votre référent').waitFor();
    violations.push(...(await auditScreen(page, 'espace-lien-deja-utilise-320px')));

    // A new document, as from the mailbox (the same path with another fragment would not load).
    await page.goto('about:blank');
    await page.goto(`${relais.baseUrl}/mon-espace/lien#${'x'.repeat(43)}`);
    await page.getByRole('heading', { level: 2, name: 'Ce lien ne marche pas' }).waitFor();

    await page.getByRole('link', { name: 'recevoir un code' }).click();
    await page.getByRole('heading', { level: 1, name: 'Se connecter à mon espace' }).waitFor();
    // Back from FranceConnect without a file found: the same words whatever the reason.
    await page.goto(`${relais.baseUrl}/mon-espace/connexion?erreur=franceconnect`);
    await page
      .getByRole('heading', { level: 2, name: 'Nous n’avons pas trouvé votre dossier' })
      .waitFor();
    await page
      .getByText('Demandez à votre référent d’activer votre espace.', { exact: false })
      .waitFor();
    await page.getByRole('heading', { level: 1, name: 'Se connecter à mon espace' }).waitFor();
    violations.push(...(await auditScreen(page, 'espace-connexion-320px')));
    await page.getByLabel('Votre adresse électronique').fill(address);
    await page.getByRole('button', { name: 'Recevoir un code' }).click();
    await page.getByRole('textbox', { name: /^Code reçu par courriel/ }).fill('000000');
    await page.getByRole('button', { name: 'Ouvrir mon espace' }).click();
    await page.getByText('Ce code n’est pas le bon').first().waitFor();
    await screenshot(page, 'espace-code-faux-320px');
    await other.close();
    expect(violations).toEqual([]);
  });

  it('signs the person out at once when the referent deactivates the space', async () => {
    const desk = await newDesk(browser, PHONE);
    const file = await desk.newPage();
    await openSignedIn(file, relais.baseUrl, 'Claire Moreau', `/personnes/${personId}/identite`);
    const card = file.getByRole('region', { name: 'Espace personnel' });
    await card.getByText('Actif').waitFor();
    await card.getByRole('button', { name: 'Désactiver l’espace' }).click();
    await card.getByRole('button', { name: 'Confirmer la désactivation' }).click();
    await card.getByText('Désactivé').waitFor();
    await desk.close();
    // At once, without a click or a reload: the server closes the person's live connection,
    // the renewal is refused, and their tab is back on their sign-in page.
    await personPage
      .getByRole('heading', { level: 1, name: 'Se connecter à mon espace' })
      .waitFor();
  });
});
