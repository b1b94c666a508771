import { APP_CONFIG, type AppConfig } from '@relais/core';
import { makeUnsubscribeToken, unsubscribeUrl } from '@relais/notifications';
import { createApiClient, createStructure, createTerritory, type TestApp } from '@relais/testing';
import { startRelais } from '../support/app.js';
import { type Caseworker, caseworkerOf } from './notification-support.js';

const PREFERENCES = `{ emailPreferences { category label mode isDefault } }`;
const SET = `mutation($category: EmailCategory!, $mode: EmailMode!) {
  setEmailPreference(category: $category, mode: $mode) { category label mode isDefault }
}`;

interface Preference {
  category: string;
  label: string;
  mode: string;
  isDefault: boolean;
}

describe('email preferences (Mon compte) and the one-click unsubscribe', () => {
  let relais: TestApp;
  let config: AppConfig;
  let alice: Caseworker;
  let bob: Caseworker;

  beforeAll(async () => {
    relais = await startRelais();
    config = relais.app.get<AppConfig>(APP_CONFIG);
    const territory = await createTerritory(relais.dataSource);
    const structure = await createStructure(relais.dataSource, territory);
    alice = await caseworkerOf(relais, structure);
    bob = await caseworkerOf(relais, structure);
  });

  afterAll(() => relais.close());

  async function storedModes(accountId: string): Promise<Record<string, string>> {
    const rows = await relais.dataSource.query<{ category: string; mode: string }[]>(
      `SELECT category, mode FROM email_preference WHERE account_id = $1`,
      [accountId],
    );
    return Object.fromEntries(rows.map((row) => [row.category, row.mode]));
  }

  async function preferencesOf(who: Caseworker): Promise<Preference[]> {
    const result = await who.client.execute<{ emailPreferences: Preference[] }>(PREFERENCES);
    expect(result.errors).toBeUndefined();
    return result.data!.emailPreferences;
  }

  /** The path and query of an unsubscribe link, against the test server. */
  function linkFor(accountId: string, category: 'HANDOVERS' | 'DIGEST' | 'CASELOAD'): string {
    const url = new URL(unsubscribeUrl(config, accountId, category));
    return `${relais.baseUrl}${url.pathname}${url.search}`;
  }

  function postOneClick(link: string): Promise<Response> {
    return fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
  }

  it('lists every configurable category with its French label and its default', async () => {
    const preferences = await preferencesOf(alice);
    expect(preferences.map((p) => [p.category, p.mode, p.isDefault])).toEqual([
      ['HANDOVERS', 'IMMEDIATE', true],
      ['ORIENTATIONS', 'IMMEDIATE', true],
      ['JOIN_REQUESTS', 'IMMEDIATE', true],
      ['CASELOAD', 'IMMEDIATE', true],
      ['DIGEST', 'DIGEST', true],
    ]);
    expect(preferences.find((p) => p.category === 'DIGEST')?.label).toBe('Récapitulatif quotidien');
  });

  it('keeps a choice and reads it back; the other account is untouched', async () => {
    const set = await alice.client.execute<{ setEmailPreference: Preference }>(SET, {
      category: 'ORIENTATIONS',
      mode: 'DIGEST',
    });
    expect(set.errors).toBeUndefined();
    expect(set.data?.setEmailPreference).toMatchObject({
      category: 'ORIENTATIONS',
      mode: 'DIGEST',
      isDefault: false,
    });
    const orientations = (await preferencesOf(alice)).find((p) => p.category === 'ORIENTATIONS');
    expect(orientations).toMatchObject({ mode: 'DIGEST', isDefault: false });
    expect(await storedModes(bob.account.id)).toEqual({});
  });

  it('refuses to change invitations, naming the field', async () => {
    const result = await alice.client.execute(SET, { category: 'INVITATION', mode: 'NEVER' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.reason).toBe('NOT_ONE_OF');
    expect(result.errors?.[0]?.extensions?.field).toBe('category');
    expect(await storedModes(alice.account.id)).not.toHaveProperty('INVITATION');
  });

  it('refuses a partner client', async () => {
    const territory = await createTerritory(relais.dataSource);
    const partner = await relais.graphqlAsClient(
      await createApiClient(relais.dataSource, territory, ['persons:read']),
    );
    const read = await partner.execute(PREFERENCES);
    expect(read.errors?.[0]?.extensions?.reason).toBe('ACCOUNT_REQUIRED');
    const write = await partner.execute(SET, { category: 'DIGEST', mode: 'NEVER' });
    expect(write.errors?.[0]?.extensions?.reason).toBe('ACCOUNT_REQUIRED');
  });

  it('shows a confirmation page on GET and writes nothing', async () => {
    const response = await fetch(linkFor(bob.account.id, 'HANDOVERS'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Transferts d’accompagnement');
    expect(html).toMatch(/<form method="post"/);
    expect(html).toContain('Confirmer le désabonnement');
    expect(await storedModes(bob.account.id)).toEqual({});
  });

  it('turns the category off on a one-click POST (RFC 8058)', async () => {
    const response = await postOneClick(linkFor(bob.account.id, 'HANDOVERS'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Désabonnement enregistré');
    expect(await storedModes(bob.account.id)).toEqual({ HANDOVERS: 'NEVER' });
    const handovers = (await preferencesOf(bob)).find((p) => p.category === 'HANDOVERS');
    expect(handovers).toMatchObject({ mode: 'NEVER', isDefault: false });
  });

  it('refuses a forged or altered token (400, in French) and writes nothing', async () => {
    const before = await storedModes(bob.account.id);
    const token = makeUnsubscribeToken(config.authTokenSecret, bob.account.id, 'DIGEST');
    const [payload, signature] = token.split('.') as [string, string];
    // One character of the signature changed.
    const flipped = `${payload}.${signature.slice(0, 5)}${signature[5] === 'A' ? 'B' : 'A'}${signature.slice(6)}`;
    // Bob's signature over another category: the payload says CASELOAD, the signature DIGEST.
    const otherCategory = `${Buffer.from(`${bob.account.id}:CASELOAD`).toString('base64url')}.${signature}`;
    // A token signed with another secret.
    const otherSecret = makeUnsubscribeToken(
      'another secret, not Relais’s',
      bob.account.id,
      'DIGEST',
    );
    for (const forged of [flipped, otherCategory, otherSecret, 'garbage', '']) {
      const link = `${relais.baseUrl}/email/unsubscribe?token=${encodeURIComponent(forged)}`;
      const posted = await postOneClick(link);
      expect(posted.status).toBe(400);
      expect(await posted.text()).toContain('Ce lien de désabonnement n’est pas valide');
      const shown = await fetch(link);
      expect(shown.status).toBe(400);
      await shown.text();
    }
    expect(await storedModes(bob.account.id)).toEqual(before);
  });
});
