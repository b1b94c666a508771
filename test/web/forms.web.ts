import { jest } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { type TestApp, waitUntil } from '@relais/testing';
import {
  launchBrowser,
  newDesk,
  personFollowedBy,
  settle,
  signInAs,
  startWebRelais,
  onFreshDemoCopy,
} from './browser-support.js';

// Forms that explain (issue 20, item 1): a form of each kind sent with several errors at once
// says every one under its field and in a summary that takes the focus, with the rule and its
// limit; a rule only the server knows (a NIR's or a SIRET's key) is said under its field too.
jest.setTimeout(150_000);

/** Text as read, the typography's no-break spaces read as spaces. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

/** The page's document, as the browser sees it (the tests compile without the DOM's types). */
interface PageDocument {
  readonly document: { readonly activeElement: unknown };
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate(
    (element) => element === (globalThis as unknown as PageDocument).document.activeElement,
  );
}

/** The summary took the focus and lists these errors, each a link to its field. */
async function expectSummary(page: Page, heading: string, entries: readonly string[]) {
  // The page may hold other forms, each with its (empty) summary.
  const summary = page
    .locator('.relais-error-summary')
    .filter({ has: page.getByRole('heading', { name: heading }) });
  await summary.waitFor();
  expect(await isFocused(summary)).toBe(true);
  const links = await summary.getByRole('link').allTextContents();
  expect(links.map(plain)).toEqual(entries);
}

/** The field is marked invalid and its message is linked to it (aria-describedby). */
async function expectFieldError(page: Page, id: string, message: string) {
  const field = page.locator(`[id="${id}"]`);
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const described = (await field.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    described
      .split(/\s+/)
      .filter(Boolean)
      .map((describedId) => page.locator(`[id="${describedId}"]`).textContent()),
  );
  expect(texts.map(plain)).toContain(message);
}

