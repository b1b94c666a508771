import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import {
  launchBrowser,
  newDesk,
  personFollowedBy,
  screenshot,
  startWebRelais,
} from './browser-support.js';

jest.setTimeout(120_000);

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
  let relais: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.close();
  });

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
