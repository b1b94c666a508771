import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import {
  auditScreen,
  launchBrowser,
  newDesk,
  personFollowedBy,
  settle,
  signInAs,
  startWebRelais,
  writeAxeSummary,
  onFreshDemoCopy,
} from './browser-support.js';

jest.setTimeout(120_000);

const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`;

/** The count a section of the home shows. */
async function sectionCount(page: Page, section: string): Promise<number> {
  return Number((await page.getByTestId(`count-${section}`).textContent())?.trim());
}

/** Signs in and waits for the home with its sections drawn. */
async function landOnHome(page: Page, baseUrl: string, persona: string): Promise<void> {
  await signInAs(page, baseUrl, persona);
  await page.getByRole('heading', { level: 1, name: 'À traiter' }).waitFor();
  await page.getByTestId('section-notifications').waitFor();
  await settle(page);
}

/** The headings of the home's sections, in order. */
async function sectionTitles(page: Page): Promise<string[]> {
  const titles = await page.locator('main h2').allTextContents();
  return titles.map((title) => title.replace(/\s*\d+\s*$/, '').trim());
}

describe('the home, "À traiter", per persona and live', () => {
  onFreshDemoCopy();
  let relais: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await writeAxeSummary('home');
    await browser?.close();
    await relais?.close();
  });

  it('the header: the name opens Mon compte, the bell says what it shows, sign-out leads to the sign-in page', async () => {
    const claire = await (await newDesk(browser)).newPage();
    await landOnHome(claire, relais.baseUrl, 'Claire Moreau');
    const header = claire.getByRole('banner');
    // The bell's accessible name begins with its visible text, then says what the number counts.
    // The header draws its tools twice (the bar, and the menu of narrow screens): the bar's.
    const bell = header.getByTestId('notification-bell').first();
    const count = Number((await bell.getByTestId('unread-count').textContent())?.trim());
    const name = `Notifications ${count} ${count > 1 ? 'non lues' : 'non lue'}`;
    expect(await header.getByRole('link', { name, exact: true }).getAttribute('data-testid')).toBe(
      'notification-bell',
    );
    const visible = (await bell.textContent())!.replace(
      (await bell.locator('.fr-sr-only').allTextContents()).join(''),
      '',
    );
    expect(name.startsWith(visible.replace(/\s+/g, ' ').trim())).toBe(true);

    await header.getByRole('link', { name: 'Claire Moreau – Mon compte' }).click();
    await claire.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await header.getByRole('button', { name: 'Se déconnecter' }).click();
    await claire.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();
    expect(new URL(claire.url()).pathname).toBe('/connexion');
    await claire.context().close();

    // On a narrow screen the bell stands beside the menu button, the menu closed.
    const narrow = await (await newDesk(browser, { width: 320, height: 720 })).newPage();
    await landOnHome(narrow, relais.baseUrl, 'Claire Moreau');
    const narrowBell = narrow.getByTestId('notification-bell-mobile');
    expect(await narrowBell.isVisible()).toBe(true);
    expect(await narrow.getByTestId('notification-bell').first().isVisible()).toBe(false);
    expect(await narrowBell.getAttribute('aria-label')).toBeNull();
    await narrow.getByRole('link', { name, exact: true }).and(narrowBell).click();
    await narrow.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await narrow.context().close();
  });

  it('lands each persona on what waits on them', async () => {
    const claire = await (await newDesk(browser)).newPage();
    await landOnHome(claire, relais.baseUrl, 'Claire Moreau');
    expect(await sectionTitles(claire)).toEqual([
      'Rendez-vous aujourd’hui et demain',
      'Passages de relais à décider',
      'Demandes pour rejoindre une équipe',
      'Actions en retard',
      'Contrats échus ou à échéance',
      'Demandes des personnes sur leurs droits',
      'Notifications non lues',
    ]);
    // Each item leads to the work: an overdue action to the file's plan.
    const overdue = claire.getByTestId('section-overdueActions');
    if ((await sectionCount(claire, 'overdueActions')) > 0) {
      const link = overdue.getByRole('link').first();
      expect(await link.getAttribute('href')).toMatch(/^\/personnes\/[0-9a-f-]+\/plan$/);
    }
    const problems = await auditScreen(claire, 'a-traiter-professionnelle');

    const sophie = await (await newDesk(browser)).newPage();
    await landOnHome(sophie, relais.baseUrl, 'Sophie Lambert');
    expect(await sectionTitles(sophie)).toEqual([
      'Demandes pour rejoindre une équipe',
      'Demandes d’orientation',
      'Notifications non lues',
    ]);
    problems.push(...(await auditScreen(sophie, 'a-traiter-orientation')));

    // A territory admin follows nobody: no section, what to do next, nothing to create.
    const nadia = await (await newDesk(browser)).newPage();
    await landOnHome(nadia, relais.baseUrl, 'Nadia Ferreira');
    expect(await sectionTitles(nadia)).toEqual(['Notifications non lues', 'Et maintenant\u202F?']);
    await nadia.getByRole('link', { name: 'Administration' }).last().waitFor();
    expect(await nadia.getByText(/créer/i).count()).toBe(0);
    problems.push(...(await auditScreen(nadia, 'a-traiter-administratrice')));
    expect(problems).toEqual([]);
  });

  it('counts a handover proposed to the structure admin’s structure at once, on the page and in the navigation', async () => {
    const marc = await (await newDesk(browser)).newPage();
    await landOnHome(marc, relais.baseUrl, 'Marc Guillou');
    expect(await sectionTitles(marc)).toEqual([
      'Passages de relais à décider',
      'Personnes orientées sans référent',
      'Demandes pour rejoindre une équipe',
      'Notifications non lues',
    ]);
    const before = await sectionCount(marc, 'incomingHandovers');

    // Claire, elsewhere, proposes a handover to France Travail Nantes Centre.
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const [ids] = await relais.dataSource.query<{ claire: string; structure: string }[]>(
      `SELECT (SELECT id FROM account WHERE email = 'claire.moreau@relais.demo') AS claire,
              (SELECT id FROM structure WHERE name = 'France Travail Nantes Centre') AS structure`,
    );
    const client = await relais.graphqlAs(ids.claire);
    await client.data(PROPOSE, {
      input: {
        personId: person.id,
        toStructureId: ids.structure,
        reason: 'Recherche d’emploi active : suivi par France Travail.',
        personInformed: true,
      },
    });

    // Marc's page and navigation count it without a reload.
    const section = marc.getByTestId('section-incomingHandovers');
    await section
      .getByTestId('count-incomingHandovers')
      .filter({ hasText: new RegExp(`^\\s*${before + 1}\\s*$`) })
      .waitFor();
    await section.getByRole('link', { name: `${person.givenName} ${person.familyName}` }).waitFor();
    const unassigned = await sectionCount(marc, 'unassignedPeople');
    await marc
      .getByRole('link', { name: `Passages de relais ${before + 1 + unassigned} à traiter` })
      .first()
      .waitFor({ state: 'attached' });
    expect(await auditScreen(marc, 'a-traiter-administrateur-structure')).toEqual([]);
  });
});
