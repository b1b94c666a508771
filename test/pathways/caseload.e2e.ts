import { type AccountEntity, type MembershipEntity, Role } from '@relais/identity';
import { type StructureEntity, StructureType, type TerritoryEntity } from '@relais/organizations';
import {
  ActionStatus,
  AppointmentEntity,
  AppointmentStatus,
  ContractEntity,
  ContractType,
  OrientationType,
  type PersonEntity,
  PersonStatus,
  PlanActionEntity,
  TeamLeaveReason,
  TeamRole,
} from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  countStatements,
  createAccount,
  createApiClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import { startFromEmptyTables, startRelais } from '../support/app.js';
import {
  askToJoin,
  type Caseworker,
  caseworkerOf,
  personFollowedBy,
} from '../notifications/notification-support.js';

const CASELOAD = `query($first: Int!, $after: String, $filter: CaseloadFilterInput, $orderBy: CaseloadOrderInput) {
  caseload(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { cursor node { contractType contractEndsOn overdueActions openHandover nextAppointmentAt
      person { id familyName } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const ADD_CONTRACT = `mutation($input: AddContractInput!) { addContract(input: $input) { id } }`;
const ADD_ACTION = `mutation($input: AddActionInput!) { addAction(input: $input) { id } }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`;

interface CaseloadData {
  caseload: {
    totalCount: number;
    edges: {
      cursor: string;
      node: {
        contractType: string | null;
        contractEndsOn: string | null;
        overdueActions: number;
        openHandover: boolean;
        person: { id: string; familyName: string };
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const day = (offset: number): string =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('Caseload as a working list: order, filters, total, CSV export (issue 19)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let missionLocale: StructureEntity;
  let zoe: { account: AccountEntity; membership: MembershipEntity; token: string };
  let caseworker: GraphqlHttpClient;
  const people: Record<string, PersonEntity> = {};

  const names = async (
    variables: Record<string, unknown>,
    first = 10,
  ): Promise<{ names: string[]; total: number }> => {
    const { caseload } = await caseworker.data<CaseloadData>(CASELOAD, { first, ...variables });
    return {
      names: caseload.edges.map((edge) => edge.node.person.familyName),
      total: caseload.totalCount,
    };
  };

  /** Every page, one person at a time, following the cursors. */
  const paged = async (orderBy: Record<string, string>): Promise<string[]> => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { caseload }: CaseloadData = await caseworker.data<CaseloadData>(CASELOAD, {
        first: 1,
        after,
        orderBy,
      });
      seen.push(...caseload.edges.map((edge) => edge.node.person.familyName));
      expect(caseload.totalCount).toBe(4);
      if (!caseload.pageInfo.hasNextPage) return seen;
      after = caseload.pageInfo.endCursor;
    }
  };

  const download = (query: string, token: string | null = zoe.token) =>
    fetch(`${relais.baseUrl}/people/caseload.csv${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  const exportRows = async (): Promise<{ person_id: string; membership_id: string }[]> =>
    relais.dataSource.query(
      `SELECT person_id, membership_id FROM access_log
        WHERE account_id = $1 AND ground = 'CASELOAD_EXPORT' ORDER BY id`,
      [zoe.account.id],
    );

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds, { name: 'Loire-Atlantique' });
    missionLocale = await createStructure(ds, territory, {
      type: StructureType.MISSION_LOCALE,
      name: 'Mission locale Nantes',
    });
    const account = await createAccount(ds, [], { givenName: 'Zoé', familyName: 'Lefèvre' });
    const membership = await addMembership(ds, account, {
      role: Role.PROFESSIONAL,
      structure: missionLocale,
    });
    zoe = { account, membership, token: (await relais.signIn(account.id)).accessToken };
    caseworker = await relais.graphqlAs(account.id);

    for (const [given, family] of [
      ['Zacharie', 'Adam'],
      ['Arnaud', 'Berger'],
      ['Béatrice', 'Chevalier'],
      ['Élodie', 'Dumas'],
    ]) {
      const person = await createPerson(ds, territory, { givenName: given, familyName: family });
      await addTeamMember(ds, person, account, membership, TeamRole.REFERENT);
      people[family] = person;
    }
    // Someone else's person: never listed, never exported.
    const other = await createAccount(ds);
    const otherMembership = await addMembership(ds, other, {
      role: Role.PROFESSIONAL,
      structure: missionLocale,
    });
    const outsider = await createPerson(ds, territory, { familyName: 'Aaron' });
    await addTeamMember(ds, outsider, other, otherMembership, TeamRole.REFERENT);

    const add = (query: string, input: Record<string, unknown>) =>
      caseworker.data(query, { input });
    await add(ADD_CONTRACT, {
      personId: people.Adam.id,
      type: 'CEJ',
      startsOn: day(-100),
      endsOn: day(200),
    });
    await add(ADD_CONTRACT, {
      personId: people.Chevalier.id,
      type: 'CER',
      startsOn: day(-300),
      endsOn: day(10),
    });
    // Dumas: an old CER ended, and the current one ended 40 days ago.
    await add(ADD_CONTRACT, {
      personId: people.Dumas.id,
      type: 'CER',
      startsOn: day(-700),
      endsOn: day(-400),
    });
    await add(ADD_CONTRACT, {
      personId: people.Dumas.id,
      type: 'PPAE',
      startsOn: day(-300),
      endsOn: day(-40),
    });
    await add(ADD_ACTION, { personId: people.Dumas.id, title: 'Permis B', dueOn: day(-5) });
    await add(ADD_ACTION, { personId: people.Adam.id, title: 'CV', dueOn: day(20) });
    await add(ADD_ACTION, {
      personId: people.Berger.id,
      title: 'Atelier',
      dueOn: day(-5),
      status: 'DONE',
    });
    const appointment = (personId: string, days: number) =>
      add(SCHEDULE, {
        personId,
        startsAt: new Date(Date.now() + days * 86_400_000).toISOString(),
        durationMinutes: 30,
        withWhom: 'Zoé Lefèvre',
        location: 'Mission locale',
      });
    await appointment(people.Chevalier.id, 1);
    await appointment(people.Adam.id, 3);
    await ds.query(
      `INSERT INTO handover (person_id, territory_id, from_structure_id, proposed_by_account_id,
         proposed_by_membership_id, to_structure_id, reason, person_informed, status, expires_at)
       VALUES ($1, $2, $3, $4, $5, $3, 'Déménagement', true, 'PROPOSED', now() + interval '15 days')`,
      [people.Adam.id, territory.id, missionLocale.id, account.id, membership.id],
    );
    // Activity: Berger quiet for 8 months, the others in the last days, in a known order.
    await ds.query(
      `UPDATE person SET last_activity_at = now() - make_interval(days => v.days)
         FROM (VALUES ($1::uuid, 240), ($2::uuid, 3), ($3::uuid, 2), ($4::uuid, 1)) AS v(id, days)
        WHERE person.id = v.id`,
      [people.Berger.id, people.Adam.id, people.Chevalier.id, people.Dumas.id],
    );
  });

  afterAll(async () => {
    await relais?.close();
  });

  it('lists only the caller’s people, most recent activity first, with the total', async () => {
    expect(await names({})).toEqual({ names: ['Dumas', 'Chevalier', 'Adam', 'Berger'], total: 4 });
    const { caseload } = await caseworker.data<CaseloadData>(CASELOAD, { first: 10 });
    const dumas = caseload.edges[0].node;
    expect(dumas).toMatchObject({
      contractType: 'PPAE',
      contractEndsOn: day(-40),
      overdueActions: 1,
      openHandover: false,
    });
    expect(caseload.edges[2].node).toMatchObject({ openHandover: true, overdueActions: 0 });
  });

  it('gives what is asked the same way through aliases, fragments and @include (each column is computed only when asked)', async () => {
    const query = `query($total: Boolean!) {
      caseload(first: 10) { count: totalCount @include(if: $total) edges { node { ...Entry } } }
    }
    fragment Entry on CaseloadEntry {
      due: overdueActions
      ... on CaseloadEntry { contractEndsOn openHandover @skip(if: $total) }
      person { familyName }
    }`;
    const asked = await caseworker.data<{
      caseload: { count?: number; edges: { node: Record<string, unknown> }[] };
    }>(query, { total: true });
    const { caseload: full } = await caseworker.data<CaseloadData>(CASELOAD, { first: 10 });
    const expected = full.edges.map(({ node }) => ({
      due: node.overdueActions,
      contractEndsOn: node.contractEndsOn,
      person: { familyName: node.person.familyName },
    }));
    expect(expected[0]).toEqual({
      due: 1,
      contractEndsOn: day(-40),
      person: { familyName: 'Dumas' },
    });
    expect(asked.caseload.count).toBe(4);
    expect(asked.caseload.edges.map((edge) => edge.node)).toEqual(expected);
    const skipped = await caseworker.data<{
      caseload: { count?: number; edges: { node: Record<string, unknown> }[] };
    }>(query, { total: false });
    expect(skipped.caseload.count).toBeUndefined();
    expect(skipped.caseload.edges.map((edge) => edge.node)).toEqual(
      expected.map((entry, index) => ({
        ...entry,
        openHandover: full.edges[index].node.openHandover,
      })),
    );
    expect(skipped.caseload.edges[2].node).toMatchObject({ openHandover: true });
  });

  it('sorts by each column, both ways, and the cursors page through each order', async () => {
    const order = (field: string, direction: string) => ({ orderBy: { field, direction } });
    expect((await names(order('NAME', 'ASC'))).names).toEqual([
      'Adam',
      'Berger',
      'Chevalier',
      'Dumas',
    ]);
    expect((await names(order('NAME', 'DESC'))).names).toEqual([
      'Dumas',
      'Chevalier',
      'Berger',
      'Adam',
    ]);
    // No contract sorts last both ways.
    expect((await names(order('CONTRACT_END', 'ASC'))).names).toEqual([
      'Dumas',
      'Chevalier',
      'Adam',
      'Berger',
    ]);
    expect((await names(order('CONTRACT_END', 'DESC'))).names).toEqual([
      'Adam',
      'Chevalier',
      'Dumas',
      'Berger',
    ]);
    const byAppointment = (await names(order('NEXT_APPOINTMENT', 'ASC'))).names;
    expect(byAppointment.slice(0, 2)).toEqual(['Chevalier', 'Adam']);
    expect(byAppointment.slice(2).sort()).toEqual(['Berger', 'Dumas']);
    expect((await names(order('LAST_ACTIVITY', 'ASC'))).names).toEqual([
      'Berger',
      'Adam',
      'Chevalier',
      'Dumas',
    ]);
    for (const [field, direction] of [
      ['NAME', 'ASC'],
      ['CONTRACT_END', 'DESC'],
      ['NEXT_APPOINTMENT', 'ASC'],
      ['LAST_ACTIVITY', 'DESC'],
    ]) {
      const whole = (await names({ orderBy: { field, direction } })).names;
      expect(await paged({ field, direction })).toEqual(whole);
    }
  });

  it('filters: inactive for N months, contract ended or ending, overdue action, open handover', async () => {
    expect(await names({ filter: { inactiveForMonths: 6 } })).toEqual({
      names: ['Berger'],
      total: 1,
    });
    expect(await names({ filter: { inactiveForMonths: 9 } })).toEqual({ names: [], total: 0 });
    expect(await names({ filter: { contractEnding: true } })).toEqual({
      names: ['Dumas', 'Chevalier'],
      total: 2,
    });
    expect(await names({ filter: { overdueAction: true } })).toEqual({
      names: ['Dumas'],
      total: 1,
    });
    expect(await names({ filter: { openHandover: true } })).toEqual({
      names: ['Adam'],
      total: 1,
    });
    expect(await names({ filter: { contractEnding: true } }, 1)).toEqual({
      names: ['Dumas'],
      total: 2,
    });
  });

  it('refuses bad filters, orders and cursors, naming the field', async () => {
    for (const [filter, field] of [
      [{ inactiveForMonths: 0 }, 'inactiveForMonths'],
      [{ inactiveForMonths: 25 }, 'inactiveForMonths'],
      [{ text: 'x'.repeat(101) }, 'text'],
    ] as const) {
      const result = await caseworker.execute(CASELOAD, { first: 5, filter });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(String(result.errors?.[0]?.extensions?.field)).toContain(field);
    }
    const { caseload } = await caseworker.data<CaseloadData>(CASELOAD, { first: 1 });
    const wrongOrder = await caseworker.execute(CASELOAD, {
      first: 1,
      after: caseload.pageInfo.endCursor,
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    expect(wrongOrder.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_CURSOR',
      field: 'after',
    });
  });

  it('exports what is listed as CSV for Excel, each person logged once', async () => {
    const before = (await exportRows()).length;
    const response = await download('?sort=NAME&direction=ASC');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="accompagnements-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(
      'Nom;Prénom;Année de naissance;Mon rôle;Référent unique;Structure du référent;Orientation;Contrat;Fin du contrat;Actions en retard;Passage de relais en cours;Prochain rendez-vous;Objectifs en cours;Dernière activité',
    );
    const rows = lines.slice(1, -1).map((line) => line.split(';'));
    expect(rows.map((row) => row[0])).toEqual(['Adam', 'Berger', 'Chevalier', 'Dumas']);
    const dumas = rows[3];
    expect(dumas.slice(1, 2)).toEqual(['Élodie']);
    expect(dumas.slice(3, 6)).toEqual(['Référent unique', 'Zoé Lefèvre', 'Mission locale Nantes']);
    expect(dumas.slice(7, 11)).toEqual([
      'PPAE',
      day(-40).split('-').reverse().join('/'),
      '1',
      'Non',
    ]);
    expect(rows[0][10]).toBe('Oui');

    const logged = (await exportRows()).slice(before);
    expect(logged.map((row) => row.person_id).sort()).toEqual(
      [people.Adam.id, people.Berger.id, people.Chevalier.id, people.Dumas.id].sort(),
    );
    expect(new Set(logged.map((row) => row.membership_id))).toEqual(new Set([zoe.membership.id]));

    const filtered = await download('?contractEnding=true');
    const filteredLines = (await filtered.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(filteredLines.slice(1).map((line) => line.split(';')[0])).toEqual([
      'Dumas',
      'Chevalier',
    ]);
    expect((await exportRows()).length).toBe(before + 6);

    // The person's own access log shows the export.
    const { accessLog } = await caseworker.data<{
      accessLog: { edges: { node: { ground: string } }[] };
    }>(`query($id: ID!) { accessLog(personId: $id, first: 5) { edges { node { ground } } } }`, {
      id: people.Dumas.id,
    });
    expect(accessLog.edges.map((edge) => edge.node.ground)).toContain('CASELOAD_EXPORT');
  });

  it('quotes cells that hold the separator, quotes or a formula', async () => {
    await relais.dataSource.query(`UPDATE person SET given_name = $2 WHERE id = $1`, [
      people.Berger.id,
      '=Arnaud; "Nono"',
    ]);
    try {
      const text = await (await download('?sort=NAME&direction=ASC')).text();
      expect(text.split('\r\n')[2]).toMatch(/^Berger;"'=Arnaud; ""Nono""";/);
    } finally {
      await relais.dataSource.query(`UPDATE person SET given_name = 'Arnaud' WHERE id = $1`, [
        people.Berger.id,
      ]);
    }
  });

  it('refuses bad query parameters and strangers, logging nothing', async () => {
    const before = (await exportRows()).length;
    const bad = await download('?inactiveForMonths=deux');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: 'INVALID_INPUT',
      reason: 'VALIDATION_FAILED',
      field: 'inactiveForMonths',
    });
    const badSort = await download('?sort=BIRTH');
    expect(badSort.status).toBe(400);
    expect(await badSort.json()).toMatchObject({ field: 'sort' });
    const unknown = await download('?colour=blue');
    expect(unknown.status).toBe(400);
    expect((await download('', null)).status).toBe(401);
    expect((await exportRows()).length).toBe(before);
  });

  it('refuses an export of more than 5,000 people, logging nothing', async () => {
    const ds = relais.dataSource;
    const account = await createAccount(ds);
    const membership = await addMembership(ds, account, {
      role: Role.PROFESSIONAL,
      structure: missionLocale,
    });
    const template = await createPerson(ds, territory, { familyName: 'Modèle' });
    await addTeamMember(ds, template, account, membership, TeamRole.REFERENT);
    // 5,000 more people like the template, in the same team (one statement each).
    await ds.query(
      `WITH copies AS (
         INSERT INTO person (territory_id, given_name, family_name, birth_date, search_name,
                             identity_key)
         SELECT territory_id, given_name, family_name || ' ' || n, birth_date,
                search_name || ' ' || n, identity_key || n
           FROM person, generate_series(1, 5000) AS n WHERE id = $1
         RETURNING id)
       INSERT INTO team_member (person_id, account_id, membership_id, structure_id, role)
       SELECT id, $2, $3, $4, 'REFERENT' FROM copies`,
      [template.id, account.id, membership.id, missionLocale.id],
    );
    const token = (await relais.signIn(account.id)).accessToken;
    const response = await download('', token);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ reason: 'EXPORT_TOO_LARGE' });
    const logged = await ds.query<unknown[]>(`SELECT 1 FROM access_log WHERE account_id = $1`, [
      account.id,
    ]);
    expect(logged).toHaveLength(0);
    // Filtered down, it goes.
    const one = await download('?text=mod%C3%A8le%205000', token);
    expect(one.status).toBe(200);
  });
});

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
  startFromEmptyTables();
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

