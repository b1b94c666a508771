import { extractText, getDocumentProxy } from 'unpdf';
import { verifyAccessLog } from '@relais/access';
import { AccessTokenService, Role, type AccountEntity } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import {
  ContractSought,
  OrientationType,
  type PersonEntity,
  PersonRight,
  PersonStatus,
  TeamLeaveReason,
  TeamRole,
} from '@relais/pathways';
import {
  addMembership,
  addTeamMember,
  createAccount,
  createApiClient,
  createPerson,
  createStructure,
  createTerritory,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

const ADD_OBSTACLE = `mutation($input: AddObstacleInput!) { addObstacle(input: $input) { id } }`;
const ADD_CONTRACT = `mutation($input: AddContractInput!) { addContract(input: $input) { id } }`;
const ADD_GOAL = `mutation($input: AddGoalInput!) { addGoal(input: $input) { id } }`;
const ADD_ACTION = `mutation($input: AddActionInput!) { addAction(input: $input) { id } }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id } }`;
const ADD_NOTE = `mutation($input: AddNoteInput!) { addNote(input: $input) { id version } }`;
const EDIT_NOTE = `mutation($input: EditNoteInput!) { editNote(input: $input) { id version } }`;
const TIMELINE = `query($id: ID!) {
  person(id: $id) {
    timeline(first: 5) { edges { node { type after actor { name structureName } } } }
  }
}`;
const ACCESS_LOG = `query($personId: ID!) {
  accessLog(personId: $personId, first: 5) { edges { node { ground readerName role structureName } } }
}`;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
/** More events than one timeline page (100): the export must read them all. */
const PAST_EVENTS = 130;

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** A PDF as pdf.js (Mozilla's reader, through unpdf) reads it. */
async function readPdf(pdf: Buffer): ReturnType<typeof getDocumentProxy> {
  return getDocumentProxy(new Uint8Array(pdf));
}

/** The text a PDF shows, its lines joined by spaces (where a line wraps depends on the font). */
async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await readPdf(pdf), { mergePages: true });
  return text.replace(/\s*\n\s*/g, ' ');
}

interface PdfStructure {
  /** Every structure role of the tag tree. */
  roles: Set<string>;
  /** The headings in reading order, with their level. */
  headings: { role: string; text: string }[];
  /** Text drawn outside any tag or artifact: what a screen reader would miss or misplace. */
  untagged: string[];
  /** Text marked as decoration (page footers). */
  artifacts: string[];
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** The tag tree and the text of each tag of a PDF, page by page, as pdf.js reads them. */
async function pdfStructure(bytes: Buffer): Promise<PdfStructure> {
  const pdf = await readPdf(bytes);
  const found: PdfStructure = {
    roles: new Set(),
    headings: [],
    untagged: [],
    artifacts: [],
  };
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const textOf = new Map<string, string>();
    const open: { tag: string; id?: string }[] = [];
    const content = await page.getTextContent({ includeMarkedContent: true });
    for (const item of content.items) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') open.pop();
        else open.push({ tag: (item as { tag?: string }).tag ?? '', id: item.id || undefined });
        continue;
      }
      if (!item.str.trim()) continue;
      const tagged = open.findLast((marked) => marked.id);
      if (open.some((marked) => marked.tag === 'Artifact')) found.artifacts.push(item.str);
      else if (tagged?.id) textOf.set(tagged.id, (textOf.get(tagged.id) ?? '') + item.str);
      else found.untagged.push(item.str);
    }
    const text = (node: StructNode): string =>
      node.type === 'content'
        ? (textOf.get(node.id ?? '') ?? '')
        : (node.children ?? []).map(text).join('');
    const walk = (node: StructNode): void => {
      if (node.role) found.roles.add(node.role);
      if (node.role && /^H\d$/.test(node.role))
        found.headings.push({ role: node.role, text: text(node) });
      node.children?.forEach(walk);
    };
    walk(await page.getStructTree());
  }
  return found;
}

