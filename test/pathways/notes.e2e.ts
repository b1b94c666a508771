import { Role, type AccountEntity, type MembershipEntity } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import { type PersonEntity, TeamLeaveReason, TeamRole } from '@relais/pathways';
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
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

const NOTES = `query($id: ID!) {
  person(id: $id) {
    notes { id body redacted sensitive visibility authorName authorStructureName mine canEdit
            version history { version body redacted } }
  }
}`;
const ADD = `mutation($input: AddNoteInput!) {
  addNote(input: $input) { id version body visibility sensitive mine canEdit }
}`;
const EDIT = `mutation($input: EditNoteInput!) {
  editNote(input: $input) { id version body visibility sensitive history { version body } }
}`;
const TIMELINE = `query($id: ID!, $first: Int, $after: String) {
  person(id: $id) {
    timeline(first: $first, after: $after) {
      edges { cursor node { id type eventType sensitive redacted before after actingMembershipId
                            subjectType subjectId actor { name structureName partnerSystem } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;
const ACCESS_LOG = `query($personId: ID!, $first: Int, $after: String) {
  accessLog(personId: $personId, first: $first, after: $after) {
    edges { cursor node { id accessedAt ground readerName partnerSystem role structureName } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const OPEN = `query($id: ID!) { person(id: $id) { id } }`;

interface SeenNote {
  id: string;
  body: string | null;
  redacted: boolean;
  sensitive: boolean;
  visibility: string;
  authorName: string;
  authorStructureName: string;
  mine: boolean;
  canEdit: boolean;
  version: number;
  history: { version: number; body: string | null; redacted: boolean }[] | null;
}
interface SeenEvent {
  id: string;
  type: string;
  eventType: string;
  sensitive: boolean;
  redacted: boolean;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actingMembershipId: string | null;
  subjectType: string;
  subjectId: string;
  actor: { name: string; structureName: string | null; partnerSystem: boolean };
}
interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

interface Caseworker {
  account: AccountEntity;
  membership: MembershipEntity;
  client: GraphqlHttpClient;
  name: string;
}

const DAY = 86_400_000;

describe('notes, timeline and access log of a pathway file (DOMAIN.md rules 2, 3, 4, 6, 8)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let departement: StructureEntity;
  let missionLocale: StructureEntity;
  let orientation: StructureEntity;
  const as: Record<string, GraphqlHttpClient> = {};
  const who: Record<string, Caseworker> = {};
  let partnerName: string;

  let sequence = 0;
  const caseworker = async (
    structure: StructureEntity,
    role: Role.PROFESSIONAL | Role.ORIENTATION_MANAGER = Role.PROFESSIONAL,
  ): Promise<Caseworker> => {
    sequence += 1;
    const familyName = `Lecteur ${sequence}`;
    const account = await createAccount(relais.dataSource, [], { givenName: 'Noé', familyName });
    const membership = await addMembership(relais.dataSource, account, { role, structure });
    return {
      account,
      membership,
      client: await relais.graphqlAs(account.id),
      name: `Noé ${familyName}`,
    };
  };

  /** A file with the whole team of these tests, and two former referents. */
  const newFile = async (): Promise<PersonEntity> => {
    const ds = relais.dataSource;
    const person = await createPerson(ds, territory);
    const join = (key: string, role = TeamRole.FOLLOWER) =>
      addTeamMember(ds, person, who[key].account, who[key].membership, role);
    await join('referent', TeamRole.REFERENT);
    for (const key of ['cdFollower', 'mlFollower', 'ftFollower', 'ccasFollower']) await join(key);
    for (const [key, days] of [
      ['formerReferent', 10],
      ['expiredReferent', 31],
    ] as const) {
      await addTeamMember(ds, person, who[key].account, who[key].membership, TeamRole.REFERENT, {
        at: new Date(Date.now() - days * DAY),
        reason: TeamLeaveReason.HANDOVER,
      });
    }
    return person;
  };

  const add = async (
    key: string,
    personId: string,
    body: string,
    options: { visibility?: string; sensitive?: boolean } = {},
  ): Promise<{ id: string; version: number }> =>
    (
      await as[key].data<{ addNote: { id: string; version: number } }>(ADD, {
        input: { personId, body, ...options },
      })
    ).addNote;

  const notesSeenBy = async (key: string, personId: string): Promise<SeenNote[]> =>
    (await as[key].data<{ person: { notes: SeenNote[] } }>(NOTES, { id: personId })).person.notes;

  const timelineOf = async (
    key: string,
    personId: string,
    first = 100,
    after?: string,
  ): Promise<Page<SeenEvent>> =>
    (
      await as[key].data<{ person: { timeline: Page<SeenEvent> } }>(TIMELINE, {
        id: personId,
        first,
        after,
      })
    ).person.timeline;

  const count = async (table: string, personId: string): Promise<number> =>
    Number(
      (
        await relais.dataSource.query<{ n: string }[]>(
          table === 'note_revision'
            ? 'SELECT count(*) AS n FROM note_revision r JOIN note n ON n.id = r.note_id WHERE n.person_id = $1'
            : `SELECT count(*) AS n FROM ${table} WHERE person_id = $1`,
          [personId],
        )
      )[0]?.n,
    );
  const written = async (personId: string) => ({
    notes: await count('note', personId),
    revisions: await count('note_revision', personId),
    events: await count('timeline_event', personId),
  });

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds);
    const elsewhere = await createTerritory(ds);
    departement = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    missionLocale = await createStructure(ds, territory, { type: StructureType.MISSION_LOCALE });
    const franceTravail = await createStructure(ds, territory, {
      type: StructureType.FRANCE_TRAVAIL,
    });
    const ccas = await createStructure(ds, territory, { type: StructureType.CCAS });
    orientation = await createStructure(ds, territory, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });
    const farAway = await createStructure(ds, elsewhere, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });

    const people: [string, StructureEntity, (Role.PROFESSIONAL | Role.ORIENTATION_MANAGER)?][] = [
      ['referent', departement],
      ['cdFollower', departement],
      ['mlFollower', missionLocale],
      ['ftFollower', franceTravail],
      ['ccasFollower', ccas],
      ['formerReferent', franceTravail],
      ['expiredReferent', missionLocale],
      ['outsider', missionLocale],
      ['otherTerritory', farAway],
      ['manager', orientation, Role.ORIENTATION_MANAGER],
    ];
    for (const [key, structure, role] of people) {
      who[key] = await caseworker(structure, role);
      as[key] = who[key].client;
    }
    const admin = await createAccount(ds, [{ role: Role.TERRITORY_ADMIN, territory }]);
    as.territoryAdmin = await relais.graphqlAs(admin.id);
    const otherAdmin = await createAccount(ds, [
      { role: Role.TERRITORY_ADMIN, territory: elsewhere },
    ]);
    as.otherAdmin = await relais.graphqlAs(otherAdmin.id);
    const partner = await createApiClient(ds, territory, ['persons:read']);
    partnerName = partner.name;
    as.partner = await relais.graphqlAsClient(partner);
  });

  afterAll(async () => {
    await relais.close();
  });

  describe('who sees which note (rules 2 and 3)', () => {
    it('shows a TEAM note to every team member and to the orientation manager, newest first', async () => {
      const person = await newFile();
      const first = await add('referent', person.id, 'Premier entretien: projet aide-soignante.');
      const second = await add('mlFollower', person.id, 'Inscrite à l’atelier CV de jeudi.');
      for (const key of [
        'referent',
        'cdFollower',
        'mlFollower',
        'ftFollower',
        'ccasFollower',
        'manager',
        'formerReferent',
        'partner',
      ]) {
        const notes = await notesSeenBy(key, person.id);
        expect({ key, ids: notes.map((note) => note.id) }).toEqual({
          key,
          ids: [second.id, first.id],
        });
        expect(notes[1]).toMatchObject({
          body: 'Premier entretien: projet aide-soignante.',
          redacted: false,
          visibility: 'TEAM',
          authorName: who.referent.name,
          authorStructureName: departement.name,
          mine: key === 'referent',
        });
      }
    });

    it('shows a STRUCTURE note only to readers with a membership in the author’s structure', async () => {
      const person = await newFile();
      const note = await add('referent', person.id, 'Point interne au Département.', {
        visibility: 'STRUCTURE',
      });
      for (const key of ['referent', 'cdFollower']) {
        expect((await notesSeenBy(key, person.id)).map((n) => n.body)).toEqual([
          'Point interne au Département.',
        ]);
      }
      for (const key of ['mlFollower', 'ftFollower', 'ccasFollower', 'manager', 'partner']) {
        expect({ key, notes: await notesSeenBy(key, person.id) }).toEqual({ key, notes: [] });
      }
      // Its timeline event is left out for them too: the note does not exist for them.
      const seen = await timelineOf('mlFollower', person.id);
      expect(seen.edges.map((edge) => edge.node.subjectId)).not.toContain(note.id);
    });

    it('shows an AUTHOR note to its author alone, absent for everyone else', async () => {
      const person = await newFile();
      const note = await add('cdFollower', person.id, 'Mon pense-bête.', { visibility: 'AUTHOR' });
      const own = await notesSeenBy('cdFollower', person.id);
      expect(own).toMatchObject([
        { id: note.id, body: 'Mon pense-bête.', mine: true, canEdit: true },
      ]);
      for (const key of ['referent', 'mlFollower', 'ccasFollower', 'manager', 'partner']) {
        expect({ key, notes: await notesSeenBy(key, person.id) }).toEqual({ key, notes: [] });
        const events = (await timelineOf(key, person.id)).edges.map((edge) => edge.node.subjectId);
        expect(events).not.toContain(note.id);
      }
      const authorEvents = (await timelineOf('cdFollower', person.id)).edges;
      expect(authorEvents.map((edge) => edge.node.subjectId)).toContain(note.id);
    });

    it('redacts a sensitive note, visibly, for mission locale and France Travail followers and the orientation manager', async () => {
      const person = await newFile();
      await add('referent', person.id, 'Suivi en addictologie.', { sensitive: true });
      for (const key of ['mlFollower', 'ftFollower', 'manager', 'formerReferent']) {
        expect({ key, notes: await notesSeenBy(key, person.id) }).toEqual({
          key,
          notes: [
            expect.objectContaining({
              redacted: true,
              sensitive: true,
              body: null,
              visibility: 'TEAM',
              authorName: who.referent.name,
              authorStructureName: departement.name,
              history: null,
            }),
          ],
        });
      }
      for (const key of ['referent', 'cdFollower', 'ccasFollower']) {
        expect((await notesSeenBy(key, person.id))[0]).toMatchObject({
          redacted: false,
          body: 'Suivi en addictologie.',
          history: [],
        });
      }
    });

    it('redacts sensitive notes for a partner system without sensitive:read', async () => {
      const person = await newFile();
      await add('referent', person.id, 'Rendez-vous pris à la CAF.');
      await add('referent', person.id, 'Démarches RQTH en cours.', { sensitive: true });
      const notes = await notesSeenBy('partner', person.id);
      expect(notes).toMatchObject([
        { redacted: true, body: null, sensitive: true },
        { redacted: false, body: 'Rendez-vous pris à la CAF.' },
      ]);
    });
  });

  describe('writing notes', () => {
    it('records the acting team membership and a timeline event that never repeats the body', async () => {
      const person = await newFile();
      const body = 'Accompagnement vers le permis B: dossier déposé.';
      const note = await add('mlFollower', person.id, body);
      const [row] = await relais.dataSource.query<
        { created_by_membership_id: string; author_structure_id: string }[]
      >('SELECT created_by_membership_id, author_structure_id FROM note WHERE id = $1', [note.id]);
      expect(row).toEqual({
        created_by_membership_id: who.mlFollower.membership.id,
        author_structure_id: missionLocale.id,
      });
      const secret = await add('referent', person.id, 'Sortie de détention récente.', {
        sensitive: true,
      });
      const events = (await timelineOf('referent', person.id)).edges.map((edge) => edge.node);
      expect(events).toMatchObject([
        {
          type: 'note.added',
          eventType: 'NOTE_ADDED',
          subjectType: 'Note',
          subjectId: secret.id,
          sensitive: true,
          after: { visibility: 'TEAM', sensitive: true },
        },
        {
          type: 'note.added',
          subjectId: note.id,
          sensitive: false,
          actingMembershipId: who.mlFollower.membership.id,
          actor: { name: who.mlFollower.name, structureName: missionLocale.name },
        },
      ]);
      const stored = await relais.dataSource.query<unknown[]>(
        'SELECT before, after FROM timeline_event WHERE person_id = $1',
        [person.id],
      );
      expect(JSON.stringify(stored)).not.toMatch(/permis|détention/);
    });

    it('refuses a body over 5,000 characters or blank (BAD_USER_INPUT on body) and writes nothing', async () => {
      const person = await newFile();
      const before = await written(person.id);
      for (const body of ['x'.repeat(5001), '   ']) {
        const result = await as.referent.execute(ADD, { input: { personId: person.id, body } });
        expect(result.errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'body',
        });
      }
      const note = await add('referent', person.id, 'Note courte.');
      const tooLong = await as.referent.execute(EDIT, {
        input: { noteId: note.id, version: 1, body: 'x'.repeat(5001) },
      });
      expect(tooLong.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'VALIDATION_FAILED',
        field: 'body',
        fields: [{ field: 'body', rule: 'MAX_LENGTH', limit: 5000 }],
      });
      expect(await written(person.id)).toEqual({
        notes: before.notes + 1,
        revisions: 0,
        events: before.events + 1,
      });
    });

    it('lists every failing field at once, with its rule and limit, and writes nothing', async () => {
      const person = await newFile();
      const note = await add('referent', person.id, 'Note courte.');
      const before = await written(person.id);
      const result = await as.referent.execute(EDIT, {
        input: { noteId: 'not-an-id', version: 0, body: 'x'.repeat(5001) },
      });
      const extensions = result.errors?.[0]?.extensions;
      expect(extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'VALIDATION_FAILED',
        field: 'noteId',
      });
      expect(extensions?.fields).toEqual(
        expect.arrayContaining([
          { field: 'noteId', rule: 'FORMAT' },
          { field: 'version', rule: 'MIN', limit: 1 },
          { field: 'body', rule: 'MAX_LENGTH', limit: 5000 },
        ]),
      );
      expect(extensions?.fields).toHaveLength(3);
      // The message still names the first field and its rule, as before.
      expect(result.errors?.[0]?.message).toBe('noteId must be an id');
      expect(await written(person.id)).toEqual(before);
      expect((await notesSeenBy('referent', person.id))[0]).toMatchObject({ id: note.id });
    });

    it.each([
      ['a professional of the territory outside the team', 'outsider'],
      ['a professional of another territory', 'otherTerritory'],
      ['the former referent after 30 days', 'expiredReferent'],
    ])('refuses %s: no reading, no writing', async (_who, key) => {
      const person = await newFile();
      const note = await add('referent', person.id, 'Note de l’équipe.');
      const before = await written(person.id);
      const read = await as[key].execute(NOTES, { id: person.id });
      expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(read.data ?? null).toBeNull();
      const added = await as[key].execute(ADD, { input: { personId: person.id, body: 'Intrus.' } });
      expect(added.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const edited = await as[key].execute(EDIT, {
        input: { noteId: note.id, version: 1, body: 'Intrus.' },
      });
      expect(edited.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await written(person.id)).toEqual(before);
    });

    it('lets the former referent within 30 days read notes but not add one; nor the orientation manager or a partner', async () => {
      const person = await newFile();
      await add('referent', person.id, 'Passage de relais préparé.');
      expect((await notesSeenBy('formerReferent', person.id)).map((n) => n.body)).toEqual([
        'Passage de relais préparé.',
      ]);
      const before = await written(person.id);
      for (const key of ['formerReferent', 'manager', 'partner']) {
        const result = await as[key].execute(ADD, { input: { personId: person.id, body: 'Non.' } });
        expect({ key, code: result.errors?.[0]?.extensions?.code }).toEqual({
          key,
          code: 'FORBIDDEN',
        });
      }
      expect(await written(person.id)).toEqual(before);
    });
  });

  describe('editing notes (rule 8: rectification with history)', () => {
    it('lets the author edit within 24 hours and keeps the previous version in its history', async () => {
      const person = await newFile();
      const note = await add('referent', person.id, 'RDV le 12 à 14h.');
      const edited = await as.referent.data<{
        editNote: { version: number; body: string; history: { version: number; body: string }[] };
      }>(EDIT, { input: { noteId: note.id, version: note.version, body: 'RDV le 13 à 14h.' } });
      expect(edited.editNote).toEqual({
        id: note.id,
        version: 2,
        body: 'RDV le 13 à 14h.',
        visibility: 'TEAM',
        sensitive: false,
        history: [{ version: 1, body: 'RDV le 12 à 14h.' }],
      });
      // Readers of the note in full read its history too.
      expect((await notesSeenBy('mlFollower', person.id))[0]).toMatchObject({
        body: 'RDV le 13 à 14h.',
        canEdit: false,
        history: [{ version: 1, body: 'RDV le 12 à 14h.', redacted: false }],
      });
      const [event] = (await timelineOf('referent', person.id, 1)).edges.map((edge) => edge.node);
      expect(event).toMatchObject({
        type: 'note.edited',
        eventType: 'NOTE_EDITED',
        subjectId: note.id,
        before: { visibility: 'TEAM', sensitive: false },
        after: { visibility: 'TEAM', sensitive: false, bodyChanged: true },
      });
      expect(JSON.stringify(event)).not.toContain('RDV');
    });

    it('refuses another team member, even one who reads the note, and writes nothing', async () => {
      const person = await newFile();
      const team = await add('referent', person.id, 'Note de l’équipe.');
      const internal = await add('referent', person.id, 'Note du Département.', {
        visibility: 'STRUCTURE',
      });
      const before = await written(person.id);
      const colleague = await as.cdFollower.execute(EDIT, {
        input: { noteId: team.id, version: 1, body: 'Corrigé par un autre.' },
      });
      expect(colleague.errors?.[0]).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: expect.stringContaining('author') as string,
      });
      const unseen = await as.mlFollower.execute(EDIT, {
        input: { noteId: internal.id, version: 1, body: 'Corrigé.' },
      });
      expect(unseen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(unseen.errors?.[0]?.message).not.toContain('author');
      expect(await written(person.id)).toEqual(before);
    });

    it('refuses the author after 24 hours', async () => {
      const person = await newFile();
      const note = await add('referent', person.id, 'Ancienne note.');
      await relais.dataSource.query(
        `UPDATE note SET created_at = now() - interval '24 hours 1 minute' WHERE id = $1`,
        [note.id],
      );
      const before = await written(person.id);
      const result = await as.referent.execute(EDIT, {
        input: { noteId: note.id, version: 1, body: 'Trop tard.' },
      });
      expect(result.errors?.[0]).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: expect.stringContaining('24 hours') as string,
      });
      expect((await notesSeenBy('referent', person.id))[0]).toMatchObject({
        body: 'Ancienne note.',
        canEdit: false,
      });
      expect(await written(person.id)).toEqual(before);
    });

    it('answers a stale version with CONFLICT and writes nothing', async () => {
      const person = await newFile();
      const note = await add('referent', person.id, 'Version 1.');
      await as.referent.data(EDIT, { input: { noteId: note.id, version: 1, body: 'Version 2.' } });
      const before = await written(person.id);
      const stale = await as.referent.execute(EDIT, {
        input: { noteId: note.id, version: 1, body: 'Version 2 bis.' },
      });
      expect(stale.errors?.[0]?.extensions).toEqual({
        code: 'CONFLICT',
        reason: 'STALE_VERSION',
        field: 'version',
      });
      expect(await written(person.id)).toEqual(before);
      expect((await notesSeenBy('referent', person.id))[0]).toMatchObject({
        body: 'Version 2.',
        version: 2,
      });
    });

    it('redacts, in the history, a version that was sensitive for readers not entitled to it', async () => {
      const person = await newFile();
      const note = await add('referent', person.id, 'Suivi psychiatrique.', { sensitive: true });
      await as.referent.data(EDIT, {
        input: { noteId: note.id, version: 1, body: 'Suivi santé en cours.', sensitive: false },
      });
      expect((await notesSeenBy('mlFollower', person.id))[0]).toMatchObject({
        body: 'Suivi santé en cours.',
        redacted: false,
        history: [{ version: 1, body: null, redacted: true }],
      });
      expect((await notesSeenBy('ccasFollower', person.id))[0]?.history).toEqual([
        { version: 1, body: 'Suivi psychiatrique.', redacted: false },
      ]);
      // The edit itself touched sensitive data: its summary is redacted too.
      const [event] = (await timelineOf('mlFollower', person.id, 1)).edges;
      expect(event?.node).toMatchObject({ type: 'note.edited', redacted: true, after: null });
    });
  });

  describe('timeline', () => {
    it('pages newest first with first/after, without duplicates or gaps', async () => {
      const person = await newFile();
      for (let index = 1; index <= 7; index += 1) {
        await add(index % 2 ? 'referent' : 'mlFollower', person.id, `Note ${index}.`);
      }
      const all = await timelineOf('referent', person.id);
      expect(all.edges).toHaveLength(7);
      expect(all.pageInfo.hasNextPage).toBe(false);
      const paged: string[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 10; guard += 1) {
        const page = await timelineOf('referent', person.id, 2, after);
        paged.push(...page.edges.map((edge) => edge.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor ?? undefined;
      }
      expect(paged).toEqual(all.edges.map((edge) => edge.node.id));
      expect(all.edges[0]?.node.actor).toEqual({
        name: who.referent.name,
        structureName: departement.name,
        partnerSystem: false,
      });
    });

    it('redacts sensitive summaries for a follower not entitled to them, never the event', async () => {
      const person = await newFile();
      await add('referent', person.id, 'Contrôle judiciaire.', { sensitive: true });
      const [hidden] = (await timelineOf('mlFollower', person.id)).edges;
      expect(hidden?.node).toMatchObject({
        type: 'note.added',
        sensitive: true,
        redacted: true,
        before: null,
        after: null,
        actor: { name: who.referent.name },
      });
      const [shown] = (await timelineOf('ccasFollower', person.id)).edges;
      expect(shown?.node).toMatchObject({
        redacted: false,
        after: { visibility: 'TEAM', sensitive: true },
      });
    });

    it('refuses a cursor it did not give', async () => {
      const person = await newFile();
      const result = await as.referent.execute(TIMELINE, {
        id: person.id,
        first: 2,
        after: Buffer.from('["yesterday","x"]').toString('base64url'),
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });
  });

  describe('access log (rule 6)', () => {
    type Entry = {
      id: string;
      ground: string;
      readerName: string;
      partnerSystem: boolean;
      role: string | null;
      structureName: string | null;
    };

    it('shows the referent and the territory admins who read the file, and on what ground', async () => {
      const person = await newFile();
      for (const key of ['referent', 'mlFollower', 'manager', 'partner']) {
        await as[key].data(OPEN, { id: person.id });
      }
      const logged = await count('access_log', person.id);
      for (const key of ['referent', 'territoryAdmin']) {
        const log = await as[key].data<{ accessLog: Page<Entry> }>(ACCESS_LOG, {
          personId: person.id,
        });
        const entries = log.accessLog.edges.map((edge) => edge.node);
        expect(entries).toHaveLength(4);
        expect(entries.map((entry) => entry.ground)).toEqual([
          'PARTNER_CLIENT',
          'ORIENTATION_MANAGER',
          'TEAM_MEMBER',
          'TEAM_MEMBER',
        ]);
        expect(entries).toMatchObject([
          { readerName: partnerName, partnerSystem: true, role: null, structureName: null },
          {
            readerName: who.manager.name,
            role: 'ORIENTATION_MANAGER',
            structureName: orientation.name,
          },
          { readerName: who.mlFollower.name, role: 'PROFESSIONAL', partnerSystem: false },
          { readerName: who.referent.name, structureName: departement.name },
        ]);
      }
      // Reading the log is not a read of the file.
      expect(await count('access_log', person.id)).toBe(logged);
    });

    it.each([
      ['a follower', 'mlFollower'],
      ['the orientation manager', 'manager'],
      ['the former referent', 'formerReferent'],
      ['a professional outside the team', 'outsider'],
      ['a territory admin of another territory', 'otherAdmin'],
      ['a partner system', 'partner'],
    ])('refuses %s', async (_who, key) => {
      const person = await newFile();
      await as.referent.data(OPEN, { id: person.id });
      const result = await as[key].execute(ACCESS_LOG, { personId: person.id });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data ?? null).toBeNull();
    });

    it('pages newest first without duplicates, and gives an empty log when nobody read', async () => {
      const person = await newFile();
      const empty = await as.referent.data<{ accessLog: Page<Entry> }>(ACCESS_LOG, {
        personId: person.id,
      });
      expect(empty.accessLog).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
      for (let index = 0; index < 5; index += 1) {
        await as.ccasFollower.data(OPEN, { id: person.id });
      }
      const ids: string[] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 10; guard += 1) {
        const page = await as.territoryAdmin.data<{ accessLog: Page<Entry> }>(ACCESS_LOG, {
          personId: person.id,
          first: 2,
          after,
        });
        ids.push(...page.accessLog.edges.map((edge) => edge.node.id));
        if (!page.accessLog.pageInfo.hasNextPage) break;
        after = page.accessLog.pageInfo.endCursor ?? undefined;
      }
      expect(ids).toHaveLength(5);
      expect([...ids].sort((a, b) => Number(b) - Number(a))).toEqual(ids);
    });
  });

  it('reads notes with their history, and a timeline page, in as many SQL statements for 2 notes as for 8', async () => {
    const statementsFor = async (notes: number): Promise<number[]> => {
      const person = await newFile();
      for (let index = 0; index < notes; index += 1) {
        const note = await add('referent', person.id, `Note ${index}.`);
        await as.referent.data(EDIT, {
          input: { noteId: note.id, version: 1, body: `Note ${index}, corrigée.` },
        });
      }
      return [
        await countStatements(relais.dataSource, () => notesSeenBy('cdFollower', person.id)),
        await countStatements(relais.dataSource, () => timelineOf('cdFollower', person.id, 20)),
      ];
    };
    expect(await statementsFor(8)).toEqual(await statementsFor(2));
  });
});