/*
 * Two questions, answered by different code: "may I open this file?" (FileAccessService: facts
 * selected in SQL, decided by fileViewerFor) and "is it in my lists?" (the caseload and the search,
 * SQL read models). This walks every kind of caller over every kind of file, through GraphQL as
 * a client does, and checks that the answers agree as DOMAIN.md and decision 0007 say they must:
 *   - the caseload is "the people whose team you are in": a file is in it exactly when it opens
 *     with the TEAM_MEMBER ground (and the same team role), archived files being out of lists;
 *   - search shows the minimal view of the people of one's territory and says whether one
 *     follows them: `isMember` exactly when the file opens with the TEAM_MEMBER ground;
 *   - search may show more than opens (the minimal view, to ask to join), never less: whoever
 *     opens an active file finds it;
 *   - an archived file is out of both lists, and opens read-only.
 */

const OPEN = `query($id: ID!) { person(id: $id) { id access { ground teamRole canWrite } } }`;
const CASELOAD_ROLES = `query { caseload(first: 100) { edges { node { myRole person { id } } } } }`;
const SEARCH_MEMBERS = `query($q: String!) {
  searchPeople(query: $q, first: 100) { edges { node { id isMember } } }
}`;

const FILES = ['active', 'restricted', 'objection', 'archived'] as const;
type FileKind = (typeof FILES)[number];

