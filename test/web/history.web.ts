import { ofName } from '@relais/core';
import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import {
  auditScreen,
  launchBrowser,
  newDesk,
  openSignedIn,
  personFollowedBy,
  settle,
  signInAs,
  startWebRelais,
  writeAxeSummary,
  onFreshDemoCopy,
} from './browser-support.js';

// Readable history and access (issue 19, item 5): the former referent's "Anciens
// accompagnements" and the territory admins' access log by person, each audited at 1280 and 320.
jest.setTimeout(180_000);

const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`;
const ACCEPT = `mutation($input: AcceptHandoverInput!) { acceptHandover(input: $input) { id } }`;
const OPEN = `query($id: ID!) { person(id: $id) { id } }`;

/** Axe at 1280 px, then at 320 px, on the screen as it is. */
async function auditBothWidths(page: Page, name: string): Promise<string[]> {
  await page.setViewportSize({ width: 1280, height: 900 });
  const problems = await auditScreen(page, name);
  await page.setViewportSize({ width: 320, height: 720 });
  await settle(page);
  problems.push(...(await auditScreen(page, `${name}-320px`)));
  await page.setViewportSize({ width: 1280, height: 900 });
  return problems;
}

describe('readable history and access in the browser', () => {
  onFreshDemoCopy();
  let relais: TestApp;
  let browser: Browser;
  let person: { id: string; givenName: string; familyName: string };
  let fullName: string;

  const accountId = async (email: string): Promise<string> =>
    (
      await relais.dataSource.query<{ id: string }[]>(`SELECT id FROM account WHERE email = $1`, [
        email,
      ])
    )[0].id;

  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
    person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    fullName = `${person.givenName} ${person.familyName}`;
    // Claire reads the file, then hands it over to Yanis Benali, who accepts: through the API.
    const claire = await relais.graphqlAs(await accountId('claire.moreau@relais.demo'));
    const yanisId = await accountId('yanis.benali@relais.demo');
    const [missionLocale] = await relais.dataSource.query<{ id: string }[]>(
      `SELECT id FROM structure WHERE name = 'Mission locale Nantes Métropole'`,
    );
    await claire.data(OPEN, { id: person.id });
    await claire.data(OPEN, { id: person.id });
    const { proposeHandover } = await claire.data<{ proposeHandover: { id: string } }>(PROPOSE, {
      input: {
        personId: person.id,
        toStructureId: missionLocale.id,
        toAccountId: yanisId,
        reason: 'Projet d’apprentissage : la mission locale prend le relais.',
        personInformed: true,
      },
    });
    const yanis = await relais.graphqlAs(yanisId);
    await yanis.data(ACCEPT, { input: { handoverId: proposeHandover.id } });
  });

  afterAll(async () => {
    await writeAxeSummary('history');
    await browser?.close();
    await relais?.close();
  });

  it('lists the person handed over in "Anciens accompagnements", read-only until a date, then no more', async () => {
    const page = await (await newDesk(browser)).newPage();
    await signInAs(page, relais.baseUrl, 'Claire Moreau');
    await page.getByRole('link', { name: 'Anciens accompagnements' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Anciens accompagnements' }).waitFor();
    const entry = page.getByRole('listitem').filter({ hasText: fullName });
    await entry.getByText(/Lecture seule jusqu’au \d{1,2} \S+ \d{4}/).waitFor();
    await entry.getByText(/à Yanis Benali \(Mission locale Nantes Métropole\)/).waitFor();
    await settle(page);
    const problems = await auditBothWidths(page, 'anciens-accompagnements');

    // 31 days after the handover, the file is no longer theirs to read: gone from the list.
    await relais.dataSource.query(
      `UPDATE team_member SET left_at = left_at - interval '31 days'
        WHERE person_id = $1 AND role = 'REFERENT' AND left_reason = 'HANDOVER'
          AND account_id = (SELECT id FROM account WHERE email = 'claire.moreau@relais.demo')`,
      [person.id],
    );
    await page.reload();
    await settle(page);
    await page.getByRole('heading', { level: 1, name: 'Anciens accompagnements' }).waitFor();
    expect(await page.getByRole('link', { name: fullName }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('opens the access log by person to the territory admin, grouped by day, and records it', async () => {
    const nadia = await (await newDesk(browser)).newPage();
    await openSignedIn(nadia, relais.baseUrl, 'Nadia Ferreira', '/admin/journal-acces');
    await nadia
      .getByRole('heading', { level: 1, name: 'Journal des accès par personne' })
      .waitFor();
    await nadia.getByLabel('Nom ou identifiant de la personne').fill(person.familyName);
    await nadia.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await nadia.getByRole('link', { name: fullName }).click();
    await nadia
      .getByRole('heading', { level: 2, name: `Consultations du dossier ${ofName(fullName)}` })
      .waitFor();
    const claireRow = nadia.getByRole('row').filter({ hasText: 'Claire Moreau' });
    await claireRow
      .getByText(/\d+ fois/)
      .first()
      .waitFor();
    await settle(nadia);
    const problems = await auditBothWidths(nadia, 'admin-journal-acces');

    const [{ n }] = await relais.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM admin_audit_event
        WHERE action = 'access_log.consult' AND subject_id = $1`,
      [person.id],
    );
    expect(n).toBeGreaterThan(0);

    // A caseworker is refused the screen.
    const claire = await (await newDesk(browser)).newPage();
    await openSignedIn(claire, relais.baseUrl, 'Claire Moreau', '/admin/journal-acces');
    await claire.getByRole('heading', { level: 2, name: 'Accès refusé' }).waitFor();
    expect(problems).toEqual([]);
  });
});
