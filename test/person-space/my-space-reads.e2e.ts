import type { AccountEntity } from '@relais/identity';
import { Role } from '@relais/identity';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';
import type { PersonEntity } from '@relais/pathways';
import {
  createAccount,
  createApiClient,
  type GraphqlHttpClient,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';
import {
  createSpaceTeam,
  download,
  followedByTeam,
  graphqlAsPerson,
  personToken,
  INVITE_TO_SPACE,
} from './person-space.fixtures.js';

const MY_PLAN = `{ mySpace { personId givenName space { email }
  followers { givenName familyName role }
  plan { targetJob goals { id title status }
    actions { id title status startsOn dueOn goalId }
    contracts { type startsOn endsOn } } } }`;
const MY_FILE_READS = `query($first: Int, $after: String) {
  myFileReads(first: $first, after: $after) { items { at kind who structureName } nextCursor }
}`;
const OPEN_FILE = `query($id: ID!) { person(id: $id) { id } }`;
const SPACE_ON_FILE = `query($id: ID!) {
  person(id: $id) { id space { personId email enabled enabledAt linkExpiresAt } }
}`;

interface FileRead {
  readonly at: string;
  readonly kind: string;
  readonly who: string;
  readonly structureName: string | null;
}

// The person's space, what they read (issue 22): their plan, who read their file, their whole
// file as an export, and the team's view of their space on the file.
describe('what the person reads in their space', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let structure: StructureEntity;
  let otherStructure: StructureEntity;
  let referent: AccountEntity;
  let referentClient: GraphqlHttpClient;
  let counter = 0;

  beforeAll(async () => {
    relais = await startRelais();
    ({ territory, structure, otherStructure, referent, referentClient } =
      await createSpaceTeam(relais));
  });

  afterAll(async () => {
    await relais.close();
  });

  /** A person Claire Moreau follows, with a follower of another structure; invited to the space. */
  async function followedPerson(
    invited = true,
  ): Promise<{ person: PersonEntity; email: string; follower: AccountEntity }> {
    counter += 1;
    const team = { territory, structure, otherStructure, referent, referentClient };
    const { person, follower } = await followedByTeam(relais, team, {
      targetJob: 'Aide-soignante',
    });
    const email = `awa.reads${counter}.${Date.now()}@example.test`;
    if (invited)
      await referentClient.data(INVITE_TO_SPACE, { input: { personId: person.id, email } });
    return { person, email, follower };
  }

  const groundsOf = async (person: PersonEntity) =>
    (
      await relais.dataSource.query<{ ground: string }[]>(
        `SELECT ground FROM access_log WHERE person_id = $1 ORDER BY id`,
        [person.id],
      )
    ).map((row) => row.ground);

  it('shows the person their plan, sensitive action included, who follows them and their address', async () => {
    const { person, email } = await followedPerson();
    const { addGoal } = await referentClient.data<{ addGoal: { id: string } }>(
      `mutation($input: AddGoalInput!) { addGoal(input: $input) { id } }`,
      { input: { personId: person.id, title: 'Trouver un emploi dans le soin' } },
    );
    const { addObstacle } = await referentClient.data<{ addObstacle: { id: string } }>(
      `mutation($input: AddObstacleInput!) { addObstacle(input: $input) { id } }`,
      { input: { personId: person.id, theme: 'HEALTH', status: 'IDENTIFIED' } },
    );
    const addAction = `mutation($input: AddActionInput!) { addAction(input: $input) { id } }`;
    await referentClient.data(addAction, {
      input: {
        personId: person.id,
        title: 'Inscription à la formation d’aide-soignante',
        startsOn: '2026-12-01',
        dueOn: '2027-01-15',
        goalId: addGoal.id,
      },
    });
    await referentClient.data(addAction, {
      input: {
        personId: person.id,
        title: 'Rendez-vous au centre de soins',
        obstacleId: addObstacle.id,
      },
    });
    await referentClient.data(
      `mutation($input: AddContractInput!) { addContract(input: $input) { id } }`,
      { input: { personId: person.id, type: 'CER', startsOn: '2026-11-02', endsOn: '2027-05-01' } },
    );

    const token = await personToken(relais, person);
    const { mySpace } = await graphqlAsPerson(relais, token).data<{
      mySpace: Record<string, unknown>;
    }>(MY_PLAN);
    expect(mySpace).toEqual({
      personId: person.id,
      givenName: 'Awa',
      space: { email },
      followers: [
        { givenName: 'Claire', familyName: 'Moreau', role: 'REFERENT' },
        { givenName: 'Hugo', familyName: 'Lemaire', role: 'FOLLOWER' },
      ],
      plan: {
        targetJob: 'Aide-soignante',
        goals: [{ id: addGoal.id, title: 'Trouver un emploi dans le soin', status: 'IN_PROGRESS' }],
        actions: [
          {
            id: expect.any(String) as string,
            title: 'Inscription à la formation d’aide-soignante',
            status: 'PLANNED',
            startsOn: '2026-12-01',
            dueOn: '2027-01-15',
            goalId: addGoal.id,
          },
          // A health action: the person's own, as their RGPD export shows it.
          {
            id: expect.any(String) as string,
            title: 'Rendez-vous au centre de soins',
            status: 'PLANNED',
            startsOn: null,
            dueOn: null,
            goalId: null,
          },
        ],
        contracts: [{ type: 'CER', startsOn: '2026-11-02', endsOn: '2027-05-01' }],
      },
    });
    expect(await groundsOf(person)).toEqual(['SELF']);
  });

  it('lists professionals’ reads, changes and exports and partners’ reads, newest first, never the person’s own', async () => {
    const { person, follower } = await followedPerson();
    const { person: someoneElse } = await followedPerson(false);
    const partner = await createApiClient(relais.dataSource, territory, ['persons:read']);

    await referentClient.data(OPEN_FILE, { id: person.id });
    await referentClient.data(OPEN_FILE, { id: someoneElse.id });
    await referentClient.data(`mutation($input: AddGoalInput!) { addGoal(input: $input) { id } }`, {
      input: { personId: person.id, title: 'Passer le permis' },
    });
    const referentToken = (await relais.signIn(referent.id)).accessToken;
    expect((await download(relais, `/people/${person.id}/export.json`, referentToken)).status).toBe(
      200,
    );
    await (await relais.graphqlAsClient(partner)).data(OPEN_FILE, { id: person.id });
    await (await relais.graphqlAs(follower.id)).data(OPEN_FILE, { id: person.id });
    const asPerson = graphqlAsPerson(relais, await personToken(relais, person));
    await asPerson.data('{ mySpace { personId } }');

    const { myFileReads } = await asPerson.data<{
      myFileReads: { items: FileRead[]; nextCursor: string | null };
    }>(MY_FILE_READS, { first: 20 });
    expect(myFileReads.nextCursor).toBeNull();
    expect(
      myFileReads.items.map((read) => ({
        kind: read.kind,
        who: read.who,
        structureName: read.structureName,
      })),
    ).toEqual([
      { kind: 'READ', who: 'Hugo Lemaire', structureName: 'CCAS de Rezé' },
      { kind: 'PARTNER', who: partner.name, structureName: null },
      { kind: 'EXPORT', who: 'Claire Moreau', structureName: 'Mission locale de Rezé' },
      // Changes are in the timeline, not the access log: the goal, then the invitation.
      { kind: 'CHANGE', who: 'Claire Moreau', structureName: 'Mission locale de Rezé' },
      { kind: 'READ', who: 'Claire Moreau', structureName: 'Mission locale de Rezé' },
      { kind: 'CHANGE', who: 'Claire Moreau', structureName: 'Mission locale de Rezé' },
    ]);
    const times = myFileReads.items.map((read) => Date.parse(read.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Page by page, the same list.
    const walked: FileRead[] = [];
    let after: string | null = null;
    do {
      const page: { myFileReads: { items: FileRead[]; nextCursor: string | null } } =
        await asPerson.data(MY_FILE_READS, { first: 3, after });
      walked.push(...page.myFileReads.items);
      after = page.myFileReads.nextCursor;
    } while (after);
    expect(walked).toEqual(myFileReads.items);

    // Reading the list is one more read of their own, logged SELF and listed nowhere.
    const grounds = await groundsOf(person);
    expect(grounds.filter((ground) => ground === 'SELF').length).toBeGreaterThanOrEqual(3);
    const { errors } = await asPerson.execute(MY_FILE_READS, { first: 5, after: 'not-a-cursor' });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('downloads the whole file as the person, JSON and PDF, logged SELF, no private note', async () => {
    const { person } = await followedPerson();
    const addNote = `mutation($input: AddNoteInput!) { addNote(input: $input) { id } }`;
    await referentClient.data(addNote, {
      input: { personId: person.id, body: 'Entretien fait, motivée.', visibility: 'TEAM' },
    });
    await referentClient.data(addNote, {
      input: { personId: person.id, body: 'Pour moi seule.', visibility: 'AUTHOR' },
    });
    const token = await personToken(relais, person);

    const json = await download(relais, '/me/export.json', token);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(
      /^attachment; filename="dossier-.*\.json"$/,
    );
    expect(json.headers.get('cache-control')).toBe('no-store');
    const file = JSON.parse(json.bytes.toString('utf8')) as {
      person: { id: string };
      exportedBy: { name: string };
      notes: { body: string | null }[];
      hidden: { privateNotes: number };
    };
    expect(file.person.id).toBe(person.id);
    expect(file.exportedBy.name).toBe('');
    expect(file.notes.map((note) => note.body)).toEqual(['Entretien fait, motivée.']);
    expect(file.hidden.privateNotes).toBe(1);
    expect(json.bytes.toString('utf8')).not.toContain('Pour moi seule.');

    const pdf = await download(relais, '/me/export.pdf', token);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    expect(await groundsOf(person)).toEqual(['SELF', 'SELF']);
    const exported = await relais.dataSource.query<{ after: Record<string, unknown> }[]>(
      `SELECT after FROM timeline_event WHERE person_id = $1 AND type = 'file.exported'
        ORDER BY occurred_at`,
      [person.id],
    );
    expect(exported.map((event) => event.after)).toEqual([
      { format: 'JSON', byPerson: true },
      { format: 'PDF', byPerson: true },
    ]);

    // The professional's route stays theirs; the person's route is the person's.
    expect((await download(relais, `/people/${person.id}/export.json`, token)).status).toBe(403);
    const referentToken = (await relais.signIn(referent.id)).accessToken;
    expect((await download(relais, '/me/export.json', referentToken)).status).toBe(403);
  });

  it('shows the space on the file to its team, and refuses it to other readers', async () => {
    const { person, email, follower } = await followedPerson();
    const { person: notInvited } = await followedPerson(false);
    type SpaceAnswer = { person: { space: Record<string, unknown> | null } };

    const { person: seen } = await referentClient.data<SpaceAnswer>(SPACE_ON_FILE, {
      id: person.id,
    });
    expect(seen.space).toEqual({
      personId: person.id,
      email,
      enabled: true,
      enabledAt: expect.any(String) as string,
      linkExpiresAt: expect.any(String) as string,
    });
    const byFollower = await (
      await relais.graphqlAs(follower.id)
    ).data<SpaceAnswer>(SPACE_ON_FILE, { id: person.id });
    expect(byFollower.person.space).toMatchObject({ email, enabled: true });
    expect(
      (await referentClient.data<SpaceAnswer>(SPACE_ON_FILE, { id: notInvited.id })).person.space,
    ).toBeNull();

    // An orientation manager reads the file but is not in its team; an outsider reads nothing.
    const manager = await createAccount(relais.dataSource, [
      { role: Role.ORIENTATION_MANAGER, structure },
    ]);
    const managed = await (
      await relais.graphqlAs(manager.id)
    ).execute(SPACE_ON_FILE, { id: person.id });
    expect(managed.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_IN_TEAM',
    });
    const outsider = await createAccount(relais.dataSource, [
      { role: Role.PROFESSIONAL, structure: otherStructure },
    ]);
    const refused = await (
      await relais.graphqlAs(outsider.id)
    ).execute(SPACE_ON_FILE, { id: person.id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused.data ?? null)).not.toContain(email);
  });
});
