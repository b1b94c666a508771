import { Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import {
  addMembership,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais } from '../support/app.js';

const SEARCH = `query($q: String!, $first: Int, $after: String) {
  searchPeople(query: $q, first: $first, after: $after) {
    edges { cursor node { id givenName familyName } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Found {
  searchPeople: {
    edges: { cursor: string; node: { id: string; givenName: string; familyName: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/**
 * Search as a caseworker types it: the start of a name finds every name holding it before the
 * names merely close to it (typos), and pages through both without losing or repeating anyone.
 */
describe('searchPeople: names holding the words first, then close names', () => {
  let relais: TestApp;
  let caseworker: GraphqlHttpClient;
  const names: Record<string, string> = {};

  const namesOf = (found: Found) =>
    found.searchPeople.edges.map((edge) => `${edge.node.familyName} ${edge.node.givenName}`);

  /** Every page of a search, `first` at a time. */
  const allPages = async (q: string, first: number): Promise<string[][]> => {
    const pages: string[][] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const found: Found = await caseworker.data<Found>(SEARCH, { q, first, after });
      pages.push(namesOf(found));
      if (!found.searchPeople.pageInfo.hasNextPage) break;
      after = found.searchPeople.pageInfo.endCursor;
    }
    return pages;
  };

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    const territory = await createTerritory(ds);
    const structure = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    const account = await createAccount(ds);
    await addMembership(ds, account, { role: Role.PROFESSIONAL, structure });
    caseworker = await relais.graphqlAs(account.id);
    for (const [familyName, givenName] of [
      ['Martin', 'Paul'],
      ['Martinez', 'Ana'],
      ['Dumartin', 'Léa'],
      ['Martim', 'Paul'],
      ['Durand', 'Luc'],
    ]) {
      const person = await createPerson(ds, territory, { familyName, givenName });
      names[`${familyName} ${givenName}`] = person.id;
    }
    // The same names elsewhere are never found.
    const elsewhere = await createTerritory(ds);
    await createPerson(ds, elsewhere, { familyName: 'Martin', givenName: 'Paul' });
  });

  afterAll(async () => {
    await relais.close();
  });

  it('finds every name holding what was typed, the closest first, before a typo of it', async () => {
    const found = await caseworker.data<Found>(SEARCH, { q: 'martin', first: 20 });
    const list = namesOf(found);
    expect(list.slice(0, 3).sort()).toEqual(['Dumartin Léa', 'Martin Paul', 'Martinez Ana']);
    expect(list[0]).toBe('Martin Paul');
    expect(list.slice(3)).toEqual(['Martim Paul']);
    expect(found.searchPeople.pageInfo.hasNextPage).toBe(false);
  });

  it('forgives a typo: the misspelt name comes first, the close ones after', async () => {
    const list = namesOf(await caseworker.data<Found>(SEARCH, { q: 'martim paul', first: 20 }));
    expect(list[0]).toBe('Martim Paul');
    expect(list).toContain('Martin Paul');
    expect(list).not.toContain('Durand Luc');
  });

  it('needs every word typed for the first tier, in any order', async () => {
    const list = namesOf(await caseworker.data<Found>(SEARCH, { q: 'Paul Martin', first: 20 }));
    // Only Martin Paul holds both words; the others are merely close to them.
    expect(list[0]).toBe('Martin Paul');
    expect(list.slice(1)).toEqual(expect.arrayContaining(['Martim Paul']));
    expect(list).not.toContain('Durand Luc');
  });

  it('looks for a query of short words as typed, spaces included', async () => {
    const list = namesOf(await caseworker.data<Found>(SEARCH, { q: 'nd lu', first: 20 }));
    expect(list).toEqual(['Durand Luc']);
  });

  it('pages through both tiers without losing or repeating anyone', async () => {
    const pages = await allPages('martin', 1);
    expect(pages.map((page) => page.length)).toEqual([1, 1, 1, 1]);
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(4);
    expect(seen.at(-1)).toBe('Martim Paul');
    const byTwo = (await allPages('martin', 2)).flat();
    expect(byTwo).toEqual(seen);
  });

  it('refuses a cursor it did not give, naming the field', async () => {
    const result = await caseworker.execute(SEARCH, { q: 'martin', after: 'bm90LWEtY3Vyc29y' });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
