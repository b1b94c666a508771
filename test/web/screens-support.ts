import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import {
  auditScreen,
  launchBrowser,
  newDesk,
  onFreshDemoCopy,
  openInApp,
  openSignedIn,
  personFollowedBy,
  settle,
  signInAs,
  startWebRelais,
  writeAxeSummary,
} from './browser-support.js';

/** The footer's legal links and the title of the page each opens, the longest first. */
const LEGAL_PAGES = [
  [/^Accessibilité/, 'Déclaration d’accessibilité'],
  ['Données personnelles', 'Données personnelles'],
  ['Mentions légales', 'Mentions légales'],
  ['Gestion des cookies', 'Gestion des cookies'],
  ['Plan du site', 'Plan du site'],
] as const;

interface Screen {
  readonly name: string;
  readonly path: string;
  readonly heading: string | RegExp;
}

/** The two widths the screens are audited at, each in its own jest file so two workers share them. */
export const SCREEN_WIDTHS = {
  desktop: ['', { width: 1280, height: 900 }],
  narrow: ['-320px', { width: 320, height: 720 }],
} as const;

/**
 * Every screen, as the persona who uses it, at a desktop size, and the main ones at 320 px:
 * axe-core finds no serious or critical violation, and a screenshot of each is written to
 * test-results/web/.
 */
