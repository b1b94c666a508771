import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import {
  auditScreen,
  bellCount,
  launchBrowser,
  newDesk,
  personFollowedBy,
  screenshot,
  signInAs,
  startWebRelais,
  waitForBell,
  writeAxeSummary,
} from './browser-support.js';

// Two caseworkers at their desks, each in a browser context of their own. Nothing here
// reloads a page: what changes, changes live.
jest.setTimeout(120_000);

describe('a handover between two caseworkers, live in their browsers', () => {
  let relais: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await writeAxeSummary('handover-live');
    await browser?.close();
    await relais?.close();
  });

  it('one proposes, the other sees the bell change and accepts, the first sees the outcome', async () => {
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const fullName = `${person.givenName} ${person.familyName}`;
    const claire = await (await newDesk(browser)).newPage();
    const yanis = await (await newDesk(browser)).newPage();
    await signInAs(claire, relais.baseUrl, 'Claire Moreau');
    await signInAs(yanis, relais.baseUrl, 'Yanis Benali');
    const yanisUnread = await bellCount(yanis);
    const claireUnread = await bellCount(claire);

    // Claire opens the file from her caseload and proposes the handover, naming Yanis.
    await claire.getByRole('link', { name: 'Mes accompagnements' }).first().click();
    // The caseload shown first: the home may list the same person, with a link elsewhere.
    await claire.getByRole('heading', { level: 1, name: 'Mes accompagnements' }).waitFor();
    await claire.getByRole('link', { name: fullName }).first().click();
    await claire.getByRole('heading', { level: 1, name: fullName }).waitFor();
    await claire.getByRole('button', { name: 'Proposer un passage de relais' }).click();
    await claire
      .getByLabel('Structure d’accueil')
      .selectOption({ label: 'Mission locale Nantes Métropole' });
    await claire
      .getByLabel('Professionnel destinataire (facultatif)')
      .selectOption({ label: 'Yanis Benali' });
    await claire
      .getByLabel('Motif du passage')
      .fill('Projet d’apprentissage : suivi par la mission locale.');
    await claire.getByLabel('La personne a été informée de ce passage').check();
    expect(await auditScreen(claire, 'passage-proposition')).toEqual([]);
    await claire.getByRole('button', { name: 'Proposer le passage' }).click();
    await claire.getByRole('link', { name: 'Voir le passage' }).click();
    await claire.getByText('Proposé', { exact: true }).first().waitFor();

    // Yanis's bell counts one more, without a reload; he opens it and accepts.
    await waitForBell(yanis, yanisUnread + 1);
    await screenshot(yanis, 'passage-cloche-destinataire');
    await yanis.getByTestId('notification-bell').first().click();
    await yanis.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await yanis.getByRole('link', { name: 'Voir le passage' }).first().click();
    await yanis.getByText(fullName).first().waitFor();
    await yanis.getByRole('button', { name: 'Accepter', exact: true }).click();
    await yanis.getByLabel('Nouveau référent').selectOption({ label: 'Yanis Benali' });
    expect(await auditScreen(yanis, 'passage-acceptation')).toEqual([]);
    await yanis.getByRole('button', { name: 'Confirmer l’acceptation' }).click();
    await yanis.getByText('Accepté', { exact: true }).first().waitFor();

    // Claire, still on the handover's page, sees the outcome arrive, and her bell too.
    await claire.getByText('Accepté', { exact: true }).first().waitFor();
    await waitForBell(claire, claireUnread + 1);
    await screenshot(claire, 'passage-accepte-proposante');

    // What the browsers showed is what the database holds.
    const [row] = await relais.dataSource.query<{ status: string; referent: string }[]>(
      `SELECT h.status, a.email AS referent FROM handover h
         JOIN team_member tm ON tm.person_id = h.person_id AND tm.role = 'REFERENT' AND tm.left_at IS NULL
         JOIN account a ON a.id = tm.account_id
        WHERE h.person_id = $1 ORDER BY h.created_at DESC LIMIT 1`,
      [person.id],
    );
    expect(row).toEqual({ status: 'ACCEPTED', referent: 'yanis.benali@relais.demo' });
  });
});