const CALLERS = [
  'referent',
  'follower',
  'formerReferent',
  'expiredFormerReferent',
  'outsider',
  'orientationManager',
  'otherTerritory',
  'partner',
  'partnerInScope',
  'partnerOutOfScope',
] as const;
type Caller = (typeof CALLERS)[number];

interface Seen {
  /** Null: the file does not open (FORBIDDEN). */
  ground: string | null;
  teamRole: string | null;
  canWrite: boolean | null;
  /** Null: not in the caseload. */
  caseloadRole: string | null;
  found: boolean;
  isMember: boolean | null;
}

const CASES = CALLERS.flatMap((caller) => FILES.map((file) => [caller, file] as const));

/**
 * What each caller opens, per DOMAIN.md's access rules and decision 0007: team members on every
 * file (archived and restricted read-only), the former referent for 30 days, the orientation
 * manager of the territory; partner clients of the territory or of a structure in the team,
 * unless the person restricted or objected.
 */
const GROUND: Record<Caller, string | null> = {
  referent: 'TEAM_MEMBER',
  follower: 'TEAM_MEMBER',
  formerReferent: 'FORMER_REFERENT',
  expiredFormerReferent: null,
  outsider: null,
  orientationManager: 'ORIENTATION_MANAGER',
  otherTerritory: null,
  partner: 'PARTNER_CLIENT',
  partnerInScope: 'PARTNER_CLIENT',
  partnerOutOfScope: null,
};
const PARTNERS: readonly Caller[] = ['partner', 'partnerInScope', 'partnerOutOfScope'];

