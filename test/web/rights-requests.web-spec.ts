import { jest } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { SessionService } from '@relais/identity';
import type { TestApp } from '@relais/testing';
import {
  auditScreen,
  launchBrowser,
  newDesk,
  openSignedIn,
  personFollowedBy,
  startWebRelais,
  writeAxeSummary,
} from './browser-support.js';

jest.setTimeout(120_000);

const REQUEST = `mutation($input: RequestRightInput!) { requestRight(input: $input) { id } }`;

// The referent answers a person's request from the file (issue 22): the request in the person's
// words, the answer checked before it is sent, then the request shown answered.
describe('a person’s rights request, answered from the file', () => {
  let relais: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    relais = await startWebRelais();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await writeAxeSummary('rights-requests');
    await browser?.close();
    await relais?.close();
  });

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
