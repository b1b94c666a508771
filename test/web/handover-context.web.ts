import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import {
  auditScreen,
  bellCount,
  eventsDispatched,
  launchBrowser,
  newDesk,
  openSignedIn,
  personFollowedBy,
  screenshot,
  settle,
  signInAs,
  startWebRelais,
  waitForBell,
  writeAxeSummary,
  onFreshDemoCopy,
} from './browser-support.js';

// A handover that carries its context (issue 19, item 4): Claire proposes with a summary and a
// preview; Yanis, at the receiving structure, reads both, accepts with the orientation and the
// contract changed, and the file shows them.
jest.setTimeout(150_000);

const SITUATION = 'Sans emploi depuis deux ans, cherche un apprentissage en logistique.';
const EXPECTED = 'Reprendre le projet d’apprentissage avec la mission locale.';

/** Audits the screen as it is at 1280 px, then at 320 px, and goes back to 1280 px. */
async function auditBothWidths(page: Page, screen: string): Promise<string[]> {
  const wide = await auditScreen(page, screen);
  await page.setViewportSize({ width: 320, height: 900 });
  const narrow = await auditScreen(page, `${screen}-320`);
  await page.setViewportSize({ width: 1280, height: 900 });
  return [...wide, ...narrow];
}

// Then a plain handover between the two, live in their browsers (its own file merged here so
// that the app boots once: docs/decisions/0021; personFollowedBy picks another of Claire's files,
// the first one now Yanis's). axe's findings of both in axe-handover-context.json.
let relais: TestApp;
let browser: Browser;

describe('handover context', () => {
  onFreshDemoCopy();
  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await writeAxeSummary('handover-context');
    await browser?.close();
    await relais?.close();
  });

  describe('a handover with a summary and a preview, accepted with orientation and contract', () => {
    it('proposes with context, previews, accepts, and the file follows', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const claire = await (await newDesk(browser)).newPage();
      const yanis = await (await newDesk(browser)).newPage();
      await openSignedIn(claire, relais.baseUrl, 'Claire Moreau', `/personnes/${person.id}`);
      await signInAs(yanis, relais.baseUrl, 'Yanis Benali');

      // Claire proposes from the file, with a summary and three parts to preview.
      await settle(claire);
      await claire.getByRole('button', { name: 'Proposer un passage de relais' }).click();
      await claire
        .getByLabel('Structure d’accueil')
        .selectOption({ label: 'Mission locale Nantes Métropole' });
      await claire
        .getByLabel('Professionnel destinataire (facultatif)')
        .selectOption({ label: 'Yanis Benali' });
      await claire.getByLabel('Motif du passage').fill('Projet d’apprentissage.');
      await claire.getByLabel('Situation de la personne').fill(SITUATION);
      await claire.getByLabel('Ce qui a été fait').fill('Diagnostic et CER signé.');
      await claire.getByLabel('Ce qui est attendu').fill(EXPECTED);
      await claire.getByLabel('Plan d’action').check();
      await claire.getByLabel('Contrat', { exact: true }).check();
      await claire.getByLabel('Freins (hors thèmes sensibles)').check();
      await claire.getByLabel('La personne a été informée de ce passage').check();
      expect(await auditBothWidths(claire, 'passage-contexte-proposition')).toEqual([]);
      await claire.getByRole('button', { name: 'Proposer le passage' }).click();
      const link = claire.getByRole('link', { name: 'Voir le passage' });
      const href = await link.getAttribute('href');
      expect(href).toMatch(/^\/passages\//);

      // Yanis reads the summary and the preview (its contracts), then accepts with changes.
      await yanis.goto(`${relais.baseUrl}${href}`);
      await settle(yanis);
      await yanis.getByRole('heading', { name: 'Synthèse du passage' }).waitFor();
      await yanis.getByText(SITUATION).waitFor();
      await yanis.getByText(EXPECTED).waitFor();
      await yanis.getByRole('heading', { name: 'Aperçu du dossier' }).waitFor();
      await yanis.getByRole('heading', { name: 'Contrats', level: 3 }).waitFor();
      expect(await auditBothWidths(yanis, 'passage-contexte-apercu')).toEqual([]);
      await yanis.getByRole('button', { name: 'Accepter', exact: true }).click();
      await yanis.getByLabel('Nouveau référent').selectOption({ label: 'Yanis Benali' });
      await yanis
        .getByLabel('Orientation de la personne')
        .selectOption({ label: 'Professionnelle' });
      await yanis
        .getByLabel('Structure d’orientation')
        .selectOption({ label: 'Mission locale Nantes Métropole' });
      await yanis.getByLabel('Clore le contrat en cours').check();
      await yanis
        .getByLabel('Ouvrir un nouveau contrat')
        .selectOption({ label: 'CEJ (contrat d’engagement jeune)' });
      const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
      await yanis.getByLabel('Fin du nouveau contrat (facultative)').fill(nextYear);
      expect(await auditBothWidths(yanis, 'passage-contexte-acceptation')).toEqual([]);
      await yanis.getByRole('button', { name: 'Confirmer l’acceptation' }).click();
      await yanis.getByText('Accepté', { exact: true }).first().waitFor();
      // Once answered, the preview is no longer shown.
      await yanis.getByText('L’aperçu n’est plus consultable').waitFor();

      // The file, opened by its new referent, says the new orientation and contract.
      await yanis.getByRole('link', { name: 'Ouvrir le dossier' }).click();
      await settle(yanis);
      await yanis.getByText(/CEJ/).first().waitFor();
      await yanis.getByText('Professionnelle', { exact: true }).first().waitFor();
      const [file] = await relais.dataSource.query<
        { orientation_type: string; structure: string; contracts: string[] }[]
      >(
        `SELECT p.orientation_type, s.name AS structure,
          array(SELECT c.type || ':' || coalesce(c.ends_on::text, '') FROM contract c
                 WHERE c.person_id = p.id AND (c.ends_on IS NULL OR c.ends_on > current_date)) AS contracts
         FROM person p JOIN structure s ON s.id = p.orientation_structure_id WHERE p.id = $1`,
        [person.id],
      );
      expect(file).toEqual({
        orientation_type: 'PROFESSIONAL',
        structure: 'Mission locale Nantes Métropole',
        contracts: [`CEJ:${nextYear}`],
      });
    });
  });

  // Two caseworkers at their desks, each in a browser context of their own. Nothing here
  // reloads a page: what changes, changes live.

  describe('a handover between two caseworkers, live in their browsers', () => {
    it('one proposes, the other sees the bell change and accepts, the first sees the outcome', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const fullName = `${person.givenName} ${person.familyName}`;
      const claire = await (await newDesk(browser)).newPage();
      const yanis = await (await newDesk(browser)).newPage();
      // The first test's acceptance notified them too: its notifications are in before counting.
      await eventsDispatched(relais);
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
});
