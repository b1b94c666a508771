import { randomBytes } from 'node:crypto';
import { Role } from '@relais/identity';
import type { TerritoryEntity } from '@relais/organizations';
import {
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
  type TestApp,
} from '@relais/testing';
import pg from 'pg';
import { eventually } from '../notifications/notification-support.js';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import { nirWithKey, type Report, sampleFile } from './import-support.js';

const CASELOAD = `query { caseload(first: 20) { edges { node { myRole referentName person { familyName givenName } } } } }`;

describe('bulk imports through the API', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let adminToken: string;

  const upload = async (
    kind: string,
    body: Buffer | string,
    options: { dryRun?: boolean; token?: string | null; type?: string; code?: string } = {},
  ): Promise<{ status: number; body: Report & { error?: string; field?: string } }> => {
    const query = options.dryRun ? '?dryRun=true' : '';
    const response = await fetch(
      `${relais.baseUrl}/territories/${options.code ?? territory.code}/imports/${kind}${query}`,
      {
        method: 'POST',
        headers: {
          'content-type': options.type ?? 'text/csv',
          ...(options.token === null
            ? {}
            : { authorization: `Bearer ${options.token ?? adminToken}` }),
        },
        body,
      },
    );
    return {
      status: response.status,
      body: (await response.json()) as Report & { error?: string; field?: string },
    };
  };

  const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> =>
    Number(
      (
        await relais.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM ${table} WHERE ${where}`,
          params,
        )
      )[0]?.n,
    );

  /** Everything an import may write, to show that a run wrote nothing. */
  const footprint = async () => ({
    structures: await count('structure'),
    accounts: await count('account'),
    memberships: await count('membership'),
    people: await count('person'),
    team: await count('team_member'),
    timeline: await count('timeline_event'),
    imports: await count('import_run'),
    audit: await count('admin_audit_event'),
  });

  beforeAll(async () => {
    relais = await startRelais();
    territory = await createTerritory(relais.dataSource, { code: '44', name: 'Loire-Atlantique' });
    const admin = await createAccount(relais.dataSource, [
      { role: Role.TERRITORY_ADMIN, territory },
    ]);
    adminToken = (await relais.signIn(admin.id)).accessToken;
  });

  afterAll(async () => {
    await relais.close();
  });

  it('imports the sample files in order, and the imported caseworker finds her people', async () => {
    const before = await footprint();
    const dry = await upload('structures', sampleFile('structures'), { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      applied: false,
      encoding: 'UTF-8',
      delimiter: ';',
      rows: 4,
      counts: { created: 4, updated: 0, unchanged: 0, skipped: 0 },
      errorCount: 0,
    });
    expect(await footprint()).toEqual(before);

    for (const [kind, rows] of [
      ['structures', 4],
      ['accounts', 4],
      ['people', 3],
      ['team', 4],
    ] as const) {
      const run = await upload(kind, sampleFile(kind));
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({
        applied: true,
        rows,
        errorCount: 0,
        counts: { created: rows },
      });
      expect(run.body.importId).toEqual(expect.any(String) as string);
    }
    const [structure] = await relais.dataSource.query<
      { name: string; type: string; city: string }[]
    >(
      `SELECT name, type, city FROM structure WHERE territory_id = $1 AND external_id = 'CCAS-REZE'`,
      [territory.id],
    );
    expect(structure).toEqual({ name: 'CCAS de Rezé', type: 'CCAS', city: 'Rezé' });
    const [person] = await relais.dataSource.query<Record<string, unknown>[]>(
      `SELECT given_name, family_name, birth_name, birth_date::text, gender, birthplace, birth_country,
              phone, caf_number, rights::text[], rights_and_duties
         FROM person WHERE territory_id = $1 AND external_id = 'SOLIS-000101'`,
      [territory.id],
    );
    expect(person).toEqual({
      given_name: 'Émilie',
      family_name: 'Lefèvre',
      birth_name: 'Durand',
      birth_date: '1985-03-12',
      gender: 'FEMALE',
      birthplace: '44109',
      birth_country: '99100',
      phone: '0612345678',
      caf_number: '1234567',
      rights: ['RSA'],
      rights_and_duties: true,
    });

    // Claire, imported as a professional, signs in and finds the people she is referent of.
    const [claire] = await relais.dataSource.query<{ id: string }[]>(
      `SELECT id FROM account WHERE email = 'claire.martin@loire-atlantique.example'`,
    );
    const asClaire = await relais.graphqlAs(claire.id);
    const caseload = await asClaire.execute<{
      caseload: {
        edges: { node: { myRole: string; referentName: string; person: { familyName: string } } }[];
      };
    }>(CASELOAD);
    expect(caseload.errors).toBeUndefined();
    expect(
      caseload.data?.caseload.edges.map(({ node }) => [node.person.familyName, node.myRole]).sort(),
    ).toEqual([
      ['Lefèvre', 'REFERENT'],
      ["N'Diaye", 'REFERENT'],
    ]);
    // Every imported file says in its timeline who created it and who joined.
    expect(await count('timeline_event', `type = 'person.created'`)).toBe(3);
    expect(await count('timeline_event', `type = 'team.joined'`)).toBe(4);
    // The admin audit names each run, without the file's content.
    const audit = await relais.dataSource.query<
      { action: string; after: Record<string, unknown> }[]
    >(`SELECT action, after FROM admin_audit_event WHERE action LIKE 'import.%' ORDER BY seq`);
    expect(audit.map((event) => event.action)).toEqual([
      'import.structures',
      'import.accounts',
      'import.people',
      'import.team',
    ]);
    expect(audit[2]?.after).toMatchObject({ fileName: 'people.csv', rows: 3, created: 3 });

    // Running the same files again changes nothing: the import is idempotent.
    const settled = await footprint();
    for (const kind of ['structures', 'accounts', 'people', 'team'] as const) {
      const again = await upload(kind, sampleFile(kind));
      expect(again.body).toMatchObject({ applied: true, counts: { created: 0, updated: 0 } });
    }
    const after = await footprint();
    expect({ ...after, imports: settled.imports, audit: settled.audit }).toEqual(settled);
  });

  it('reads a Windows-1252 file with commas and English headers, and records a rectification in the timeline', async () => {
    const english = [
      'external_id,last name,first name,birth date,phone,nir',
      `ENG-1,Bécaud,François,1979-02-14,06 11 22 33 44,${nirWithKey('1790244109123')}`,
      'ENG-2,Müller,Zoé,31/12/2000,,',
    ].join('\r\n');
    const first = await upload('people', Buffer.from(english, 'latin1'));
    expect(first.body).toMatchObject({
      applied: true,
      encoding: 'WINDOWS-1252',
      delimiter: ',',
      counts: { created: 2 },
    });
    const [row] = await relais.dataSource.query<
      { id: string; family_name: string; given_name: string }[]
    >(`SELECT id, family_name, given_name FROM person WHERE external_id = 'ENG-1'`);
    expect(row).toMatchObject({ family_name: 'Bécaud', given_name: 'François' });

    const changed = english
      .replace('06 11 22 33 44', '07 55 66 77 88')
      .replace(/\d{15}$/m, nirWithKey('1790244109124'));
    const second = await upload('people', Buffer.from(changed, 'latin1'));
    expect(second.body).toMatchObject({
      applied: true,
      counts: { created: 0, updated: 1, unchanged: 1 },
    });
    const [event] = await relais.dataSource.query<
      { before: Record<string, unknown>; after: Record<string, unknown> }[]
    >(`SELECT before, after FROM timeline_event WHERE person_id = $1 AND type = 'person.updated'`, [
      row.id,
    ]);
    // The old value stays in the history; the NIR is never repeated there.
    expect(event).toEqual({
      before: { phone: '0611223344', nir: '(masqué)' },
      after: { phone: '0755667788', nir: '(masqué)' },
    });
  });

  it('takes over a person created in Relais when the file has their NIR, instead of a duplicate', async () => {
    const nir = nirWithKey('2850375056789');
    const existing = await createPerson(relais.dataSource, territory, {
      givenName: 'Inès',
      familyName: 'Roussel',
    });
    await relais.dataSource.query(`UPDATE person SET nir = $1 WHERE id = $2`, [nir, existing.id]);
    const file = `identifiant;nom;prénom;date de naissance;nir\nADOPT-1;Roussel;Inès;12/03/1990;${nir}\n`;
    const run = await upload('people', file);
    expect(run.body).toMatchObject({ applied: true, counts: { created: 0, updated: 1 } });
    const rows = await relais.dataSource.query<{ id: string; external_id: string }[]>(
      `SELECT id, external_id FROM person WHERE nir = $1`,
      [nir],
    );
    expect(rows).toEqual([{ id: existing.id, external_id: 'ADOPT-1' }]);
  });

  it('leaves out, with a warning, a person whose processing is restricted', async () => {
    await upload(
      'people',
      `identifiant;nom;prénom;date de naissance\nRESTR-1;Morel;Jade;01/02/1995\n`,
    );
    await relais.dataSource.query(
      `UPDATE person SET restricted = true WHERE external_id = 'RESTR-1'`,
    );
    const run = await upload(
      'people',
      `identifiant;nom;prénom;date de naissance\nRESTR-1;Morel-Petit;Jade;01/02/1995\n`,
    );
    expect(run.body).toMatchObject({
      applied: true,
      counts: { updated: 0, skipped: 1 },
      warningCount: 1,
    });
    expect(run.body.warnings[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('read-only') as string,
    });
    expect(await count('person', `external_id = 'RESTR-1' AND family_name = 'Morel'`)).toBe(1);
  });

  describe('bad input: a clear report, nothing written', () => {
    const people = (lines: string[]) =>
      ['identifiant;nom;prénom;date de naissance;code postal', ...lines].join('\n');

    it.each([
      [
        'a file in UTF-16',
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(people(['BAD-1;Morel;Jade;01/02/1995;44000']), 'utf16le'),
        ]),
        { line: 1, column: null, message: expect.stringContaining('UTF-16') as string },
      ],
      [
        'a missing column',
        'identifiant;nom;prénom;code postal\nBAD-1;Morel;Jade;44000\n',
        {
          line: 1,
          column: 'birth_date',
          message: expect.stringContaining('date de naissance') as string,
        },
      ],
      [
        'a date in another format',
        people(['BAD-1;Morel;Jade;01/02/1995;44000', 'BAD-2;Morel;Léo;1995/02/01;44000']),
        {
          line: 3,
          column: 'birth_date',
          message: expect.stringContaining('"1995/02/01" is not a date') as string,
        },
      ],
      [
        'a duplicate row',
        people([
          'BAD-1;Morel;Jade;01/02/1995;44000',
          'BAD-2;Morel;Léo;02/02/1995;44000',
          'BAD-1;Morel;Jade;01/02/1995;44000',
        ]),
        {
          line: 4,
          column: 'external_id',
          message: expect.stringContaining('already on line 2') as string,
        },
      ],
      [
        'a line with a field too many',
        people(['BAD-1;Morel;Jade;01/02/1995;44000;oops']),
        {
          line: 2,
          column: null,
          message: expect.stringContaining('6 fields; the header has 5') as string,
        },
      ],
    ])('%s', async (_case, file, problem) => {
      const before = await footprint();
      const dry = await upload('people', file, { dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body.applied).toBe(false);
      expect(dry.body.errors).toContainEqual(problem);
      const real = await upload('people', file);
      expect(real.status).toBe(422);
      expect(real.body).toMatchObject({ applied: false, importId: null });
      expect(real.body.errors).toContainEqual(problem);
      expect(await footprint()).toEqual(before);
    });

    it('an unknown structure in the accounts file', async () => {
      const before = await footprint();
      const file = 'courriel;prénom;nom;structure\nnew.one@example.org;Nina;Perez;NOWHERE\n';
      const real = await upload('accounts', file);
      expect(real.status).toBe(422);
      expect(real.body.errors).toEqual([
        { line: 2, column: 'structure', message: expect.stringContaining('"NOWHERE"') as string },
      ]);
      expect(await footprint()).toEqual(before);
    });

    it('50 MB of garbage', async () => {
      const before = await footprint();
      const real = await upload('people', randomBytes(50 * 1024 * 1024));
      expect(real.status).toBe(422);
      expect(real.body.errors).toEqual([
        {
          line: expect.any(Number) as number,
          column: null,
          message: expect.stringMatching(
            /not text|neither UTF-8 nor Windows-1252|UTF-16/,
          ) as string,
        },
      ]);
      expect(await footprint()).toEqual(before);
    });

    it('a file that is not sent as CSV, an unknown kind, or a bad dryRun', async () => {
      expect((await upload('people', '{"a":1}', { type: 'application/json' })).body).toMatchObject({
        error: 'INVALID_INPUT',
        field: 'file',
      });
      expect((await upload('pets', 'x;y\n')).body).toMatchObject({
        error: 'INVALID_INPUT',
        field: 'kind',
      });
      const response = await fetch(`${relais.baseUrl}/territories/44/imports/people?dryRun=maybe`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminToken}` },
        body: 'a;b\n',
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ field: 'dryRun' });
    });
  });

  it('refuses callers who are not the territory admin', async () => {
    const structure = await createStructure(relais.dataSource, territory);
    const professional = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure },
    ]);
    const elsewhere = await createTerritory(relais.dataSource, { code: '85' });
    const otherAdmin = await createAccount(relais.dataSource, [
      { role: Role.TERRITORY_ADMIN, territory: elsewhere },
    ]);
    const file = sampleFile('structures');
    expect((await upload('structures', file, { token: null })).status).toBe(401);
    const asProfessional = await upload('structures', file, {
      token: (await relais.signIn(professional.id)).accessToken,
    });
    expect(asProfessional.status).toBe(403);
    const asOtherAdmin = await upload('structures', file, {
      token: (await relais.signIn(otherAdmin.id)).accessToken,
    });
    expect(asOtherAdmin.status).toBe(403);
    // An unknown territory gets the same answer as someone else's.
    expect((await upload('structures', file, { code: '976' })).status).toBe(403);
  });

  it('runs one import at a time per territory', async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [0x1a9e5, territory.id]);
      const busy = await upload('structures', sampleFile('structures'));
      expect(busy.status).toBe(409);
      expect(busy.body).toMatchObject({
        error: 'CONFLICT',
        message: expect.stringContaining('already running') as string,
      });
      // A dry run writes nothing and does not wait for the running import.
      expect((await upload('structures', sampleFile('structures'), { dryRun: true })).status).toBe(
        200,
      );
    } finally {
      await client.end();
    }
  });

  it('keeps answering other requests while a large file is imported', async () => {
    const lines = ['identifiant;nom;prénom;date de naissance'];
    for (let index = 0; index < 40_000; index += 1) {
      lines.push(
        `BIG-${index};Nom${index};Prénom;${String((index % 28) + 1).padStart(2, '0')}/0${(index % 9) + 1}/19${50 + (index % 50)}`,
      );
    }
    const finished: string[] = [];
    const importing = upload('people', lines.join('\n')).then((result) => {
      finished.push('import');
      return result;
    });
    // Waits until the import holds its territory's lock (it has begun its work), or has ended.
    const importHoldsTheLock = async (): Promise<boolean> =>
      (
        await relais.dataSource.query<unknown[]>(
          `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
              AND classid = $1 AND objid = hashtext($2)::oid AND objsubid = 2`,
          [0x1a9e5, territory.id],
        )
      ).length > 0;
    await eventually(
      async () => finished.length > 0 || (await importHoldsTheLock()),
      (begun) => begun,
    );
    const health = await fetch(`${relais.baseUrl}/health/live`);
    finished.push('health');
    expect(health.status).toBe(200);
    const result = await importing;
    expect(result.body).toMatchObject({ applied: true, counts: { created: 40_000 } });
    expect(finished).toEqual(['health', 'import']);
  });
});