describe('forms that explain', () => {
  onFreshDemoCopy();
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

  it('a caseworker’s forms: a new file, a note, an action, a handover', async () => {
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const page = await (await newDesk(browser)).newPage();
    await signInAs(page, relais.baseUrl, 'Claire Moreau');

    // A new file: opened with the focus on its first field, five errors at once.
    await page.goto(`${relais.baseUrl}/accompagnements`);
    await settle(page);
    await page.getByRole('button', { name: 'Créer un dossier' }).click();
    const givenName = page.locator('#creer-givenName');
    await givenName.waitFor();
    expect(await isFocused(givenName)).toBe(true);
    await page.locator('#creer-familyName').fill('N'.repeat(101));
    await page.locator('#creer-email').fill('claire@');
    await page.locator('#creer-postalCode').fill('4400');
    // A short field counts once near its limit, and nothing it holds is cut.
    await page.locator('#creer-city').fill('C'.repeat(90));
    expect(plain(await page.locator('#creer-city-compteur').textContent())).toBe(
      '90 / 100 caractères',
    );
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    await expectSummary(page, 'Le formulaire contient 5 erreurs', [
      'Prénom : Ce champ est obligatoire.',
      'Nom : Au plus 100 caractères (101 saisis).',
      'Date de naissance : Ce champ est obligatoire.',
      'Adresse électronique : Saisissez une adresse électronique complète, par exemple nom@exemple.fr.',
      'Code postal : Le code postal compte 5 chiffres, par exemple 44000.',
    ]);
    await expectFieldError(page, 'creer-familyName', 'Au plus 100 caractères (101 saisis).');
    await expectFieldError(page, 'creer-givenName', 'Ce champ est obligatoire.');
    expect(await page.locator('#creer-familyName').inputValue()).toHaveLength(101);
    // A link of the summary takes the person to the field.
    await page.getByRole('link', { name: /^Nom :/ }).click();
    expect(await isFocused(page.locator('#creer-familyName'))).toBe(true);

    // Fixed, but for a NIR whose key only the server checks: its refusal under the NIR.
    await givenName.fill('Léonie');
    await page.locator('#creer-familyName').fill('Formulaire');
    await page.locator('#creer-birthDate').fill('1990-05-12');
    await page.locator('#creer-email').fill('');
    await page.locator('#creer-postalCode').fill('44000');
    await page.locator('#creer-nir').fill('290054412345678');
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    const nirMessage =
      'Le NIR compte 15 caractères (chiffres, ou 2A et 2B pour la Corse) et sa clé doit correspondre.';
    await expectSummary(page, 'Le formulaire contient une erreur', [
      `NIR (numéro de sécurité sociale) : ${nirMessage}`,
    ]);
    await expectFieldError(page, 'creer-nir', nirMessage);
    expect(await page.locator('#creer-familyName').getAttribute('aria-invalid')).toBeNull();

    // A note: counted, never cut, refused with its limit; saved, the status takes the focus.
    await page.goto(`${relais.baseUrl}/personnes/${person.id}/notes`);
    await settle(page);
    await page.getByRole('button', { name: 'Ajouter une note' }).first().click();
    const body = page.locator('#note-ajout-body');
    await body.waitFor();
    expect(await isFocused(body)).toBe(true);
    expect(plain(await page.locator('#note-ajout-body-compteur').textContent())).toBe(
      '0 / 5 000 caractères',
    );
    await body.fill('n'.repeat(5001));
    expect(plain(await page.locator('#note-ajout-body-compteur').textContent())).toBe(
      '5 001 / 5 000 caractères : 1 de trop',
    );
    await page.getByRole('button', { name: 'Enregistrer la note' }).click();
    await expectSummary(page, 'Le formulaire contient une erreur', [
      'Texte de la note : Au plus 5 000 caractères (5 001 saisis).',
    ]);
    await expectFieldError(page, 'note-ajout-body', 'Au plus 5 000 caractères (5 001 saisis).');
    await body.fill('Appel à la mission locale.');
    await page.getByRole('button', { name: 'Enregistrer la note' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Note ajoutée.' });
    await status.waitFor();
    expect(await isFocused(status)).toBe(true);

    // An action of the plan: a title too long and a date out of the plan's window.
    await page.goto(`${relais.baseUrl}/personnes/${person.id}/plan`);
    await settle(page);
    await page.getByRole('button', { name: 'Ajouter une action' }).click();
    await page.locator('#action-title').fill('A'.repeat(234));
    await page.locator('#action-dueOn').fill('1999-12-31');
    await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
    const planDate =
      'La date doit être comprise entre le 1er janvier 2000 et les 10 prochaines années.';
    await expectSummary(page, 'Le formulaire contient 2 erreurs', [
      'Intitulé : Au plus 200 caractères (234 saisis).',
      `Échéance : ${planDate}`,
    ]);
    await expectFieldError(page, 'action-dueOn', planDate);

    // A handover proposal: opened on its first field, three errors at once.
    await page.goto(`${relais.baseUrl}/personnes/${person.id}`);
    await settle(page);
    await page.getByRole('button', { name: 'Proposer un passage de relais' }).click();
    const structure = page.locator('#passage-toStructureId');
    await structure.waitFor();
    await page.getByRole('button', { name: 'Proposer le passage' }).waitFor();
    expect(await isFocused(structure)).toBe(true);
    await page.locator('#passage-reason').fill('ok');
    await page.getByRole('button', { name: 'Proposer le passage' }).click();
    await expectSummary(page, 'Le formulaire contient 3 erreurs', [
      'Structure d’accueil : Choisissez la structure d’accueil.',
      'Motif du passage : Au moins 3 caractères (2 saisis).',
      'La personne a été informée de ce passage : Informez la personne de ce passage avant de le proposer, puis cochez cette case.',
    ]);
    await expectFieldError(page, 'passage-reason', 'Au moins 3 caractères (2 saisis).');
    await expectFieldError(page, 'passage-toStructureId', 'Choisissez la structure d’accueil.');
    await page.context().close();
  });

  it('an admin’s form: a structure, refused by the rules, then by the SIRET’s key', async () => {
    const page = await (await newDesk(browser)).newPage();
    await signInAs(page, relais.baseUrl, 'Nadia Ferreira');
    await page.goto(`${relais.baseUrl}/admin/structures`);
    await settle(page);
    await page.getByRole('button', { name: 'Ajouter une structure' }).click();
    const type = page.locator('#structure-type');
    await type.waitFor();
    expect(await isFocused(type)).toBe(true);
    await page.locator('#structure-name').fill('A');
    await page.locator('#structure-postalCode').fill('123');
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    await expectSummary(page, 'Le formulaire contient 3 erreurs', [
      'Type de structure : Choisissez le type de structure.',
      'Nom : Au moins 2 caractères (1 saisi).',
      'Code postal : Le code postal compte 5 chiffres, par exemple 44000.',
    ]);
    await expectFieldError(page, 'structure-name', 'Au moins 2 caractères (1 saisi).');

    // The form's own rules met; the SIRET's check digit is the server's to know.
    await type.selectOption({ index: 1 });
    await page.locator('#structure-name').fill('Structure des formulaires');
    await page.locator('#structure-postalCode').fill('44000');
    await page.locator('#structure-siret').fill('12345678901234');
    await page.getByRole('button', { name: 'Créer la structure' }).click();
    const siretMessage =
      'Le SIRET compte 14 chiffres et sa clé de contrôle doit être valide : vérifiez-le.';
    await expectSummary(page, 'Le formulaire contient une erreur', [`SIRET : ${siretMessage}`]);
    await expectFieldError(page, 'structure-siret', siretMessage);
    await page.context().close();
  });

  it('a partner client and its webhook: checked before sending, then by the API', async () => {
    const page = await (await newDesk(browser)).newPage();
    await signInAs(page, relais.baseUrl, 'Nadia Ferreira');
    // Every request the page sends that sets a webhook: none while the form refuses the address.
    const webhookRequests: string[] = [];
    page.on('request', (request) => {
      if (request.postData()?.includes('SetApiClientWebhook')) webhookRequests.push(request.url());
    });
    await page.goto(`${relais.baseUrl}/admin/clients-api`);
    await settle(page);

    // A client with a one-letter name and no scope: both said, nothing created.
    await page.getByRole('button', { name: 'Créer un client API' }).click();
    await page.locator('#client-name').fill('P');
    await page.getByRole('button', { name: 'Créer le client' }).click();
    await expectSummary(page, 'Le formulaire contient 2 erreurs', [
      'Nom du client : Au moins 2 caractères (1 saisi).',
      'Autorisations accordées : Cochez au moins une autorisation.',
    ]);
    await expectFieldError(page, 'client-name', 'Au moins 2 caractères (1 saisi).');
    expect(await page.locator('#client-scopes-0').getAttribute('aria-invalid')).toBe('true');
    const clients = (name: string) =>
      relais.dataSource.query<{ id: string; webhook_url: string | null }[]>(
        'SELECT id, webhook_url FROM api_client WHERE name = $1',
        [name],
      );
    expect(await clients('P')).toEqual([]);
    await page.locator('#client-name').fill('Partenaire des formulaires');
    await page.getByLabel('Lire les dossiers').check();
    await page.getByRole('button', { name: 'Créer le client' }).click();
    await page.getByTestId('secret-once').waitFor();
    await page.getByRole('button', { name: 'J’ai conservé le secret, masquer' }).click();

    // A plain http:// address: refused under its field by the form, never sent.
    await page
      .getByRole('button', { name: 'Configurer le webhook du client Partenaire des formulaires' })
      .click();
    const url = page.locator('#webhook-url');
    await url.fill('http://partenaire.example/relais/evenements');
    await page.getByRole('button', { name: 'Enregistrer le webhook' }).click();
    const urlMessage =
      'Saisissez une adresse https:// joignable sur Internet (pas du réseau interne), sans identifiant, mot de passe ni #, par exemple https://partenaire.example/relais/evenements.';
    await expectSummary(page, 'Le formulaire contient une erreur', [
      `Adresse du webhook : ${urlMessage}`,
    ]);
    await expectFieldError(page, 'webhook-url', urlMessage);
    expect(webhookRequests).toEqual([]);

    // An https:// address of the internal network: only the API knows it, said the same way.
    await url.fill('https://10.0.0.1/relais/evenements');
    await page.getByRole('button', { name: 'Enregistrer le webhook' }).click();
    await waitUntil(() => webhookRequests.length === 1);
    await expectSummary(page, 'Le formulaire contient une erreur', [
      `Adresse du webhook : ${urlMessage}`,
    ]);
    await expectFieldError(page, 'webhook-url', urlMessage);
    const [client] = await clients('Partenaire des formulaires');
    expect(client?.webhook_url).toBeNull();
    await page.context().close();
  });

  it('an orientation decision: a denial needs its reason, an acceptance its structure', async () => {
    // The demo's pending request (Loire-Atlantique), asked by Claire Moreau.
    const [{ id, personId }] = await relais.dataSource.query<{ id: string; personId: string }[]>(
      `SELECT id, person_id AS "personId" FROM orientation_request WHERE status = 'PENDING'
        ORDER BY created_at LIMIT 1`,
    );
    const page = await (await newDesk(browser)).newPage();
    await signInAs(page, relais.baseUrl, 'Sophie Lambert');
    await page.goto(`${relais.baseUrl}/demandes`);
    await settle(page);
    const card = page
      .locator('li')
      .filter({ has: page.locator(`a[href="/personnes/${personId}"]`) });

    // Denied without a reason: said before anything is sent.
    await card.getByRole('button', { name: /^Refuser/ }).click();
    await card.getByRole('button', { name: 'Confirmer le refus' }).click();
    await expectSummary(page, 'Le formulaire contient une erreur', [
      'Motif du refus : Indiquez le motif du refus.',
    ]);
    await expectFieldError(page, `orientation-${id}-reason`, 'Indiquez le motif du refus.');
    await card.getByRole('button', { name: 'Annuler' }).click();

    // Accepted with no structure and a comment too long: both at once.
    await card.getByRole('button', { name: /^Accepter/ }).click();
    await page.locator(`[id="orientation-${id}-reason"]`).fill('c'.repeat(1001));
    await card.getByRole('button', { name: 'Confirmer l’orientation' }).click();
    await expectSummary(page, 'Le formulaire contient 2 erreurs', [
      'Structure d’accueil : Choisissez la structure d’accueil.',
      'Commentaire : Au plus 1 000 caractères (1 001 saisis).',
    ]);
    await expectFieldError(
      page,
      `orientation-${id}-targetStructureId`,
      'Choisissez la structure d’accueil.',
    );
    const [request] = await relais.dataSource.query<{ status: string }[]>(
      'SELECT status FROM orientation_request WHERE id = $1',
      [id],
    );
    expect(request?.status).toBe('PENDING');
    await page.context().close();
  });

  it('an invitation and a declined handover: every error at once, with its limit', async () => {
    // The invitation: a first name too long, no last name, an address without a domain, no role.
    const admin = await (await newDesk(browser)).newPage();
    await signInAs(admin, relais.baseUrl, 'Nadia Ferreira');
    await admin.goto(`${relais.baseUrl}/admin/comptes`);
    await settle(admin);
    await admin.getByRole('button', { name: 'Inviter une personne' }).click();
    await admin.locator('#invitation-prenom').fill('A'.repeat(101));
    await admin.locator('#invitation-courriel').fill('camille@');
    await admin.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    const emailMessage = 'Saisissez une adresse électronique complète, par exemple nom@exemple.fr.';
    await expectSummary(admin, 'Le formulaire contient 4 erreurs', [
      'Prénom : Au plus 100 caractères (101 saisis).',
      'Nom : Ce champ est obligatoire.',
      `Adresse électronique : ${emailMessage}`,
      'Rôle : Choisissez le rôle de la personne.',
    ]);
    await expectFieldError(admin, 'invitation-prenom', 'Au plus 100 caractères (101 saisis).');
    await expectFieldError(admin, 'invitation-courriel', emailMessage);
    await admin.context().close();

    // A handover declined with a reason too short: said before anything is sent.
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const accountId = async (email: string) =>
      (
        await relais.dataSource.query<{ id: string }[]>(`SELECT id FROM account WHERE email = $1`, [
          email,
        ])
      )[0].id;
    const [missionLocale] = await relais.dataSource.query<{ id: string }[]>(
      `SELECT id FROM structure WHERE name = 'Mission locale Nantes Métropole'`,
    );
    const claire = await relais.graphqlAs(await accountId('claire.moreau@relais.demo'));
    const { proposeHandover } = await claire.data<{ proposeHandover: { id: string } }>(
      `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`,
      {
        input: {
          personId: person.id,
          toStructureId: missionLocale.id,
          toAccountId: await accountId('yanis.benali@relais.demo'),
          reason: 'Projet d’apprentissage : la mission locale prend le relais.',
          personInformed: true,
        },
      },
    );
    const page = await (await newDesk(browser)).newPage();
    await signInAs(page, relais.baseUrl, 'Yanis Benali');
    await page.goto(`${relais.baseUrl}/passages/${proposeHandover.id}`);
    await settle(page);
    await page.getByRole('button', { name: 'Refuser', exact: true }).click();
    await page.locator('#refus-reason').fill(' ok ');
    await page.getByRole('button', { name: 'Confirmer le refus' }).click();
    await expectSummary(page, 'Le formulaire contient une erreur', [
      'Motif du refus : Au moins 3 caractères (2 saisis).',
    ]);
    await expectFieldError(page, 'refus-reason', 'Au moins 3 caractères (2 saisis).');
    await page.context().close();
  });

  it('an appointment and an identity edit: every error at once, with its limit', async () => {
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const page = await (await newDesk(browser)).newPage();
    await signInAs(page, relais.baseUrl, 'Claire Moreau');

    // An appointment: a date out of its window, too long, a name too long, no place.
    await page.goto(`${relais.baseUrl}/personnes/${person.id}/rendez-vous`);
    await settle(page);
    await page.getByRole('button', { name: 'Planifier un rendez-vous' }).click();
    await page.locator('#rdv-startsAt').fill('2000-01-01');
    await page.locator('#rdv-durationMinutes').fill('600');
    await page.locator('#rdv-withWhom').fill('W'.repeat(201));
    await page.getByRole('button', { name: 'Enregistrer le rendez-vous' }).click();
    const appointmentWindow = 'La date doit être dans les 5 dernières années ou les 2 prochaines.';
    await expectSummary(page, 'Le formulaire contient 4 erreurs', [
      `Date et heure : ${appointmentWindow}`,
      'Durée : La valeur doit être au plus 480.',
      'Avec qui : Au plus 200 caractères (201 saisis).',
      'Lieu : Ce champ est obligatoire.',
    ]);
    await expectFieldError(page, 'rdv-startsAt', appointmentWindow);
    await expectFieldError(page, 'rdv-durationMinutes', 'La valeur doit être au plus 480.');
    await expectFieldError(page, 'rdv-withWhom', 'Au plus 200 caractères (201 saisis).');
    await expectFieldError(page, 'rdv-location', 'Ce champ est obligatoire.');

    // The identity: no first name, a birth name too long, a birth date to come, two formats.
    await page.goto(`${relais.baseUrl}/personnes/${person.id}/identite`);
    await settle(page);
    await page.getByRole('button', { name: 'Modifier l’identité et les coordonnées' }).click();
    await page.locator('#identite-givenName').fill('');
    await page.locator('#identite-birthName').fill('B'.repeat(101));
    await page.locator('#identite-birthDate').fill('2100-01-01');
    await page.locator('#identite-email').fill('personne@');
    await page.locator('#identite-postalCode').fill('440');
    // FranceConnect's birth identity: a town's INSEE code, not its postal code's shape.
    await page.locator('#identite-gender').selectOption('FEMALE');
    await page.locator('#identite-birthplace').fill('Nantes');
    await page.getByRole('button', { name: 'Enregistrer l’identité' }).click();
    const birth =
      'La date de naissance ne peut être ni dans le futur ni remonter à plus de 130 ans.';
    const birthplace =
      'Le code INSEE de la commune compte 5 caractères, par exemple 44109 pour Nantes (2A ou 2B au début en Corse). Ce n’est pas le code postal.';
    await expectSummary(page, 'Le formulaire contient 6 erreurs', [
      'Prénom : Ce champ est obligatoire.',
      'Nom de naissance : Au plus 100 caractères (101 saisis).',
      `Date de naissance : ${birth}`,
      `Commune de naissance (code INSEE) : ${birthplace}`,
      'Adresse électronique : Saisissez une adresse électronique complète, par exemple nom@exemple.fr.',
      'Code postal : Le code postal compte 5 chiffres, par exemple 44000.',
    ]);
    await expectFieldError(page, 'identite-givenName', 'Ce champ est obligatoire.');
    await expectFieldError(page, 'identite-birthName', 'Au plus 100 caractères (101 saisis).');
    await expectFieldError(page, 'identite-birthDate', birth);
    await expectFieldError(page, 'identite-birthplace', birthplace);
    expect(await page.locator('#identite-familyName').getAttribute('aria-invalid')).toBeNull();
    await page.context().close();
  });
});
