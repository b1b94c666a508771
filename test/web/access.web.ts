import { jest } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { SessionService } from '@relais/identity';
import { type TestApp, waitUntil } from '@relais/testing';
import {
  auditScreen,
  launchBrowser,
  newDesk,
  openSignedIn,
  personFollowedBy,
  screenshot,
  startWebRelais,
  writeAxeSummary,
  onFreshDemoCopy,
} from './browser-support.js';

// Need-to-know access, as a person at a screen meets it (DOMAIN.md, access rules 1 and 5).
jest.setTimeout(120_000);

/** What a file one may not open says, whether it exists or not. */
const UNREACHABLE = 'Dossier introuvable ou non accessible';

// With a person's rights request answered from the file, first (its own file merged here so that
// the app boots once: docs/decisions/0021; access then revokes Claire's membership). axe's
// findings of both in axe-access.json.
let relais: TestApp;
let browser: Browser;

describe('access', () => {
  onFreshDemoCopy();
  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await writeAxeSummary('access');
    await browser?.close();
    await relais?.close();
  });

  const REQUEST = `mutation($input: RequestRightInput!) { requestRight(input: $input) { id } }`;

  // The referent answers a person's request from the file (issue 22): the request in the person's
  // words, the answer checked before it is sent, then the request shown answered.
  describe('a person’s rights request, answered from the file', () => {
    it('shows the request to Claire, says a missing answer under its field, and records the answer', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const tokens = await relais.dataSource.transaction((manager) =>
        relais.app.get(SessionService).startForPersonWithin(manager, person.id, ['test']),
      );
      await relais.graphql
        .withHeaders({ authorization: `Bearer ${tokens.accessToken}` })
        .data(REQUEST, {
          input: { kind: 'RECTIFICATION', details: 'Mon numéro de téléphone a changé.' },
        });

      const page = await (await newDesk(browser)).newPage();
      await openSignedIn(page, relais.baseUrl, 'Claire Moreau', `/personnes/${person.id}/identite`);
      const section = page.getByRole('region', { name: 'Demandes de la personne' });
      await section.getByText('Mon numéro de téléphone a changé.').waitFor();
      expect(await section.getByText('À traiter', { exact: true }).count()).toBe(1);
      expect(await auditScreen(page, 'rights-request-to-answer')).toEqual([]);

      // No answer: said under the field, nothing sent.
      await section.getByRole('button', { name: /^Accepter/ }).click();
      await section
        .getByText(/Réponse à la personne/)
        .first()
        .waitFor();
      expect(await section.locator('[aria-invalid="true"]').count()).toBe(1);

      await section.getByLabel(/Réponse à la personne/).fill('C’est corrigé dans votre dossier.');
      await section.getByRole('button', { name: /^Accepter/ }).click();
      await page.getByText('Demande acceptée').waitFor();
      await section.getByText('Acceptée', { exact: true }).waitFor();
      await section.getByText(/C’est corrigé dans votre dossier\./).waitFor();
      const [row] = await relais.dataSource.query<{ status: string; answer: string }[]>(
        `SELECT status, answer FROM rights_request WHERE person_id = $1`,
        [person.id],
      );
      expect(row).toEqual({ status: 'ACCEPTED', answer: 'C’est corrigé dans votre dossier.' });
    });
  });

  describe('access in the browser', () => {
    it('a professional outside the team cannot open a file by typing its address', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const [{ outside }] = await relais.dataSource.query<{ outside: boolean }[]>(
        `SELECT NOT EXISTS (SELECT 1 FROM team_member tm JOIN account a ON a.id = tm.account_id
                           WHERE tm.person_id = $1 AND a.email = 'yanis.benali@relais.demo') AS outside`,
        [person.id],
      );
      expect(outside).toBe(true);
      for (const [name, email] of [
        ['Yanis Benali', 'yanis.benali@relais.demo'],
        ['Léa Brunet', 'lea.brunet@relais.demo'],
      ] as const) {
        const page = await (await newDesk(browser)).newPage();
        await openSignedIn(page, relais.baseUrl, name, `/personnes/${person.id}`);
        await page.getByRole('heading', { level: 1, name: UNREACHABLE }).waitFor();
        await page.getByText('Ce dossier est introuvable ou non accessible.').waitFor();
        // Nothing of the file reached the page: not even the name.
        expect(await page.locator('main').textContent()).not.toContain(person.familyName);
        expect(await auditScreen(page, `dossier-refuse-${email.split('@')[0]}`)).toEqual([]);
        await page.context().close();
      }
    });

    it('says the same of a mistyped or unknown file address, without an error code', async () => {
      const page = await (await newDesk(browser)).newPage();
      for (const [index, id] of [
        'pas-un-dossier',
        '0b7c8a4e-1d6a-4f64-9a53-6f0f6e1b1a11',
      ].entries()) {
        const path = `/personnes/${id}`;
        if (index === 0) await openSignedIn(page, relais.baseUrl, 'Claire Moreau', path);
        else await page.goto(`${relais.baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, name: UNREACHABLE }).waitFor();
        await page.getByText('Ce dossier est introuvable ou non accessible.').waitFor();
        const main = (await page.locator('main').textContent()) ?? '';
        // Neither the API's code nor the field it names: the person is told, not the developer.
        expect(main).not.toMatch(/BAD_USER_INPUT|NOT_FOUND|FORBIDDEN|« id »|erreur/i);
        await waitUntil(async () => (await page.title()) === `${UNREACHABLE} — Relais`, 5_000);
      }
      await page.context().close();
    });

    it('offers to propose a handover to the referent, not to the other members of the team', async () => {
      const [followed] = await relais.dataSource.query<{ id: string; name: string }[]>(
        `SELECT p.id, p.given_name || ' ' || p.family_name AS name FROM person p
         JOIN team_member tm ON tm.person_id = p.id AND tm.role = 'FOLLOWER' AND tm.left_at IS NULL
         JOIN account a ON a.id = tm.account_id
        WHERE a.email = 'claire.moreau@relais.demo' AND p.archived_at IS NULL
        ORDER BY p.id LIMIT 1`,
      );
      expect(followed).toBeDefined();
      const referentOf = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const claire = await (await newDesk(browser)).newPage();
      const propose = claire.getByRole('button', { name: 'Proposer un passage de relais' });

      await openSignedIn(claire, relais.baseUrl, 'Claire Moreau', `/personnes/${referentOf.id}`);
      await propose.waitFor();
      await claire.goto(`${relais.baseUrl}/personnes/${followed?.id}`);
      await claire.getByRole('heading', { level: 1, name: followed?.name }).waitFor();
      // The file is open for writing (notes, plan), but the handover is the referent's to propose.
      await claire
        .getByRole('button', { name: 'Modifier l’identité et les coordonnées' })
        .waitFor();
      expect(await propose.count()).toBe(0);
      await claire.context().close();
    });

    it('a revoked membership takes the open file away from the caseworker at once', async () => {
      const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
      const fullName = `${person.givenName} ${person.familyName}`;
      const claire = await (await newDesk(browser)).newPage();
      await openSignedIn(claire, relais.baseUrl, 'Claire Moreau', `/personnes/${person.id}`);
      await claire.getByRole('heading', { level: 1, name: fullName }).waitFor();

      // Nadia, the territory's admin, withdraws Claire's membership in her own browser.
      const nadia = await (await newDesk(browser)).newPage();
      await openSignedIn(nadia, relais.baseUrl, 'Nadia Ferreira', '/admin/rattachements');
      await nadia.getByRole('heading', { level: 1, name: 'Rattachements et rôles' }).waitFor();
      await nadia
        .getByRole('button', { name: /^Retirer le rattachement de Claire Moreau/ })
        .click();
      await nadia.getByRole('button', { name: 'Confirmer le retrait' }).click();
      await nadia
        .getByText(/Rattachement retiré/)
        .first()
        .waitFor();
      await screenshot(nadia, 'admin-rattachement-retire');

      // Claire's page, untouched, says she no longer has access, and shows nothing of the file.
      await claire
        .getByRole('heading', { level: 1, name: UNREACHABLE })
        .waitFor({ timeout: 10_000 });
      expect(await claire.locator('main').textContent()).not.toContain(person.familyName);
      await screenshot(claire, 'dossier-acces-retire');
    });

    it('a territory admin changes a role from a select with no default, after a confirmation', async () => {
      const thomas = await (await newDesk(browser)).newPage();
      await openSignedIn(thomas, relais.baseUrl, 'Thomas Rivière', '/admin/rattachements');
      await thomas.getByRole('heading', { level: 1, name: 'Rattachements et rôles' }).waitFor();
      await thomas.getByRole('button', { name: /^Modifier le rôle de Léa Brunet/ }).click();
      const role = thomas.getByLabel('Rôle', { exact: true });
      expect(await role.inputValue()).toBe('');
      const save = thomas.getByRole('button', { name: 'Enregistrer le rôle' });
      await save.click();
      await thomas.getByText('Choisissez le nouveau rôle.', { exact: true }).waitFor();
      const problems = await auditScreen(thomas, 'admin-modifier-role');

      await role.selectOption({ label: 'Administrateur ou administratrice de structure' });
      await save.click();
      await thomas
        .getByRole('heading', {
          name: /^Donner le rôle Administrateur ou administratrice de structure à Léa Brunet\s\?$/,
        })
        .waitFor();
      problems.push(...(await auditScreen(thomas, 'admin-modifier-role-confirmation')));
      await thomas.setViewportSize({ width: 320, height: 720 });
      problems.push(...(await auditScreen(thomas, 'admin-modifier-role-confirmation-320px')));
      await thomas.getByRole('button', { name: 'Confirmer le rôle' }).click();
      await thomas
        .getByText(
          /^Rôle modifié\s: Léa Brunet est désormais Administrateur ou administratrice de structure/,
        )
        .waitFor();
      const roles = await relais.dataSource.query<{ role: string }[]>(
        `SELECT m.role FROM membership m JOIN account a ON a.id = m.account_id
        WHERE a.email = 'lea.brunet@relais.demo' AND m.revoked_at IS NULL`,
      );
      expect(roles).toEqual([{ role: 'STRUCTURE_ADMIN' }]);
      expect(problems).toEqual([]);
      await thomas.context().close();
    });

    it('the Plan du site lists the pages each one’s roles open, and all of them signed out', async () => {
      const LEGAL = [
        'Mentions légales',
        'Données personnelles',
        'Gestion des cookies',
        'Déclaration d’accessibilité',
      ];
      const ACCOMPANY = [
        'Mes accompagnements',
        'Rechercher une personne',
        'Passages de relais',
        'Demandes',
        'Anciens accompagnements',
      ];
      const ADMINISTER = ['Structures', 'Comptes et invitations', 'Rattachements et rôles'];
      const linksOf = async (page: Page): Promise<string[]> => {
        if (new URL(page.url()).pathname !== '/plan-du-site') {
          await page.goto(`${relais.baseUrl}/plan-du-site`);
        }
        await page.getByRole('heading', { level: 1, name: 'Plan du site' }).waitFor();
        return page.locator('main section').getByRole('link').allTextContents();
      };

      const visitor = await (await newDesk(browser)).newPage();
      expect(await linksOf(visitor)).toEqual([
        'À traiter',
        ...ACCOMPANY,
        'Notifications',
        'Mon compte',
        ...ADMINISTER,
        'Clients API',
        'Journal d’administration',
        'Journal des accès par personne',
        'Journal des courriels',
        'Se connecter à mon espace',
        'Connexion',
        ...LEGAL,
      ]);
      await visitor.context().close();

      for (const [persona, links] of [
        // A professional (Claire’s membership was withdrawn above): no administration.
        ['Yanis Benali', ['À traiter', ...ACCOMPANY, 'Notifications', 'Mon compte', ...LEGAL]],
        // A structure admin follows people and administers, without the territory's journals.
        [
          'Marc Guillou',
          [
            'À traiter',
            ...ACCOMPANY,
            'Notifications',
            'Mon compte',
            ...ADMINISTER,
            'Journal d’administration',
            'Journal des courriels',
            ...LEGAL,
          ],
        ],
        // A territory admin: the administration only.
        [
          'Nadia Ferreira',
          [
            'À traiter',
            'Notifications',
            'Mon compte',
            ...ADMINISTER,
            'Clients API',
            'Journal d’administration',
            'Journal des accès par personne',
            'Journal des courriels',
            ...LEGAL,
          ],
        ],
      ] as const) {
        const page = await (await newDesk(browser)).newPage();
        await openSignedIn(page, relais.baseUrl, persona, '/plan-du-site');
        expect(await linksOf(page)).toEqual(links);
        await page.context().close();
      }
    });
  });
});