/** Each font a PDF draws with, and whether its file is embedded, as pdf.js loads them. */
async function pdfFonts(bytes: Buffer): Promise<{ name: string; embedded: boolean }[]> {
  const pdf = await readPdf(bytes);
  const fonts = new Map<string, boolean>();
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    await page.getOperatorList();
    for (const [, font] of page.commonObjs as Iterable<
      [string, { name?: string; missingFile?: boolean }]
    >) {
      if (font?.name) fonts.set(font.name, font.missingFile === false);
    }
  }
  return [...fonts].map(([name, embedded]) => ({ name, embedded }));
}

describe('RGPD right of access: the referent exports the whole file (decision 0013)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let missionLocale: StructureEntity;
  let franceTravail: StructureEntity;
  let departement: StructureEntity;
  let person: PersonEntity;
  const tokens: Record<string, string> = {};
  const accounts: Record<string, AccountEntity> = {};
  let referent: GraphqlHttpClient;
  let follower: GraphqlHttpClient;
  const ids: Record<string, string> = {};

  const download = async (path: string, who?: string): Promise<Download> => {
    const response = await fetch(`${relais.baseUrl}${path}`, {
      headers: who ? { authorization: `Bearer ${tokens[who]}` } : {},
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };
  const exportJson = async (personId: string, who: string) => {
    const got = await download(`/people/${personId}/export.json`, who);
    return { ...got, body: JSON.parse(got.bytes.toString('utf8')) as Record<string, unknown> };
  };

  const signIn = async (
    key: string,
    givenName: string,
    familyName: string,
    place: Parameters<typeof addMembership>[2],
  ) => {
    const account = await createAccount(relais.dataSource, [], { givenName, familyName });
    const membership = await addMembership(relais.dataSource, account, place);
    accounts[key] = account;
    tokens[key] = (await relais.signIn(account.id)).accessToken;
    return { account, membership };
  };

  /** Zoé Lefèvre, the signed-in referent, becomes the referent of one more person. */
  const makeReferent = async (someone: PersonEntity): Promise<void> => {
    const ds = relais.dataSource;
    const [stay] = await ds.query<{ id: string }[]>(
      `SELECT id FROM membership WHERE account_id = $1`,
      [accounts.referent.id],
    );
    await addTeamMember(
      ds,
      someone,
      accounts.referent,
      { id: stay.id, structureId: missionLocale.id },
      TeamRole.REFERENT,
    );
  };

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds, { name: 'Loire-Atlantique' });
    missionLocale = await createStructure(ds, territory, {
      type: StructureType.MISSION_LOCALE,
      name: 'Mission locale Nantes Métropole',
    });
    franceTravail = await createStructure(ds, territory, {
      type: StructureType.FRANCE_TRAVAIL,
      name: 'France Travail Nantes Est',
    });
    departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
      name: 'Département de Loire-Atlantique',
    });
    const elsewhere = await createTerritory(ds);
    const elsewhereStructure = await createStructure(ds, elsewhere);

    const ref = await signIn('referent', 'Zoé', 'Lefèvre', {
      role: Role.PROFESSIONAL,
      structure: missionLocale,
    });
    const fol = await signIn('follower', 'Noé', 'Garnier', {
      role: Role.PROFESSIONAL,
      structure: franceTravail,
    });
    const former = await signIn('former', 'Anaïs', 'Roux', {
      role: Role.PROFESSIONAL,
      structure: departement,
    });
    await signIn('manager', 'Chloé', 'Bernard', {
      role: Role.ORIENTATION_MANAGER,
      structure: departement,
    });
    await signIn('stranger', 'Hugo', 'Petit', {
      role: Role.PROFESSIONAL,
      structure: elsewhereStructure,
    });
    await signIn('admin', 'Inès', 'Moreau', { role: Role.TERRITORY_ADMIN, territory });
    const partner = await createApiClient(ds, territory, ['persons:read', 'sensitive:read']);
    tokens.partner = await relais.app
      .get(AccessTokenService)
      .issueForClient(partner.id, partner.scopes, partner.secretRotatedAt.getTime());

    person = await createPerson(ds, territory, {
      givenName: 'Léa',
      familyName: 'Dupré-Cœur',
      email: 'lea.dupre@example.test',
      phone: '0612345678',
      addressLine: '3 rue de la Fosse',
      postalCode: '44000',
      city: 'Nantes',
      cafNumber: '1234567',
      franceTravailId: 'FT4400123',
      rights: [PersonRight.RSA, PersonRight.RQTH],
      rightsAndDuties: true,
      orientationType: OrientationType.SOCIO_PROFESSIONAL,
      orientationStructureId: missionLocale.id,
      targetJob: 'Cariste',
      romeCode: 'N1101',
      mobilityRadiusKm: 25,
      contractsSought: [ContractSought.CDI, ContractSought.INTERIM],
    });
    await addTeamMember(ds, person, ref.account, ref.membership, TeamRole.REFERENT);
    await addTeamMember(ds, person, fol.account, fol.membership, TeamRole.FOLLOWER);
    await addTeamMember(ds, person, former.account, former.membership, TeamRole.FOLLOWER, {
      at: new Date('2026-03-01T10:00:00Z'),
      reason: TeamLeaveReason.LEFT,
    });

    // A long history first, so the file's own changes are the newest page.
    await ds.query(
      `INSERT INTO timeline_event (person_id, actor_account_id, actor_membership_id, type,
         subject_type, subject_id, occurred_at, after)
       SELECT $1, $2, $3, 'person.updated', 'Person', $1,
         now() - make_interval(days => 400 - n), jsonb_build_object('city', 'Ville ' || n)
       FROM generate_series(1, $4) AS n`,
      [person.id, ref.account.id, ref.membership.id, PAST_EVENTS],
    );

    referent = await relais.graphqlAs(ref.account.id);
    follower = await relais.graphqlAs(fol.account.id);
    const add = async (query: string, input: Record<string, unknown>, as = referent) =>
      Object.values(
        await as.data<Record<string, { id: string; version?: number }>>(query, { input }),
      )[0];
    ids.health = (
      await add(ADD_OBSTACLE, {
        personId: person.id,
        theme: 'HEALTH',
        status: 'BEING_ADDRESSED',
        comment: 'Suivi psychologique au CMP',
      })
    ).id;
    ids.mobility = (
      await add(ADD_OBSTACLE, {
        personId: person.id,
        theme: 'MOBILITY',
        status: 'IDENTIFIED',
        comment: 'Pas de permis B',
      })
    ).id;
    ids.contract = (
      await add(ADD_CONTRACT, { personId: person.id, type: 'CER', startsOn: '2026-02-01' })
    ).id;
    ids.goal = (await add(ADD_GOAL, { personId: person.id, title: 'Obtenir le CACES' })).id;
    ids.action = (
      await add(ADD_ACTION, {
        personId: person.id,
        title: 'Inscription à la formation CACES',
        goalId: ids.goal,
        dueOn: '2026-12-15',
      })
    ).id;
    ids.appointment = (
      await add(SCHEDULE, {
        personId: person.id,
        startsAt: '2026-12-01T09:30:00.000Z',
        durationMinutes: 45,
        withWhom: 'Zoé Lefèvre',
        location: 'Mission locale, 2 rue Paré',
      })
    ).id;
    const note = await add(ADD_NOTE, {
      personId: person.id,
      body: 'Premier entretien : projet de cariste',
      visibility: 'TEAM',
      sensitive: false,
    });
    ids.note = note.id;
    await add(EDIT_NOTE, {
      noteId: note.id,
      version: note.version,
      body: 'Premier entretien : projet de cariste, très motivée',
    });
    await add(
      ADD_NOTE,
      {
        personId: person.id,
        body: 'Note personnelle du suiveur, à ne pas diffuser',
        visibility: 'AUTHOR',
        sensitive: false,
      },
      follower,
    );
  });

  afterAll(async () => {
    await relais.close();
  });

  it('gives the referent the whole file as a JSON download, every section filled', async () => {
    const before = await relais.dataSource.query<{ last_activity_at: Date }[]>(
      `SELECT last_activity_at FROM person WHERE id = $1`,
      [person.id],
    );
    const got = await exportJson(person.id, 'referent');

    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toMatch(/^application\/json/);
    expect(got.headers.get('content-disposition')).toMatch(
      /^attachment; filename="dossier-dupre-coeur-lea-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(got.headers.get('cache-control')).toBe('no-store');
    const file = got.body;
    expect(file).toMatchObject({
      layout: 'relais.file-export/1',
      format: 'JSON',
      exportedBy: { name: 'Zoé Lefèvre', structureName: 'Mission locale Nantes Métropole' },
      person: {
        id: person.id,
        givenName: 'Léa',
        familyName: 'Dupré-Cœur',
        birthDate: '1988-04-12',
        email: 'lea.dupre@example.test',
        city: 'Nantes',
        territory: { code: territory.code, name: 'Loire-Atlantique' },
        status: 'ACTIVE',
      },
      identifiers: { cafNumber: '1234567', franceTravailId: 'FT4400123', nirRedacted: false },
      rights: {
        rights: ['RSA', 'RQTH'],
        sensitiveRightsRedacted: false,
        rightsAndDuties: true,
      },
      orientation: {
        type: 'SOCIO_PROFESSIONAL',
        structureName: 'Mission locale Nantes Métropole',
      },
      professionalProject: {
        targetJob: 'Cariste',
        romeCode: 'N1101',
        mobilityRadiusKm: 25,
        contractsSought: ['CDI', 'INTERIM'],
      },
      rgpd: { restricted: false, objection: false },
      hidden: { privateNotes: 1, redactedItems: 0 },
    });
    expect(file.team).toEqual([
      expect.objectContaining({ givenName: 'Zoé', role: 'REFERENT', leftAt: null }),
      expect.objectContaining({ givenName: 'Noé', role: 'FOLLOWER', leftAt: null }),
      expect.objectContaining({
        givenName: 'Anaïs',
        structureName: 'Département de Loire-Atlantique',
        leftReason: 'LEFT',
      }),
    ]);
    // The sensitive obstacle, in full: the referent reads sensitive data (ADR 0007).
    expect(file.obstacles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: ids.health,
          theme: 'HEALTH',
          sensitive: true,
          redacted: false,
          comment: 'Suivi psychologique au CMP',
        }),
        expect.objectContaining({
          id: ids.mobility,
          theme: 'MOBILITY',
          comment: 'Pas de permis B',
        }),
      ]),
    );
    expect(file.contracts).toEqual([
      expect.objectContaining({ id: ids.contract, type: 'CER', startsOn: '2026-02-01' }),
    ]);
    expect(file.goals).toEqual([
      expect.objectContaining({ id: ids.goal, title: 'Obtenir le CACES' }),
    ]);
    expect(file.actions).toEqual([
      expect.objectContaining({
        id: ids.action,
        title: 'Inscription à la formation CACES',
        goalId: ids.goal,
        dueOn: '2026-12-15',
      }),
    ]);
    expect(file.appointments).toEqual([
      expect.objectContaining({
        id: ids.appointment,
        startsAt: '2026-12-01T09:30:00.000Z',
        withWhom: 'Zoé Lefèvre',
        location: 'Mission locale, 2 rue Paré',
      }),
    ]);
    expect(file.notes).toEqual([
      expect.objectContaining({
        id: ids.note,
        body: 'Premier entretien : projet de cariste, très motivée',
        authorName: 'Zoé Lefèvre',
        history: [
          expect.objectContaining({ version: 1, body: 'Premier entretien : projet de cariste' }),
        ],
      }),
    ]);
    // Every event, past the first page: the long history, the file's changes, this export.
    const timeline = file.timeline as { type: string; after: Record<string, unknown> | null }[];
    expect(timeline.length).toBeGreaterThan(100);
    expect(timeline.filter((event) => event.type === 'person.updated')).toHaveLength(PAST_EVENTS);
    expect(timeline.at(-1)).toMatchObject({ type: 'person.updated', after: { city: 'Ville 1' } });
    expect(timeline[0]).toMatchObject({ type: 'file.exported', after: { format: 'JSON' } });
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['obstacle.added', 'goal.added', 'note.added', 'note.edited']),
    );
    // Nothing of the viewer's own session or scope leaks into the file.
    expect(JSON.stringify(file)).not.toMatch(/sessionId|memberships|"scope"/);

    // An export is not activity: it does not put off archiving.
    const after = await relais.dataSource.query<{ last_activity_at: Date }[]>(
      `SELECT last_activity_at FROM person WHERE id = $1`,
      [person.id],
    );
    expect(after[0].last_activity_at).toEqual(before[0].last_activity_at);
  });

  it('gives the referent a readable French PDF, A4, with every section and page numbers', async () => {
    const got = await download(`/people/${person.id}/export.pdf`, 'referent');

    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(
      /^attachment; filename="dossier-dupre-coeur-lea-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    expect(got.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(got.bytes.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = await pdfText(got.bytes);
    expect(text).toContain('Votre dossier de parcours');
    expect(text).toContain('Léa Dupré-Cœur');
    for (const heading of [
      'Identité et coordonnées',
      'Identifiants',
      'Droits et prestations',
      'Orientation',
      'Projet professionnel',
      'Vos choix sur vos données',
      'Équipe de suivi',
      'Anciens membres',
      'Freins périphériques',
      'Contrats',
      'Objectifs et actions',
      'Rendez-vous',
      'Notes',
      'Historique du dossier',
      'Informations non reproduites ici',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Suivi psychologique au CMP');
    expect(text).toContain('Premier entretien : projet de cariste, très motivée');
    expect(text).toContain('12/04/1988');
    expect(text).toContain('Export RGPD remis à la personne');
    expect(text).toContain('Ville 1');
    expect(text).toMatch(/page 1 sur \d+/);
  });

  it('draws any name with Marianne embedded, and tags the PDF for screen readers (PDF/UA, decision 0024)', async () => {
    const someone = await createPerson(relais.dataSource, territory, {
      givenName: 'Łukasz',
      familyName: 'Wiśniewski-Nguyễn',
      birthName: 'محمد بن علي',
      city: 'Saint-Étienne',
    });
    await makeReferent(someone);
    await referent.data(ADD_NOTE, {
      input: {
        personId: someone.id,
        body: 'Rendez-vous avec Олена Шевченко, interprète',
        visibility: 'TEAM',
        sensitive: false,
      },
    });

    const got = await download(`/people/${someone.id}/export.pdf`, 'referent');
    expect(got.status).toBe(200);
    const text = await pdfText(got.bytes);
    expect(text).toContain('Łukasz Wiśniewski-Nguyễn');
    // Marianne has no Arabic nor Cyrillic: DejaVu Sans draws them, the Arabic right to left.
    expect(text).toContain('محمد بن علي');
    expect(text).toContain('Rendez-vous avec Олена Шевченко, interprète');
    expect(text).not.toContain('?');

    const pdf = await readPdf(got.bytes);
    const { info, metadata } = await pdf.getMetadata();
    expect(info).toMatchObject({
      PDFFormatVersion: '1.7',
      Language: 'fr-FR',
      Title: 'Dossier de parcours — Łukasz Wiśniewski-Nguyễn',
    });
    expect(metadata?.get('dc:title')).toBe('Dossier de parcours — Łukasz Wiśniewski-Nguyễn');
    expect(metadata?.get('pdfuaid:part')).toBe('1');
    expect(await pdf.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });

    // Every font embedded (a subset, its name prefixed): none of the standard 14 is used.
    const fonts = await pdfFonts(got.bytes);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'Marianne-Bold',
      'Marianne-Regular',
    ]);
    expect(fonts.every((font) => font.embedded)).toBe(true);
    const structure = await pdfStructure(got.bytes);
    // Every text is in a tag or marked as decoration; the footers are decoration.
    expect(structure.untagged).toEqual([]);
    expect(structure.artifacts.join(' ')).toMatch(/— page 1 sur \d+/);
    for (const role of ['Document', 'H1', 'Sect', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody']) {
      expect(structure.roles).toContain(role);
    }
    expect(structure.headings[0]).toEqual({ role: 'H1', text: 'Votre dossier de parcours' });
    expect(
      structure.headings.filter((heading) => heading.role === 'H2').map((h) => h.text),
    ).toEqual([
      'Identité et coordonnées',
      'Identifiants',
      'Droits et prestations',
      'Orientation',
      'Projet professionnel',
      'Vos choix sur vos données',
      'Équipe de suivi',
      'Freins périphériques',
      'Contrats',
      'Objectifs et actions',
      'Rendez-vous',
      'Notes',
      'Historique du dossier',
    ]);
  });

  it('puts every part of the JSON in the PDF, under its heading, with the person’s values', async () => {
    /** The PDF's heading for each part of the JSON; null for what the PDF says in its first lines. */
    const headingOf: Record<string, string | null> = {
      layout: null,
      format: null,
      exportedAt: null,
      exportedBy: null,
      hidden: 'Informations non reproduites ici',
      person: 'Identité et coordonnées',
      identifiers: 'Identifiants',
      rights: 'Droits et prestations',
      orientation: 'Orientation',
      professionalProject: 'Projet professionnel',
      rgpd: 'Vos choix sur vos données',
      team: 'Équipe de suivi',
      obstacles: 'Freins périphériques',
      contracts: 'Contrats',
      goals: 'Objectifs et actions',
      actions: 'Objectifs et actions',
      appointments: 'Rendez-vous',
      notes: 'Notes',
      timeline: 'Historique du dossier',
    };
    const json = (await exportJson(person.id, 'referent')).body;
    const pdfBytes = (await download(`/people/${person.id}/export.pdf`, 'referent')).bytes;
    const headings = (await pdfStructure(pdfBytes)).headings.map((heading) => heading.text);
    const text = await pdfText(pdfBytes);

    // A part added to the JSON fails here until the PDF shows it.
    expect(Object.keys(json).sort()).toEqual(Object.keys(headingOf).sort());
    for (const heading of Object.values(headingOf)) {
      if (heading) expect(headings).toContain(heading);
    }
    const shown = json as {
      person: Record<string, unknown>;
      team: { givenName: string; familyName: string; structureName: string }[];
      notes: { body: string }[];
      goals: { title: string }[];
      actions: { title: string }[];
      appointments: { withWhom: string; location: string }[];
      obstacles: { comment: string }[];
      professionalProject: Record<string, unknown>;
      identifiers: Record<string, unknown>;
    };
    const values = [
      ...['givenName', 'familyName', 'email', 'phone', 'addressLine', 'postalCode', 'city'].map(
        (key) => shown.person[key],
      ),
      ...['targetJob', 'romeCode'].map((key) => shown.professionalProject[key]),
      ...['cafNumber', 'franceTravailId'].map((key) => shown.identifiers[key]),
      ...shown.team.flatMap((member) => [
        `${member.givenName} ${member.familyName}`,
        member.structureName,
      ]),
      ...shown.notes.map((note) => note.body),
      ...shown.goals.map((goal) => goal.title),
      ...shown.actions.map((action) => action.title),
      ...shown.appointments.flatMap((appointment) => [appointment.withWhom, appointment.location]),
      ...shown.obstacles.map((obstacle) => obstacle.comment),
    ];
    for (const value of values) expect(text).toContain(value);
  });

  it('leaves out the note another professional kept to themselves, and says one exists', async () => {
    const json = await exportJson(person.id, 'referent');
    const pdf = await pdfText(
      (await download(`/people/${person.id}/export.pdf`, 'referent')).bytes,
    );

    expect(json.bytes.toString('utf8')).not.toContain('Note personnelle du suiveur');
    expect(pdf).not.toContain('Note personnelle du suiveur');
    expect(json.body.hidden).toEqual({ privateNotes: 1, redactedItems: 0 });
    expect(pdf).toContain('1 note rédigée par d’autres professionnels est réservée');
  });

  it('logs each export in the chained access log, which still verifies', async () => {
    const got = await exportJson(person.id, 'referent');
    expect(got.status).toBe(200);

    const log = await referent.data<{
      accessLog: { edges: { node: Record<string, unknown> }[] };
    }>(ACCESS_LOG, { personId: person.id });
    expect(log.accessLog.edges[0].node).toEqual({
      ground: 'RGPD_EXPORT',
      readerName: 'Zoé Lefèvre',
      role: 'PROFESSIONAL',
      structureName: 'Mission locale Nantes Métropole',
    });
    const report = await verifyAccessLog(relais.dataSource);
    expect(report.firstBreak).toBeNull();
  });

  it('shows the team the export in the timeline: who, and in which format', async () => {
    await download(`/people/${person.id}/export.pdf`, 'referent');

    const seen = await follower.data<{
      person: { timeline: { edges: { node: Record<string, unknown> }[] } };
    }>(TIMELINE, { id: person.id });
    expect(seen.person.timeline.edges[0].node).toEqual({
      type: 'file.exported',
      after: { format: 'PDF' },
      actor: { name: 'Zoé Lefèvre', structureName: 'Mission locale Nantes Métropole' },
    });
  });

  it.each([
    ['a follower', 'follower'],
    ['an orientation manager of the territory', 'manager'],
    ['a former team member', 'former'],
    ['a caseworker of another territory', 'stranger'],
    ['a territory admin', 'admin'],
    ['a partner system, even with every scope', 'partner'],
  ])('refuses %s: FORBIDDEN, and nothing is logged', async (_who, key) => {
    const logged = async () =>
      (
        await relais.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM access_log WHERE person_id = $1 AND ground = 'RGPD_EXPORT'`,
          [person.id],
        )
      )[0].n;
    const before = await logged();
    for (const format of ['json', 'pdf']) {
      const got = await download(`/people/${person.id}/export.${format}`, key);
      expect(got.status).toBe(403);
      expect(JSON.parse(got.bytes.toString('utf8'))).toMatchObject({ error: 'FORBIDDEN' });
    }
    expect(await logged()).toBe(before);
  });

  it('answers an unknown id as a file of someone else (ADR 0007), a malformed id naming the field', async () => {
    const unknown = await download(`/people/${UNKNOWN_ID}/export.json`, 'referent');
    const notYours = await download(`/people/${person.id}/export.json`, 'stranger');
    expect(unknown.status).toBe(403);
    expect(JSON.parse(unknown.bytes.toString('utf8'))).toEqual(
      JSON.parse(notYours.bytes.toString('utf8')),
    );

    const malformed = await download('/people/not-an-id/export.pdf', 'referent');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.bytes.toString('utf8'))).toEqual({
      error: 'INVALID_INPUT',
      reason: 'VALIDATION_FAILED',
      field: 'id',
      fields: [{ field: 'id', rule: 'FORMAT' }],
      message: 'id must be an id',
    });

    const anonymous = await download(`/people/${person.id}/export.json`);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.bytes.toString('utf8'))).toMatchObject({
      error: 'UNAUTHENTICATED',
    });
  });

  it('exports an archived, restricted file: access is a right, not a new processing', async () => {
    const ds = relais.dataSource;
    const archived = await createPerson(ds, territory, {
      givenName: 'Marius',
      status: PersonStatus.ARCHIVED,
      restricted: true,
      objection: true,
    });
    await makeReferent(archived);

    const got = await exportJson(archived.id, 'referent');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      person: { givenName: 'Marius', status: 'ARCHIVED' },
      rgpd: { restricted: true, objection: true },
      hidden: { privateNotes: 0, redactedItems: 0 },
    });
    const pdf = await download(`/people/${archived.id}/export.pdf`, 'referent');
    expect(pdf.status).toBe(200);
    expect(await pdfText(pdf.bytes)).toContain('Marius');
  });
});