/**
 * Who finds an active file in search, as documented: professionals, orientation managers and
 * structure admins of the territory (the minimal view), partner clients of the territory with
 * persons:read unless the person restricted or objected; a partner scoped to a structure only
 * the people that structure follows (need to know, DOMAIN.md rule 1).
 */
function documentedFound(caller: Caller, file: FileKind): boolean {
  if (file === 'archived' || caller === 'otherTerritory') return false;
  if (caller === 'partnerOutOfScope') return false;
  if (PARTNERS.includes(caller)) return file === 'active';
  return true;
}

/** Where the lists and the file disagree, by the relations stated at the top of this file. */
function disagreements(matrix: ReadonlyMap<string, Seen>): string[] {
  const found: string[] = [];
  for (const [caller, file] of CASES) {
    const key = `${caller}/${file}`;
    const { ground, teamRole, caseloadRole, found: inSearch, isMember } = matrix.get(key) as Seen;
    const teamMember = ground === 'TEAM_MEMBER';
    // Archived files are out of lists (DOMAIN.md rule 7) but still open, read-only.
    const listed = file !== 'archived';
    if ((caseloadRole !== null) !== (teamMember && listed)) {
      found.push(`${key}: in caseload ${caseloadRole !== null}, opens as ${ground ?? 'nobody'}`);
    }
    if (caseloadRole !== null && caseloadRole !== teamRole) {
      found.push(`${key}: caseload role ${caseloadRole}, file role ${teamRole ?? 'none'}`);
    }
    if (inSearch && isMember !== teamMember) {
      found.push(`${key}: search isMember ${isMember}, opens as ${ground ?? 'nobody'}`);
    }
    if (ground !== null && listed && !inSearch) found.push(`${key}: opens but search hides it`);
  }
  return found;
}