export function describeScreens(width: keyof typeof SCREEN_WIDTHS): void {
  // Browsers are slow to drive on two cores: each test has minutes, not jest's default minute.
  jest.setTimeout(240_000);
  const [suffix, viewport] = SCREEN_WIDTHS[width];
  describe(`every screen of the web client${suffix ? ' at 320 px' : ''}`, () => {
    onFreshDemoCopy();
    let relais: TestApp;
    let browser: Browser;
    let personId: string;
    let personName: string;
    let handoverId: string;

    beforeAll(async () => {
      relais = await startWebRelais();
      browser = await launchBrowser();
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      personId = person.id;
      personName = `${person.givenName} ${person.familyName}`;
      const [handover] = await relais.dataSource.query<{ id: string }[]>(
        `SELECT h.id FROM handover h JOIN account a ON a.id = h.proposed_by_account_id
        WHERE a.email = 'claire.moreau@relais.demo' ORDER BY h.created_at DESC LIMIT 1`,
      );
      if (!handover) throw new Error('the demo has no handover proposed by Claire Moreau');
      handoverId = handover.id;
    });

    afterAll(async () => {
      await writeAxeSummary(`screens${suffix}`);
      await browser?.close();
      await relais?.close();
    });

    /** At 320 px, the screens a caseworker or an admin uses most (CI's time is counted). */
    const NARROW = new Set([
      'a-traiter',
      'accompagnements',
      'passage',
      'notifications',
      'admin-rattachements',
      'admin-clients-api',
    ]);

    async function visit(
      page: Page,
      screens: readonly Screen[],
      suffix: string,
    ): Promise<string[]> {
      const problems: string[] = [];
      for (const screen of screens.filter((one) => !suffix || NARROW.has(one.name))) {
        await openInApp(page, screen.path);
        await page.getByRole('heading', { level: 1, name: screen.heading }).waitFor();
        await settle(page);
        problems.push(...(await auditScreen(page, `${screen.name}${suffix}`)));
      }
      return problems;
    }

    /**
     * The screens as a persona whose sign-in is only the setup, in a browser context of their
     * own: signed in through the API and the first screen loaded directly (openSignedIn).
     */
    async function visitAs(
      persona: string,
      screens: readonly Screen[],
      suffix: string,
    ): Promise<string[]> {
      const first = screens.find((one) => !suffix || NARROW.has(one.name));
      if (!first) return [];
      const page = await (await newDesk(browser, viewport)).newPage();
      await openSignedIn(page, relais.baseUrl, persona, first.path);
      const problems = await visit(page, screens, suffix);
      await page.context().close();
      return problems;
    }

    /** Each part of the person's file, in turn, through its side menu. */
    async function visitFileTabs(page: Page, suffix: string): Promise<string[]> {
      const problems: string[] = [];
      await openInApp(page, `/personnes/${personId}`);
      await page.getByRole('heading', { level: 1, name: personName }).waitFor();
      await settle(page);
      const menu = page.getByRole('navigation', { name: 'Parties du dossier' });
      // The print view is audited by file-summary.web.ts, at both widths.
      const entries = menu
        .getByRole('link', { includeHidden: true })
        .filter({ hasNotText: 'Dossier à imprimer' });
      // At 320 px: identity, team and diagnostic, the parts with the widest content.
      const count = suffix ? Math.min(3, await entries.count()) : await entries.count();
      for (let index = 0; index < count; index += 1) {
        const entry = entries.nth(index);
        // At 320 px the menu folds behind its button: open it as a user would.
        const toggle = menu.getByRole('button', { name: 'Parties du dossier' });
        if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') {
          await toggle.click();
        }
        const label = ((await entry.textContent()) ?? `partie-${index}`).trim();
        await entry.click();
        await menu
          .locator('a[aria-current="page"]', { hasText: label })
          .waitFor({ state: 'attached' });
        await settle(page);
        const slug = label
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '');
        problems.push(...(await auditScreen(page, `dossier-${slug}${suffix}`)));
      }
      if (count === 0) problems.push(...(await auditScreen(page, `dossier${suffix}`)));
      return problems;
    }

    /**
     * The legal pages, each reached from the footer of the page before it, starting where the
     * page is (the sign-in page, or a screen signed in); back where it started at the end.
     */
    async function visitLegalPages(page: Page, name: string, audited: number): Promise<string[]> {
      const problems: string[] = [];
      const start = new URL(page.url()).pathname;
      for (const [index, [link, heading]] of LEGAL_PAGES.entries()) {
        await page.getByRole('contentinfo').getByRole('link', { name: link }).click();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await settle(page);
        expect(await page.getByRole('banner').count()).toBe(1);
        if (index < audited) {
          const slug = new URL(page.url()).pathname.slice(1);
          problems.push(...(await auditScreen(page, `${slug}-${name}${suffix}`)));
        }
      }
      await openInApp(page, start);
      return problems;
    }

    it(`reaches the legal pages from the footer, signed out and in, passing axe-core${suffix ? ' at 320 px' : ''}`, async () => {
      const page = await (await newDesk(browser, viewport)).newPage();
      await page.goto(`${relais.baseUrl}/connexion`);
      await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();
      // Signed out, every legal page from the sign-in page's footer, each audited.
      const problems = await visitLegalPages(page, 'hors-connexion', LEGAL_PAGES.length);
      await signInAs(page, relais.baseUrl, 'Claire Moreau');
      // Signed in, the same pages from the footer; the longest two audited in this layout.
      problems.push(...(await visitLegalPages(page, 'connecte', 2)));
      await page.context().close();
      expect(problems).toEqual([]);
    });

    it(`passes axe-core as a caseworker${suffix ? ' at 320 px' : ''}`, async () => {
      const page = await (await newDesk(browser, viewport)).newPage();
      await page.goto(`${relais.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).waitFor();
      await settle(page);
      const problems = await auditScreen(page, `connexion${suffix}`);
      await signInAs(page, relais.baseUrl, 'Claire Moreau');
      problems.push(
        ...(await visit(
          page,
          [
            { name: 'a-traiter', path: '/', heading: 'À traiter' },
            { name: 'accompagnements', path: '/accompagnements', heading: 'Mes accompagnements' },
            { name: 'recherche', path: '/recherche', heading: 'Rechercher une personne' },
            { name: 'passages', path: '/passages', heading: 'Passages de relais' },
            { name: 'passage', path: `/passages/${handoverId}`, heading: /passage/i },
            { name: 'notifications', path: '/notifications', heading: 'Notifications' },
            { name: 'mon-compte', path: '/mon-compte', heading: 'Mon compte' },
            { name: 'demandes', path: '/demandes', heading: /demandes/i },
            { name: 'page-introuvable', path: '/nulle-part', heading: 'Page introuvable' },
          ],
          suffix,
        )),
      );
      // A search with results: the minimal view, and "ask to join" for the others.
      await openInApp(page, '/recherche');
      await page.getByLabel('Nom, numéro CAF ou identifiant France Travail').fill('mar');
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      await settle(page);
      await page.getByRole('heading', { level: 2 }).first().waitFor();
      problems.push(...(await auditScreen(page, `recherche-resultats${suffix}`)));
      problems.push(...(await visitFileTabs(page, suffix)));
      await page.context().close();
      expect(problems).toEqual([]);
    });

    it(`passes axe-core as an orientation manager and as admins${suffix ? ' at 320 px' : ''}`, async () => {
      const problems: string[] = [];
      if (!suffix) {
        problems.push(
          ...(await visitAs(
            'Sophie Lambert',
            [{ name: 'demandes-orientation', path: '/demandes', heading: /demandes/i }],
            suffix,
          )),
        );
      }
      problems.push(
        ...(await visitAs(
          'Nadia Ferreira',
          [
            { name: 'admin-structures', path: '/admin/structures', heading: 'Structures' },
            { name: 'admin-comptes', path: '/admin/comptes', heading: 'Comptes et invitations' },
            {
              name: 'admin-rattachements',
              path: '/admin/rattachements',
              heading: 'Rattachements et rôles',
            },
            { name: 'admin-clients-api', path: '/admin/clients-api', heading: 'Clients API' },
            {
              name: 'admin-journal',
              path: '/admin/journal',
              heading: 'Journal d’administration',
            },
            {
              name: 'admin-courriels',
              path: '/admin/courriels',
              heading: 'Journal des courriels',
            },
          ],
          suffix,
        )),
      );
      if (suffix) {
        expect(problems).toEqual([]);
        return;
      }
      problems.push(
        ...(await visitAs(
          'Marc Guillou',
          [
            {
              name: 'admin-structure-rattachements',
              path: '/admin/rattachements',
              heading: 'Rattachements et rôles',
            },
          ],
          suffix,
        )),
      );
      expect(problems).toEqual([]);
    });
  });
}
