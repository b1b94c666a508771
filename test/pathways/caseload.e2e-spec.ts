import { Role, type AccountEntity, type MembershipEntity } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamRole } from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais } from '../support/app.js';

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