describe('visibility agreement: the file opens for me ⇔ what the caseload and search show', () => {
  startFromEmptyTables();
  let relais: TestApp;
  const seen = new Map<string, Seen>();
  const at = (caller: Caller, file: FileKind): Seen => seen.get(`${caller}/${file}`) as Seen;

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    const territory = await createTerritory(ds);
    const elsewhere = await createTerritory(ds);
    const departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    const missionLocale = await createStructure(ds, territory, {
      type: StructureType.MISSION_LOCALE,
    });
    const franceTravail = await createStructure(ds, territory, {
      type: StructureType.FRANCE_TRAVAIL,
    });
    const association = await createStructure(ds, territory, { type: StructureType.ASSOCIATION });
    const farAway = await createStructure(ds, elsewhere, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });

    const caseworker = async (structure: StructureEntity, role = Role.PROFESSIONAL) => {
      const account = await createAccount(ds);
      const membership: MembershipEntity = await addMembership(ds, account, {
        role: role as Role.PROFESSIONAL,
        structure,
      });
      return { account, membership };
    };
    const referent = await caseworker(departement);
    const follower = await caseworker(missionLocale);
    const formerReferent = await caseworker(franceTravail);
    const expired = await caseworker(missionLocale);
    const outsider = await caseworker(franceTravail);
    const orientationManager = await caseworker(departement, Role.ORIENTATION_MANAGER);
    const otherTerritory = await caseworker(farAway);

    const files = new Map<FileKind, PersonEntity>();
    for (const [index, file] of FILES.entries()) {
      const person = await createPerson(ds, territory, {
        cafNumber: String(7_000_000 + (Date.now() % 990_000) + index),
        restricted: file === 'restricted',
        objection: file === 'objection',
        status: file === 'archived' ? PersonStatus.ARCHIVED : PersonStatus.ACTIVE,
        archivedAt: file === 'archived' ? new Date() : null,
      });
      files.set(file, person);
      const member = (
        who: typeof referent,
        role: TeamRole,
        left?: { at: Date; reason: TeamLeaveReason },
      ) => addTeamMember(ds, person, who.account, who.membership, role, left);
      await member(referent, TeamRole.REFERENT);
      await member(follower, TeamRole.FOLLOWER);
      await member(formerReferent, TeamRole.REFERENT, {
        at: new Date(Date.now() - 10 * 86_400_000),
        reason: TeamLeaveReason.HANDOVER,
      });
      await member(expired, TeamRole.REFERENT, {
        at: new Date(Date.now() - 31 * 86_400_000),
        reason: TeamLeaveReason.HANDOVER,
      });
    }

    const clients: Record<Caller, GraphqlHttpClient> = {
      referent: await relais.graphqlAs(referent.account.id),
      follower: await relais.graphqlAs(follower.account.id),
      formerReferent: await relais.graphqlAs(formerReferent.account.id),
      expiredFormerReferent: await relais.graphqlAs(expired.account.id),
      outsider: await relais.graphqlAs(outsider.account.id),
      orientationManager: await relais.graphqlAs(orientationManager.account.id),
      otherTerritory: await relais.graphqlAs(otherTerritory.account.id),
      partner: await relais.graphqlAsClient(await createApiClient(ds, territory, ['persons:read'])),
      partnerInScope: await relais.graphqlAsClient(
        await createApiClient(ds, territory, ['persons:read'], missionLocale),
      ),
      partnerOutOfScope: await relais.graphqlAsClient(
        await createApiClient(ds, territory, ['persons:read'], association),
      ),
    };

    for (const caller of CALLERS) {
      const client = clients[caller];
      const caseload = await client.execute<{
        caseload: { edges: { node: { myRole: string; person: { id: string } } }[] };
      }>(CASELOAD_ROLES);
      // A partner system is in no team: its caseload is empty (or refused, which says the same).
      const caseloadRoles = new Map(
        (caseload.data?.caseload.edges ?? []).map(({ node }) => [node.person.id, node.myRole]),
      );
      for (const file of FILES) {
        const person = files.get(file) as PersonEntity;
        const opened = await client.execute<{
          person: { access: { ground: string; teamRole: string | null; canWrite: boolean } };
        }>(OPEN, { id: person.id });
        if (!opened.data?.person) {
          expect(opened.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        }
        const search = await client.execute<{
          searchPeople: { edges: { node: { id: string; isMember: boolean } }[] };
        }>(SEARCH_MEMBERS, { q: person.cafNumber });
        const hit = search.data?.searchPeople.edges.find(({ node }) => node.id === person.id);
        seen.set(`${caller}/${file}`, {
          ground: opened.data?.person.access.ground ?? null,
          teamRole: opened.data?.person.access.teamRole ?? null,
          canWrite: opened.data?.person.access.canWrite ?? null,
          caseloadRole: caseloadRoles.get(person.id) ?? null,
          found: hit !== undefined,
          isMember: hit?.node.isMember ?? null,
        });
      }
    }
  });

  afterAll(async () => {
    await relais.close();
  });

  it('opens each file for whom the access rules say, on the ground they say', () => {
    for (const [caller, file] of CASES) {
      const expected =
        PARTNERS.includes(caller) && file !== 'active' && file !== 'archived'
          ? null
          : GROUND[caller];
      expect({ caller, file, ground: at(caller, file).ground }).toEqual({
        caller,
        file,
        ground: expected,
      });
    }
  });

  it('puts a file in my caseload, and search says I follow the person, exactly when it opens for me as a team member; search finds every active file that opens', () => {
    expect(disagreements(seen)).toEqual([]);
  });

  describe('canary: a list that disagrees with the file is caught', () => {
    const changed = (key: string, change: Partial<Seen>) =>
      new Map([...seen].map(([k, v]) => [k, k === key ? { ...v, ...change } : v]));

    it.each([
      ['a caseload missing a file of my team', 'follower/active', { caseloadRole: null }],
      [
        'a caseload holding a file I only read as former referent',
        'formerReferent/active',
        { caseloadRole: 'REFERENT' },
      ],
      ['a caseload giving me another role', 'referent/objection', { caseloadRole: 'FOLLOWER' }],
      ['a caseload holding an archived file', 'referent/archived', { caseloadRole: 'REFERENT' }],
      ['search saying I follow someone I do not', 'orientationManager/active', { isMember: true }],
      [
        'search hiding a file that opens for me',
        'partnerInScope/active',
        { found: false, isMember: null },
      ],
    ] as const)('%s', (_case, key, change) => {
      expect(disagreements(changed(key, change))).not.toEqual([]);
    });
  });

  it('finds in search whom the access rules say: the territory’s professionals, partners unless restricted or objected, a structure’s partner only its people', () => {
    for (const [caller, file] of CASES) {
      const expected = documentedFound(caller, file);
      expect({ caller, file, found: at(caller, file).found }).toEqual({
        caller,
        file,
        found: expected,
      });
    }
  });

  it('opens an archived or restricted file read-only, even to its team', () => {
    for (const caller of ['referent', 'follower'] as const) {
      expect(at(caller, 'active').canWrite).toBe(true);
      expect(at(caller, 'objection').canWrite).toBe(true);
      expect(at(caller, 'restricted').canWrite).toBe(false);
      expect(at(caller, 'archived').canWrite).toBe(false);
    }
  });
});

