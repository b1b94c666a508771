import { toStructure } from '@relais/core';
import { jest } from '@jest/globals';
import { extractText } from 'unpdf';
import type { Browser, Page } from 'playwright-core';
import { type TestApp, waitUntil } from '@relais/testing';
import {
  auditScreen,
  launchBrowser,
  newDesk,
  openInApp,
  openSignedIn,
  personFollowedBy,
  screenshot,
  settle,
  startWebRelais,
  writeAxeSummary,
  onFreshDemoCopy,
} from './browser-support.js';

// The file at a glance, its side menu, its printed form and the work phone (issue 19, items 2, 6).
jest.setTimeout(180_000);

describe('the file at a glance, printed', () => {
  onFreshDemoCopy();
  let relais: TestApp;
  let browser: Browser;
  let claire: Page;

  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
    claire = await (await newDesk(browser)).newPage();
    await openSignedIn(claire, relais.baseUrl, 'Claire Moreau', '/mon-compte');
  });

  afterAll(async () => {
    await writeAxeSummary('file-summary');
    await browser?.close();
    await relais?.close();
  });

  it('sets the work phone on Mon compte: a bad number is refused, naming the field', async () => {
    // Opened signed in there by beforeAll.
    await openInApp(claire, '/mon-compte');
    await claire.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    const field = claire.getByLabel('Téléphone professionnel');
    await field.fill('12 34');
    await claire.getByRole('button', { name: 'Enregistrer le téléphone' }).click();
    // Said under the field and in the form's summary of errors.
    await claire.getByText('Saisissez un numéro français').first().waitFor();
    // The message belongs to the field: it is in the field's description.
    const described = (await field.getAttribute('aria-describedby')) ?? '';
    const messages = await Promise.all(
      described
        .split(' ')
        .filter(Boolean)
        .map((id) => claire.locator(`[id="${id}"]`).textContent()),
    );
    expect(messages.join(' ')).toContain('Saisissez un numéro français');
    await settle(claire);
    expect(await auditScreen(claire, 'mon-compte-telephone-erreur')).toEqual([]);
    const stored = () =>
      relais.dataSource.query<{ work_phone: string | null }[]>(
        `SELECT work_phone FROM account WHERE email = 'claire.moreau@relais.demo'`,
      );
    expect((await stored())[0]?.work_phone ?? null).toBeNull();

    await field.fill('02 40 11 22 33');
    await claire.getByRole('button', { name: 'Enregistrer le téléphone' }).click();
    await claire.getByText(/^Téléphone professionnel enregistré\s: 02 40 11 22 33\.$/).waitFor();
    expect((await stored())[0]?.work_phone).toBe('02 40 11 22 33');
  });

  it('asks before switching the restriction of processing on, not before lifting it', async () => {
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const restricted = async (): Promise<boolean> => {
      const [row] = await relais.dataSource.query<{ restricted: boolean }[]>(
        'SELECT restricted FROM person WHERE id = $1',
        [person.id],
      );
      return row?.restricted === true;
    };
    await claire.goto(`${relais.baseUrl}/personnes/${person.id}`);
    // The file fully loaded first: a form re-rendered by a late load would forget the ticked box.
    await settle(claire);
    const limit = claire.getByLabel('Limitation du traitement');
    const save = claire.getByRole('button', { name: 'Enregistrer les droits RGPD' });
    const question = claire.getByRole('heading', {
      name: /^Limiter le traitement des données d(?:e |’).+\?$/,
    });
    await limit.check();
    await save.click();
    await question.waitFor();
    // The question has the focus; cancelling records nothing.
    expect(await claire.locator('h3:focus', { hasText: 'Limiter le traitement' }).count()).toBe(1);
    await claire.getByRole('button', { name: 'Annuler' }).click();
    await save.waitFor();
    expect(await restricted()).toBe(false);

    await save.click();
    await claire.getByRole('button', { name: 'Confirmer la limitation' }).click();
    await waitUntil(restricted, 10_000);
    await claire
      .getByText(/le dossier est en lecture seule/)
      .first()
      .waitFor();

    // Lifting it, as the person may ask, needs no confirmation.
    await limit.uncheck();
    await save.click();
    await waitUntil(async () => !(await restricted()), 10_000);
    expect(await question.count()).toBe(0);
  });

  it('flags an ended contract and counts overdue actions; the team shows its contacts', async () => {
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const fullName = `${person.givenName} ${person.familyName}`;
    await relais.dataSource.query(
      `INSERT INTO contract (person_id, type, starts_on, ends_on)
       VALUES ($1, 'CER', current_date - 5, current_date - 1)`,
      [person.id],
    );
    await relais.dataSource.query(
      `INSERT INTO plan_action (person_id, title, status, due_on)
       VALUES ($1, 'Relancer la CAF', 'PLANNED', current_date - 3)`,
      [person.id],
    );
    const [{ overdue }] = await relais.dataSource.query<{ overdue: number }[]>(
      `SELECT count(*)::int AS overdue FROM plan_action
        WHERE person_id = $1 AND due_on < current_date AND status IN ('PLANNED', 'IN_PROGRESS')`,
      [person.id],
    );

    await claire.goto(`${relais.baseUrl}/personnes/${person.id}`);
    await claire.getByRole('heading', { level: 1, name: fullName }).waitFor();
    const band = claire.getByRole('region', { name: 'En bref' });
    await band.getByText('échu', { exact: true }).waitFor();
    await band
      .getByText(overdue === 1 ? '1 action en retard' : `${overdue} actions en retard`)
      .waitFor();
    await band.getByRole('link', { name: '02 40 11 22 33' }).waitFor();
    await band.getByRole('link', { name: 'claire.moreau@relais.demo' }).waitFor();
    // No handover is open: the referent may propose one.
    await claire.getByRole('button', { name: 'Proposer un passage de relais' }).waitFor();
    await claire.getByRole('button', { name: 'Export RGPD (PDF)' }).waitFor();
    await screenshot(claire, 'dossier-synthese');

    // The side menu: each part at its own address, with its own title.
    const menu = claire.getByRole('navigation', { name: 'Parties du dossier' });
    await menu.getByRole('link', { name: 'Plan d’action' }).click();
    await claire.waitForURL(`**/personnes/${person.id}/plan`);
    await claire.getByRole('heading', { level: 2, name: /plan d’action/i }).waitFor();
    await waitUntil(async () => (await claire.title()) === `Plan d’action — ${fullName} — Relais`);
    await menu.getByRole('link', { name: 'Rendez-vous' }).click();
    await claire.waitForURL(`**/personnes/${person.id}/rendez-vous`);
    // The title follows the part once it is shown, not with the address.
    await waitUntil(async () => (await claire.title()) === `Rendez-vous — ${fullName} — Relais`);
  });

  it('replaces the propose button by the open handover, with its target and a link', async () => {
    const [open] = await relais.dataSource.query<
      { person_id: string; handover_id: string; structure: string; name: string }[]
    >(
      `SELECT h.person_id, h.id AS handover_id, s.name AS structure,
              p.given_name || ' ' || p.family_name AS name
         FROM handover h
         JOIN structure s ON s.id = h.to_structure_id
         JOIN person p ON p.id = h.person_id
         JOIN team_member tm ON tm.person_id = p.id AND tm.role = 'REFERENT' AND tm.left_at IS NULL
         JOIN account a ON a.id = tm.account_id
        WHERE h.status = 'PROPOSED' AND a.email = 'claire.moreau@relais.demo'
        LIMIT 1`,
    );
    if (!open) throw new Error('the demo has no open handover of a person Claire Moreau follows');
    await claire.goto(`${relais.baseUrl}/personnes/${open.person_id}`);
    await claire.getByRole('heading', { level: 1, name: open.name }).waitFor();
    const band = claire.getByRole('region', { name: 'En bref' });
    await band.getByText(`Proposé ${toStructure(open.structure)}`, { exact: false }).waitFor();
    const link = band.getByRole('link', { name: 'Ouvrir le passage de relais' });
    expect(await link.getAttribute('href')).toBe(`/passages/${open.handover_id}`);
    expect(
      await claire.getByRole('button', { name: 'Proposer un passage de relais' }).count(),
    ).toBe(0);
  });

  it('prints the file as one document, without navigation', async () => {
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const fullName = `${person.givenName} ${person.familyName}`;
    await claire.goto(`${relais.baseUrl}/personnes/${person.id}`);
    await claire.getByRole('heading', { level: 1, name: fullName }).waitFor();
    await claire.getByRole('link', { name: 'Imprimer le dossier' }).click();
    await claire.waitForURL(`**/personnes/${person.id}/impression`);
    for (const title of ['Équipe de suivi', 'Plan d’action', 'Notes']) {
      await claire.getByRole('heading', { level: 2, name: title, exact: false }).first().waitFor();
    }
    await settle(claire);
    expect(await auditScreen(claire, 'dossier-impression')).toEqual([]);
    const print = claire.getByRole('button', { name: 'Imprimer', exact: true });
    await print.waitFor();

    await claire.emulateMedia({ media: 'print' });
    // On paper: the person, the summary and the parts; no header, menu, side menu or button.
    expect(await claire.getByRole('heading', { level: 1, name: fullName }).isVisible()).toBe(true);
    expect(await claire.getByRole('region', { name: 'En bref' }).isVisible()).toBe(true);
    expect(await claire.locator('header.fr-header').isVisible()).toBe(false);
    expect(await claire.locator('footer.fr-footer').isVisible()).toBe(false);
    expect(await claire.getByRole('navigation', { name: 'Parties du dossier' }).isVisible()).toBe(
      false,
    );
    expect(await print.isVisible()).toBe(false);
    const visibleNav = await claire.locator('nav:visible').count();
    expect(visibleNav).toBe(0);
    const pdf = await claire.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The printed document, read back: the file and its parts, none of the navigation.
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    for (const expected of [fullName, 'En bref', 'Équipe de suivi', 'Plan d’action', 'Notes']) {
      expect(text).toContain(expected);
    }
    for (const navigation of ['Se déconnecter', 'Mes accompagnements', 'Parties du dossier']) {
      expect(text).not.toContain(navigation);
    }
    await claire.emulateMedia({ media: 'screen' });
  });

  it('passes axe-core on the summary and the print view at 320 px', async () => {
    const narrow = await (await newDesk(browser, { width: 320, height: 720 })).newPage();
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    await openSignedIn(
      narrow,
      relais.baseUrl,
      'Claire Moreau',
      `/personnes/${person.id}/impression`,
    );
    await narrow
      .getByRole('heading', { level: 1, name: `${person.givenName} ${person.familyName}` })
      .waitFor();
    await narrow.getByRole('heading', { level: 2, name: 'Équipe de suivi' }).first().waitFor();
    await settle(narrow);
    expect(await auditScreen(narrow, 'dossier-impression-320px')).toEqual([]);
    await narrow.goto(`${relais.baseUrl}/mon-compte`);
    await narrow.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor();
    await settle(narrow);
    expect(await auditScreen(narrow, 'mon-compte-320px')).toEqual([]);
  });
});
