import { buffer } from 'node:stream/consumers';
import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { GraphqlHttpClient, TestApp } from '@relais/testing';
import {
  auditScreen,
  launchBrowser,
  newDesk,
  openSignedIn,
  settle,
  signInAs,
  startWebRelais,
  writeAxeSummary,
  onFreshDemoCopy,
} from './browser-support.js';

// "Mes accompagnements" as a working list (issue 19, item 3): sort, filter, count, export.
jest.setTimeout(180_000);

const CASELOAD = `query($filter: CaseloadFilterInput, $orderBy: CaseloadOrderInput) {
  caseload(first: 100, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { node { person { givenName familyName } } }
  }
}`;

interface Listed {
  total: number;
  people: { givenName: string; familyName: string }[];
}

/** The names of the table's rows, as shown. */
async function rowNames(page: Page): Promise<string[]> {
  return page.locator('table tbody tr td:first-child a').allTextContents();
}

describe('the caseload as a working list, in the browser', () => {
  onFreshDemoCopy();
  let relais: TestApp;
  let browser: Browser;
  let claire: GraphqlHttpClient;
  let claireId: string;

  /** What the API lists for Claire: the screen must show the same. */
  const listed = async (variables: Record<string, unknown>): Promise<Listed> => {
    const { caseload } = await claire.data<{
      caseload: { totalCount: number; edges: { node: { person: Listed['people'][number] } }[] };
    }>(CASELOAD, variables);
    return { total: caseload.totalCount, people: caseload.edges.map((edge) => edge.node.person) };
  };

  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
    const [account] = await relais.dataSource.query<{ id: string }[]>(
      `SELECT id FROM account WHERE email = 'claire.moreau@relais.demo'`,
    );
    claireId = account.id;
    claire = await relais.graphqlAs(claireId);
  });

  afterAll(async () => {
    await writeAxeSummary('caseload');
    await browser?.close();
    await relais?.close();
  });

  it('sorts by a column, filters, counts and exports what is listed; cards on a phone', async () => {
    const context = await newDesk(browser);
    const page = await context.newPage();
    await openSignedIn(page, relais.baseUrl, 'Claire Moreau', '/accompagnements');
    await settle(page);

    const all = await listed({});
    expect(all.total).toBeGreaterThan(1);
    await page
      .getByRole('status')
      .filter({ hasText: `${all.total} personnes` })
      .waitFor();

    // Sort by name: the header says so, the rows follow the API's order.
    await page.getByRole('button', { name: 'Nom', exact: true }).click();
    await page.locator('th[aria-sort="ascending"]', { hasText: 'Nom' }).waitFor();
    const byName = await listed({ orderBy: { field: 'NAME', direction: 'ASC' } });
    const expectedNames = byName.people
      .slice(0, 20)
      .map((person) => `${person.givenName} ${person.familyName}`);
    await page.getByRole('link', { name: expectedNames[0], exact: true }).waitFor();
    expect(await rowNames(page)).toEqual(expectedNames);

    // Contracts ended or ending: the count and the rows change.
    await page.getByLabel('Contrat échu ou à échéance (30 jours)').check();
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    const ending = await listed({
      filter: { contractEnding: true },
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    expect(ending.total).toBeGreaterThan(0);
    expect(ending.total).toBeLessThan(all.total);
    const unit = ending.total > 1 ? 'personnes' : 'personne';
    await page
      .getByRole('status')
      .filter({ hasText: `${ending.total} ${unit} correspondent aux filtres` })
      .waitFor();
    const endingNames = ending.people.map((p) => `${p.givenName} ${p.familyName}`);
    expect(await rowNames(page)).toEqual(endingNames.slice(0, 20));
    expect(await auditScreen(page, 'accompagnements-tri-filtre')).toEqual([]);

    // The CSV of what is listed: BOM, French headers, ';', the rows in the list's order.
    const [logBefore] = await relais.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM access_log WHERE account_id = $1 AND ground = 'CASELOAD_EXPORT'`,
      [claireId],
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter la liste (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^accompagnements-\d{4}-\d{2}-\d{2}\.csv$/);
    // Streamed from the shared Chromium (a remote browser has no local path for it).
    const bytes = await buffer(await download.createReadStream());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0].split(';').slice(0, 3)).toEqual(['Nom', 'Prénom', 'Année de naissance']);
    expect(lines[0]).toContain(';Fin du contrat;');
    expect(lines.slice(1).map((line) => line.split(';').slice(0, 2).join(' '))).toEqual(
      ending.people.map((p) => `${p.familyName} ${p.givenName}`),
    );
    const [logAfter] = await relais.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM access_log WHERE account_id = $1 AND ground = 'CASELOAD_EXPORT'`,
      [claireId],
    );
    expect(logAfter.n - logBefore.n).toBe(ending.total);

    // A phone: cards, every field labelled, and the order chosen from a list.
    await page.setViewportSize({ width: 320, height: 720 });
    const cards = page.getByRole('list', { name: 'Personnes accompagnées' });
    await cards.waitFor();
    expect(await page.locator('table').count()).toBe(0);
    expect(await cards.getByRole('listitem').count()).toBe(Math.min(ending.total, 20));
    await page.getByLabel('Trier par').waitFor();
    expect(await auditScreen(page, 'accompagnements-cartes-320px')).toEqual([]);
    await context.close();
  });

  it('loads a page’s code when first shown, never the admin screens’, and reloads once when a new version replaced it', async () => {
    const context = await newDesk(browser);
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await signInAs(page, relais.baseUrl, 'Claire Moreau');
    await page.goto(`${relais.baseUrl}/accompagnements`);
    await settle(page);
    expect(scripts.some((path) => /\/CaseloadPage-[^/]+\.js$/.test(path))).toBe(true);
    expect(
      scripts.filter((path) =>
        /Search|Structures|Accounts|Memberships|ApiClients|Audit|AccessLogBy|EmailDeliveries/.test(
          path,
        ),
      ),
    ).toEqual([]);

    // The search's code has gone since this tab opened (a new version was deployed): the tab
    // reloads at the search and shows it, instead of breaking.
    let refused = 0;
    await page.route(/\/assets\/SearchPage-[^/]+\.js$/, async (route) => {
      if (refused++ === 0) await route.fulfill({ status: 404, body: '' });
      else await route.continue();
    });
    const reloaded = page.waitForEvent('load');
    await page.getByRole('link', { name: 'Rechercher', exact: true }).first().click();
    await reloaded;
    await page.getByRole('heading', { level: 1, name: 'Rechercher une personne' }).waitFor();
    expect(refused).toBe(2);
    expect(new URL(page.url()).pathname).toBe('/recherche');
    await context.close();
  });
});