const SECTION = `count items { id redacted at on label structureName actorName
  person { id familyName birthYear isMember } }`;
const MY_WORK = `{ myWork {
  incomingHandovers { ${SECTION} } unassignedPeople { ${SECTION} } joinRequests { ${SECTION} }
  orientationRequests { ${SECTION} } overdueActions { ${SECTION} } endingContracts { ${SECTION} }
  appointments { ${SECTION} } unreadNotificationCount
} }`;

interface Item {
  id: string;
  redacted: boolean;
  at: string | null;
  on: string | null;
  label: string | null;
  structureName: string | null;
  actorName: string | null;
  person: { id: string; familyName: string; birthYear: number; isMember: boolean } | null;
}
type Section = { count: number; items: Item[] } | null;
interface MyWork {
  incomingHandovers: Section;
  unassignedPeople: Section;
  joinRequests: Section;
  orientationRequests: Section;
  overdueActions: Section;
  endingContracts: Section;
  appointments: Section;
  unreadNotificationCount: number;
}

const PROPOSE = `mutation($input: ProposeHandoverInput!) { proposeHandover(input: $input) { id } }`;
const REQUEST = `mutation($input: RequestOrientationInput!) { requestOrientation(input: $input) { id } }`;
const DECIDE = `mutation($input: DecideOrientationInput!) { decideOrientation(input: $input) { id handoverId } }`;

