import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import {
  auditScreen,
  launchBrowser,
  newDesk,
  personFollowedBy,
  screenshot,
  settle,
  signInAs,
  startWebRelais,
  writeAxeSummary,
  onFreshDemoCopy,
} from './browser-support.js';

// One session across the tabs of a browser, its idle end, and the way back (issue 15, item 2);
// then the web client with the keyboard alone, its sign-in included (the file of its own merged
// here so that the app boots once: docs/decisions/0021).
jest.setTimeout(120_000);

let relais: TestApp;
let browser: Browser;

describe('sessions', () => {
  onFreshDemoCopy();
  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.close();
  });

  describe('the browser session', () => {
    afterAll(async () => {
      await writeAxeSummary('sessions');
    });

    /** How many refresh tokens the session of this account has had (one per rotation). */
    async function rotations(email: string): Promise<number> {
      const [row] = await relais.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM refresh_token rt
         JOIN session s ON s.id = rt.session_id JOIN account a ON a.id = s.account_id
        WHERE a.email = $1 AND s.revoked_at IS NULL`,
        [email],
      );
      return row?.count ?? 0;
    }

    it('opens a file in a new tab without signing in again, and two tabs refreshing at once stay signed in', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const desk = await newDesk(browser);
      const first = await desk.newPage();
      await signInAs(first, relais.baseUrl, 'Claire Moreau');

      // Ctrl+click on a link of the caseload: a new tab of the same browser.
      await first.goto(`${relais.baseUrl}/accompagnements`);
      const link = first.getByRole('link', { name: `${person.givenName} ${person.familyName}` });
      const [second] = await Promise.all([
        desk.waitForEvent('page'),
        link.first().click({ modifiers: ['Control'] }),
      ]);
      await second
        .getByRole('heading', { level: 1, name: new RegExp(person.familyName) })
        .waitFor();
      expect(await second.getByRole('button', { name: 'Claire Moreau' }).count()).toBe(0);

      // A colleague's link, pasted in a third tab: the same.
      const third = await desk.newPage();
      await third.goto(`${relais.baseUrl}/personnes/${person.id}`);
      await third.getByRole('heading', { level: 1, name: new RegExp(person.familyName) }).waitFor();

      // Both tabs reload at the same moment, with no token to hand each other: each refreshes
      // from the cookie, and the session survives.
      await Promise.all([second.reload(), third.reload()]);
      for (const page of [second, third]) {
        await page
          .getByRole('heading', { level: 1, name: new RegExp(person.familyName) })
          .waitFor();
      }
      await first.goto(`${relais.baseUrl}/accompagnements`);
      await settle(first);
      expect(
        await first.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).count(),
      ).toBe(0);
      expect(await rotations('claire.moreau@relais.demo')).toBeGreaterThan(0);

      // Signing out in one tab signs every tab out.
      await first
        .getByRole('button', { name: 'Se déconnecter', includeHidden: true })
        .first()
        .click({ force: true });
      for (const page of [first, second, third]) {
        await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();
      }
      expect(await third.locator('main').textContent()).not.toContain(person.familyName);
      await desk.close();
    });

    it('ends the session in every tab when an old refresh token comes back after the grace', async () => {
      const desk = await newDesk(browser);
      const first = await desk.newPage();
      await signInAs(first, relais.baseUrl, 'Yanis Benali');
      const stolen = (await desk.cookies()).find((cookie) => cookie.name === 'relais_refresh');
      expect(stolen?.httpOnly).toBe(true);
      expect(stolen?.sameSite).toBe('Strict');
      // The only tab reloads: with no other tab to hand it a token, it refreshes from the
      // cookie, and the first refresh token is replaced. A second tab is handed the new one.
      await first.reload();
      await settle(first);
      const current = (await desk.cookies()).find((cookie) => cookie.name === 'relais_refresh');
      expect(current?.value).not.toBe(stolen?.value);
      const second = await desk.newPage();
      await second.goto(`${relais.baseUrl}/accompagnements`);
      await settle(second);

      // Past the grace, the copy taken earlier is presented elsewhere: the session ends.
      await relais.dataSource.query(
        `UPDATE refresh_token SET used_at = used_at - interval '11 seconds'
        WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
        [stolen?.value ?? ''],
      );
      const replay = await fetch(`${relais.baseUrl}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `relais_refresh=${stolen?.value}` },
        body: '{}',
      });
      expect(replay.status).toBe(401);
      // The tabs learn it at their next request (their live channel is closed at once).
      await first.goto(`${relais.baseUrl}/recherche`);
      for (const page of [first, second]) {
        await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();
      }
      await desk.close();
    });

    it('returns to the link opened while signed out once signed in', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const page = await (await newDesk(browser)).newPage();
      await page.goto(`${relais.baseUrl}/personnes/${person.id}/notes`);
      await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();
      await page.getByRole('button', { name: 'Claire Moreau', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(person.familyName) }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/personnes/${person.id}/notes`);
      await page.context().close();
    });

    it('warns before the idle sign-out, signs out after it, and gives back what was typed', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const desk = await newDesk(browser);
      const page: Page = await desk.newPage();
      // The page's clock, moved forward by the test instead of waiting half an hour.
      await page.clock.install();
      await signInAs(page, relais.baseUrl, 'Claire Moreau');
      await page.goto(`${relais.baseUrl}/personnes/${person.id}/notes`);
      await page.getByRole('heading', { level: 1, name: new RegExp(person.familyName) }).waitFor();
      await page.getByRole('button', { name: 'Ajouter une note' }).first().click();
      const typed = 'Rendez-vous pris avec la mission locale, à confirmer jeudi.';
      await page.getByLabel('Texte de la note (obligatoire)').fill(typed);

      // 28 minutes and a half without a click or a key: the warning, with the focus on it.
      await page.clock.fastForward('28:30');
      const warning = page.getByRole('alertdialog', {
        name: 'Votre session va bientôt prendre fin',
      });
      await warning.waitFor();
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Rester connecté');
      expect(await auditScreen(page, 'avertissement-inactivite')).toEqual([]);
      // Staying: the warning goes, the session goes on.
      await page.getByRole('button', { name: 'Rester connecté' }).click();
      await warning.waitFor({ state: 'detached' });

      // Then idle for good: signed out, the file gone from the screen.
      await page.clock.fastForward('31:00');
      await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();
      await page.getByText('après une période d’inactivité').waitFor();
      expect(await page.locator('main').textContent()).not.toContain(person.familyName);

      // Back in: the same page, and the note's text where it was once its form is open again.
      await page.getByRole('button', { name: 'Claire Moreau', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(person.familyName) }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/personnes/${person.id}/notes`);
      await page.getByRole('button', { name: 'Ajouter une note' }).first().click();
      const field = page.getByLabel('Texte de la note (obligatoire)');
      await field.waitFor();
      const deadline = Date.now() + 10_000;
      // Put back as the field appears (each read is a round trip to the page).
      while ((await field.inputValue()) !== typed && Date.now() < deadline);
      expect(await field.inputValue()).toBe(typed);
      await desk.close();
    });
  });

  /** Presses Tab until the focused element's text matches, as a keyboard user would look for it. */
  async function tabTo(page: Page, text: string | RegExp, most = 60): Promise<void> {
    for (let press = 0; press < most; press += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(
        "(document.activeElement?.innerText || document.activeElement?.getAttribute('aria-label') || '').trim()",
      );
      if (
        typeof focused === 'string' &&
        (typeof text === 'string' ? focused === text : text.test(focused))
      ) {
        return;
      }
    }
    throw new Error(`${String(text)} was not reached in ${most} presses of Tab`);
  }

  // With the keyboard alone: sign in, open a file from the caseload, open the handover form.
  describe('the web client with the keyboard alone', () => {
    it('signs in, opens a file and reaches the handover form without a mouse', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const fullName = `${person.givenName} ${person.familyName}`;
      const page = await (await newDesk(browser)).newPage();
      await page.goto(`${relais.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();

      await tabTo(page, 'Claire Moreau');
      await page.keyboard.press('Enter');
      // Everyone lands on "À traiter"; the caseload is the navigation's next item.
      await page.getByRole('heading', { level: 1, name: 'À traiter' }).waitFor();
      await tabTo(page, 'Mes accompagnements');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Mes accompagnements' }).waitFor();
      await page.getByRole('link', { name: fullName }).first().waitFor();

      await tabTo(page, fullName, 200);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: fullName }).waitFor();

      await tabTo(page, /^Proposer un passage de relais/);
      await page.keyboard.press('Enter');
      // The form opens with the focus on its first field: the structure to hand over to.
      const structureField = page.getByLabel('Structure d’accueil');
      await structureField.waitFor();
      await page.getByRole('button', { name: 'Proposer le passage' }).waitFor();
      // Run in the page (this file has no DOM types): is the field the focused element?
      const reached = await structureField.evaluate(
        (field: { ownerDocument: { activeElement: unknown } }) =>
          field === field.ownerDocument.activeElement,
      );
      expect(reached).toBe(true);
      await page.keyboard.press('ArrowDown');
      expect(await structureField.inputValue()).not.toBe('');
      await screenshot(page, 'clavier-formulaire-passage');
    });
  });
});