/** A date `days` from today, in Paris, as YYYY-MM-DD. */
function parisDay(days: number): string {
  const day = new Date(Date.now() + days * 86_400_000);
  return day.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
}

describe('the home, "À traiter": what waits on each persona', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let department: StructureEntity;
  let missionLocale: StructureEntity;
  let referent: Caseworker;
  let admin: Caseworker;
  let adviser: Caseworker;
  let manager: Caseworker;
  let joiner: Caseworker;
  let outsider: Caseworker;
  let handedOver: PersonEntity;
  let oriented: PersonEntity;
  let waiting: PersonEntity;
  let ids: Record<string, string>;

  const myWork = async (caseworker: Caseworker): Promise<MyWork> =>
    (await caseworker.client.data<{ myWork: MyWork }>(MY_WORK)).myWork;

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds);
    department = await createStructure(ds, territory, {
      name: 'Département',
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    missionLocale = await createStructure(ds, territory, {
      name: 'Mission locale',
      type: StructureType.MISSION_LOCALE,
    });
    const elsewhere = await createStructure(ds, await createTerritory(ds), { name: 'Ailleurs' });
    referent = await caseworkerOf(relais, department);
    admin = await caseworkerOf(relais, missionLocale, Role.STRUCTURE_ADMIN);
    adviser = await caseworkerOf(relais, missionLocale);
    manager = await caseworkerOf(relais, department, Role.ORIENTATION_MANAGER);
    joiner = await caseworkerOf(relais, department);
    outsider = await caseworkerOf(relais, elsewhere);

    handedOver = await personFollowedBy(relais, territory, referent, { familyName: 'Relayé' });
    oriented = await personFollowedBy(relais, territory, referent, { familyName: 'Orienté' });
    waiting = await personFollowedBy(relais, territory, referent, { familyName: 'Attente' });
    const quiet = await personFollowedBy(relais, territory, referent, { familyName: 'Calme' });
    const by = { createdByMembershipId: referent.membership.id };
    const action = (personId: string, title: string, status: ActionStatus, dueOn: string) =>
      ds.manager.save(
        ds.manager.create(PlanActionEntity, { personId, title, status, dueOn, ...by }),
      );
    const contract = (personId: string, startsOn: string, endsOn: string | null) =>
      ds.manager.save(
        ds.manager.create(ContractEntity, {
          personId,
          type: ContractType.CER,
          startsOn,
          endsOn,
          ...by,
        }),
      );
    const appointment = (personId: string, startsAt: Date) =>
      ds.manager.save(
        ds.manager.create(AppointmentEntity, {
          personId,
          startsAt,
          durationMinutes: 30,
          withWhom: 'Conseillère insertion',
          location: 'Nantes',
          remote: false,
          status: AppointmentStatus.PLANNED,
          ...by,
        }),
      );
    const overdue = await action(
      handedOver.id,
      'Permis B',
      ActionStatus.IN_PROGRESS,
      parisDay(-40),
    );
    await action(handedOver.id, 'Atelier CV', ActionStatus.DONE, parisDay(-40));
    await action(quiet.id, 'Stage', ActionStatus.PLANNED, parisDay(10));
    const ended = await contract(handedOver.id, parisDay(-400), parisDay(-5));
    await contract(quiet.id, parisDay(-800), parisDay(-400));
    await contract(quiet.id, parisDay(-399), parisDay(60));
    const soon = await appointment(quiet.id, new Date(Date.now() + 3_600_000));
    await appointment(quiet.id, new Date(Date.now() + 4 * 86_400_000));

    const { proposeHandover } = await referent.client.data<{ proposeHandover: { id: string } }>(
      PROPOSE,
      {
        input: {
          personId: handedOver.id,
          toStructureId: missionLocale.id,
          toAccountId: adviser.account.id,
          reason: 'Projet d’apprentissage.',
          personInformed: true,
        },
      },
    );
    const request = async (person: PersonEntity) =>
      (
        await referent.client.data<{ requestOrientation: { id: string } }>(REQUEST, {
          input: {
            personId: person.id,
            orientationType: OrientationType.PROFESSIONAL,
            reason: 'Projet professionnel mûr.',
          },
        })
      ).requestOrientation.id;
    const pendingOrientation = await request(oriented);
    const acceptedOrientation = await request(waiting);
    const { decideOrientation } = await manager.client.data<{
      decideOrientation: { handoverId: string };
    }>(DECIDE, {
      input: { requestId: acceptedOrientation, accept: true, targetStructureId: missionLocale.id },
    });
    const joinRequest = await askToJoin(joiner.client, quiet.id);
    ids = {
      overdue: overdue.id,
      ended: ended.id,
      soon: soon.id,
      handover: proposeHandover.id,
      pendingOrientation,
      unassigned: decideOrientation.handoverId,
      joinRequest,
    };
  });

  afterAll(async () => {
    await relais.close();
  });

  it('the referent: the overdue action, the ended contract, today’s appointment, the request to join', async () => {
    const work = await myWork(referent);
    expect(work.overdueActions).toMatchObject({
      count: 1,
      items: [{ id: ids.overdue, label: 'Permis B', on: parisDay(-40), redacted: false }],
    });
    expect(work.overdueActions?.items[0].person).toMatchObject({
      id: handedOver.id,
      isMember: true,
    });
    expect(work.endingContracts).toMatchObject({
      count: 1,
      items: [{ id: ids.ended, label: 'CER', on: parisDay(-5) }],
    });
    expect(work.appointments).toMatchObject({
      count: 1,
      items: [{ id: ids.soon, label: 'Conseillère insertion' }],
    });
    expect(work.joinRequests).toMatchObject({ count: 1, items: [{ id: ids.joinRequest }] });
    expect(work.joinRequests?.items[0].actorName).toBeTruthy();
    expect(work.incomingHandovers).toEqual({ count: 0, items: [] });
    // Not a referent's work.
    expect(work.unassignedPeople).toBeNull();
    expect(work.orientationRequests).toBeNull();
  });

  it('the structure admin: the handover to their structure and the oriented person without a referent', async () => {
    const work = await myWork(admin);
    expect(work.incomingHandovers).toMatchObject({
      count: 1,
      items: [{ id: ids.handover, structureName: 'Département', person: { id: handedOver.id } }],
    });
    expect(work.unassignedPeople).toMatchObject({
      count: 1,
      items: [{ id: ids.unassigned, person: { id: waiting.id, isMember: false } }],
    });
    expect(work.joinRequests).toEqual({ count: 0, items: [] });
    expect(work.overdueActions).toBeNull();
    expect(work.appointments).toBeNull();
    // The named adviser has the handover too, not the oriented person.
    const named = await myWork(adviser);
    expect(named.incomingHandovers).toMatchObject({ count: 1, items: [{ id: ids.handover }] });
    expect(named.unassignedPeople).toBeNull();
  });

  it('the orientation manager: the pending orientation and the request to join of the territory', async () => {
    const work = await myWork(manager);
    expect(work.orientationRequests).toMatchObject({
      count: 1,
      items: [{ id: ids.pendingOrientation, label: 'PROFESSIONAL', person: { id: oriented.id } }],
    });
    expect(work.joinRequests).toMatchObject({ count: 1, items: [{ id: ids.joinRequest }] });
    expect(work.incomingHandovers).toBeNull();
    expect(work.overdueActions).toBeNull();
  });

  it('an outsider sees nothing of others’ files; partner clients are refused', async () => {
    const work = await myWork(outsider);
    const described = JSON.stringify(work);
    for (const person of [handedOver, oriented, waiting]) {
      expect(described).not.toContain(person.id);
      expect(described).not.toContain(person.familyName);
    }
    for (const section of [
      work.incomingHandovers,
      work.joinRequests,
      work.overdueActions,
      work.endingContracts,
      work.appointments,
    ]) {
      expect(section).toEqual({ count: 0, items: [] });
    }
    const unsigned = await relais.graphql.execute(MY_WORK);
    expect(unsigned.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts the unread notifications as the bell does', async () => {
    // The request to join and the orientation's outcome reach the referent through the outbox.
    await waitUntil(async () => {
      const data = await referent.client.data<{
        myWork: { unreadNotificationCount: number };
        unreadNotificationCount: number;
      }>('{ myWork { unreadNotificationCount } unreadNotificationCount }');
      return (
        data.unreadNotificationCount > 0 &&
        data.myWork.unreadNotificationCount === data.unreadNotificationCount
      );
    });
  });

  it('costs one SQL statement after authentication, however many items', async () => {
    const statementsOf = (caseworker: Caseworker, query: string) =>
      countStatements(relais.dataSource, async () => {
        const result = await caseworker.client.execute(query);
        expect(result.errors).toBeUndefined();
      });
    // The bell's count: authentication and one SELECT.
    const baseline = await statementsOf(referent, '{ unreadNotificationCount }');
    const referentHome = await statementsOf(referent, MY_WORK);
    const adminHome = await statementsOf(admin, MY_WORK);
    const outsiderHome = await statementsOf(outsider, MY_WORK);
    process.stdout.write(
      `myWork: ${referentHome} SQL statements (referent), ${adminHome} (admin), ${outsiderHome} (outsider); unreadNotificationCount: ${baseline}\n`,
    );
    expect([referentHome, adminHome, outsiderHome]).toEqual([baseline, baseline, baseline]);
  });
});
