import { type AccountEntity, type MembershipEntity, Role } from '@relais/identity';
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
  type GraphqlResponse,
  type TestApp,
} from '@relais/testing';
import { startRelais, startFromEmptyTables } from '../support/app.js';

const PREVIEW_FIELDS = `preview {
  project { targetJob romeCode mobilityRadiusKm contractsSought }
  plan { goals { title status } actions { title status dueOn } }
  contracts { type startsOn endsOn }
  obstacles { theme status comment }
}`;
const PROPOSE = `mutation($input: ProposeHandoverInput!) {
  proposeHandover(input: $input) { id status summary { situation done expected } previewParts }
}`;
const PREVIEW = `query($id: ID!) { handover(id: $id) { id status ${PREVIEW_FIELDS} } }`;
const ACCEPT = `mutation($input: AcceptHandoverInput!) { acceptHandover(input: $input) { id status } }`;
const DECLINE = `mutation($input: DeclineHandoverInput!) { declineHandover(input: $input) { id status } }`;
const CANCEL = `mutation($input: CancelHandoverInput!) { cancelHandover(input: $input) { id status } }`;
const FILE = `query($id: ID!) { person(id: $id) {
  id orientationType orientationStructureId access { teamRole }
  contracts { type startsOn endsOn }
} }`;

interface Caseworker {
  account: AccountEntity;
  membership: MembershipEntity;
  client: GraphqlHttpClient;
}
interface Preview {
  project: Record<string, unknown> | null;
  plan: { goals: { title: string }[]; actions: { title: string }[] } | null;
  contracts: { type: string }[] | null;
  obstacles: { theme: string; comment: string | null }[] | null;
}
interface FileNode {
  orientationType: string | null;
  orientationStructureId: string | null;
  access: { teamRole: string | null };
  contracts: { type: string; startsOn: string; endsOn: string | null }[];
}

const codeOf = (result: GraphqlResponse<unknown>) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: GraphqlResponse<unknown>) => result.errors?.[0]?.extensions?.field;
const isoDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('handovers that carry their context (issue 19)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  let departement: StructureEntity;
  let missionLocale: StructureEntity;
  let farAway: StructureEntity;
  let referent: Caseworker;
  let targetPro: Caseworker;
  let targetColleague: Caseworker;
  let targetAdmin: Caseworker;
  let outsider: Caseworker;
  let om: Caseworker;

  const caseworker = async (structure: StructureEntity, role: Role): Promise<Caseworker> => {
    const account = await createAccount(relais.dataSource);
    const membership = await addMembership(relais.dataSource, account, {
      role: role as Role.PROFESSIONAL,
      structure,
    });
    return { account, membership, client: await relais.graphqlAs(account.id) };
  };

  /** A file with a project, a plan, a CER and obstacles, one of them sensitive (health). */
  const personWithFile = async (): Promise<PersonEntity> => {
    const person = await createPerson(relais.dataSource, territory, {
      targetJob: 'Cariste',
      romeCode: 'N1101',
    });
    await addTeamMember(
      relais.dataSource,
      person,
      referent.account,
      referent.membership,
      TeamRole.REFERENT,
    );
    const add = (mutation: string, input: Record<string, unknown>) =>
      referent.client.data<Record<string, { id: string }>>(
        `mutation($input: ${mutation[0].toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { id } }`,
        { input: { personId: person.id, ...input } },
      );
    const mobility = await add('addObstacle', {
      theme: 'MOBILITY',
      status: 'IDENTIFIED',
      comment: 'Pas de permis',
    });
    const health = await add('addObstacle', {
      theme: 'HEALTH',
      status: 'IDENTIFIED',
      comment: 'Suivi médical en cours',
    });
    await add('addGoal', { title: 'Retour à l’emploi' });
    await add('addAction', { title: 'Permis B', obstacleId: mobility.addObstacle.id });
    await add('addAction', { title: 'Rendez-vous de soins', obstacleId: health.addObstacle.id });
    await add('addContract', { type: 'CER', startsOn: isoDay(-200), endsOn: null });
    return person;
  };

  const propose = async (person: PersonEntity, extra: Record<string, unknown> = {}) =>
    (
      await referent.client.data<{ proposeHandover: { id: string } }>(PROPOSE, {
        input: {
          personId: person.id,
          toStructureId: missionLocale.id,
          toAccountId: targetPro.account.id,
          reason: 'Projet professionnel prêt : accompagnement vers l’emploi.',
          personInformed: true,
          previewParts: ['PLAN', 'CONTRACT', 'OBSTACLES'],
          ...extra,
        },
      })
    ).proposeHandover.id;

  const previewLogRows = async (personId: string): Promise<{ account_id: string }[]> =>
    relais.dataSource.query(
      `SELECT account_id FROM access_log WHERE person_id = $1 AND ground = 'HANDOVER_PREVIEW'
        ORDER BY accessed_at`,
      [personId],
    );

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
    farAway = await createStructure(ds, elsewhere, { type: StructureType.MISSION_LOCALE });
    referent = await caseworker(departement, Role.PROFESSIONAL);
    targetPro = await caseworker(missionLocale, Role.PROFESSIONAL);
    targetColleague = await caseworker(missionLocale, Role.PROFESSIONAL);
    targetAdmin = await caseworker(missionLocale, Role.STRUCTURE_ADMIN);
    outsider = await caseworker(franceTravail, Role.STRUCTURE_ADMIN);
    om = await caseworker(departement, Role.ORIENTATION_MANAGER);
  });

  afterAll(async () => {
    await relais.close();
  });

  it('records the summary and the chosen parts, and shows the target only those, logged', async () => {
    const person = await personWithFile();
    const proposed = await referent.client.data<{
      proposeHandover: { id: string; summary: unknown; previewParts: string[] };
    }>(PROPOSE, {
      input: {
        personId: person.id,
        toStructureId: missionLocale.id,
        toAccountId: targetPro.account.id,
        reason: 'Projet professionnel prêt.',
        personInformed: true,
        summarySituation: '  Sans emploi depuis 2 ans, mobilité réduite.  ',
        summaryDone: 'Diagnostic, CER signé.',
        summaryExpected: '',
        previewParts: ['OBSTACLES', 'PLAN'],
      },
    });
    const id = proposed.proposeHandover.id;
    expect(proposed.proposeHandover).toMatchObject({
      summary: {
        situation: 'Sans emploi depuis 2 ans, mobilité réduite.',
        done: 'Diagnostic, CER signé.',
        expected: null,
      },
      previewParts: ['PLAN', 'OBSTACLES'],
    });

    const read = await targetPro.client.execute<{ handover: { preview: Preview } }>(PREVIEW, {
      id,
    });
    expect(read.errors).toBeUndefined();
    const preview = read.data!.handover.preview;
    expect(preview.project).toBeNull();
    expect(preview.contracts).toBeNull();
    expect(preview.plan?.goals.map((g) => g.title)).toEqual(['Retour à l’emploi']);
    // The action serving the health obstacle is left out; the health obstacle too.
    expect(preview.plan?.actions.map((a) => a.title)).toEqual(['Permis B']);
    expect(preview.obstacles).toEqual([
      { theme: 'MOBILITY', status: 'IDENTIFIED', comment: 'Pas de permis' },
    ]);
    expect(JSON.stringify(read.data)).not.toMatch(/médical|soins/i);
    expect(await previewLogRows(person.id)).toEqual([{ account_id: targetPro.account.id }]);

    // A colleague and the admin of the target structure read it too, each read logged.
    for (const reader of [targetColleague, targetAdmin]) {
      const result = await reader.client.execute(PREVIEW, { id });
      expect(result.errors).toBeUndefined();
    }
    expect((await previewLogRows(person.id)).map((row) => row.account_id)).toEqual([
      targetPro.account.id,
      targetColleague.account.id,
      targetAdmin.account.id,
    ]);

    // Not the proposer, nor an orientation manager (parties of the handover), nor an outsider.
    for (const reader of [referent, om, outsider]) {
      const result = await reader.client.execute(PREVIEW, { id });
      expect(codeOf(result)).toBe('FORBIDDEN');
      expect(JSON.stringify(result.data ?? null)).not.toMatch(/Permis|permis/);
    }
    expect(await previewLogRows(person.id)).toHaveLength(3);
  });

  it('refuses the preview once the handover is accepted, declined or cancelled', async () => {
    const answers: [string, (id: string) => Promise<unknown>][] = [
      ['accepted', (id) => targetPro.client.data(ACCEPT, { input: { handoverId: id } })],
      [
        'declined',
        (id) =>
          targetAdmin.client.data(DECLINE, { input: { handoverId: id, reason: 'Pas de place' } }),
      ],
      ['cancelled', (id) => referent.client.data(CANCEL, { input: { handoverId: id } })],
    ];
    for (const [status, answer] of answers) {
      const person = await personWithFile();
      const id = await propose(person);
      expect((await targetAdmin.client.execute(PREVIEW, { id })).errors).toBeUndefined();
      await answer(id);
      const after = await targetAdmin.client.execute(PREVIEW, { id });
      expect({ status, code: codeOf(after) }).toEqual({ status, code: 'FORBIDDEN' });
      expect(after.errors?.[0]?.extensions?.reason).toBe('HANDOVER_ALREADY_ANSWERED');
      expect(await previewLogRows(person.id)).toHaveLength(1);
    }
  });

  it('refuses a summary too long or an unknown part, naming the field, writing nothing', async () => {
    const person = await personWithFile();
    const input = {
      personId: person.id,
      toStructureId: missionLocale.id,
      reason: 'Projet professionnel prêt.',
      personInformed: true,
    };
    for (const field of ['summarySituation', 'summaryDone', 'summaryExpected']) {
      const tooLong = await referent.client.execute(PROPOSE, {
        input: { ...input, [field]: 'x'.repeat(2001) },
      });
      expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
      expect(String(fieldOf(tooLong))).toMatch(new RegExp(`${field}$`));
      expect(JSON.stringify(tooLong.errors?.[0]?.extensions)).toContain('MAX_LENGTH');
    }
    const unknown = await referent.client.execute(PROPOSE, {
      input: { ...input, previewParts: ['NOTES'] },
    });
    expect(unknown.errors?.[0]?.message).toMatch(/previewParts/);
    expect(unknown.errors?.[0]?.message).toMatch(/NOTES/);
    const [{ count }] = await relais.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM handover WHERE person_id = $1`,
      [person.id],
    );
    expect(Number(count)).toBe(0);
  });

  it('accepts with the orientation and the contracts changed, in one transaction', async () => {
    const person = await personWithFile();
    const id = await propose(person);
    const before = await referent.client.data<{ person: FileNode }>(FILE, { id: person.id });

    // A refusal at the last write (the new contract's end) leaves everything as it was.
    const refused = await targetPro.client.execute(ACCEPT, {
      input: {
        handoverId: id,
        orientationType: 'PROFESSIONAL',
        orientationStructureId: missionLocale.id,
        closeCurrentContract: true,
        newContractType: 'CEJ',
        newContractEndsOn: isoDay(-1),
      },
    });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(fieldOf(refused)).toBe('newContractEndsOn');
    expect(await referent.client.data<{ person: FileNode }>(FILE, { id: person.id })).toEqual(
      before,
    );
    expect(codeOf(await targetPro.client.execute(FILE, { id: person.id }))).toBe('FORBIDDEN');
    const elsewhere = await targetPro.client.execute(ACCEPT, {
      input: { handoverId: id, orientationType: 'SOCIAL', orientationStructureId: farAway.id },
    });
    expect(fieldOf(elsewhere)).toBe('orientationStructureId');
    const notFitting = await targetPro.client.execute(ACCEPT, {
      input: { handoverId: id, newContractType: 'CONTRAT_ENGAGEMENT' },
    });
    expect(fieldOf(notFitting)).toBe('newContractType');
    expect((await targetAdmin.client.execute(PREVIEW, { id })).errors).toBeUndefined();

    const endsOn = isoDay(365);
    const accepted = await targetPro.client.data<{ acceptHandover: { status: string } }>(ACCEPT, {
      input: {
        handoverId: id,
        orientationType: 'PROFESSIONAL',
        orientationStructureId: missionLocale.id,
        closeCurrentContract: true,
        newContractType: 'CEJ',
        newContractEndsOn: endsOn,
      },
    });
    expect(accepted.acceptHandover.status).toBe('ACCEPTED');
    const file = (await targetPro.client.data<{ person: FileNode }>(FILE, { id: person.id }))
      .person;
    const today = isoDay(0);
    expect(file.access.teamRole).toBe('REFERENT');
    expect(file.orientationType).toBe('PROFESSIONAL');
    expect(file.orientationStructureId).toBe(missionLocale.id);
    expect(file.contracts).toEqual(
      expect.arrayContaining([
        { type: 'CER', startsOn: isoDay(-200), endsOn: today },
        { type: 'CEJ', startsOn: today, endsOn },
      ]),
    );
    expect(file.contracts).toHaveLength(2);
    const [timeline] = await relais.dataSource.query<{ after: Record<string, unknown> }[]>(
      `SELECT after FROM timeline_event WHERE person_id = $1 AND type = 'handover.accepted'`,
      [person.id],
    );
    expect(timeline.after).toMatchObject({
      orientationType: 'PROFESSIONAL',
      closedContracts: ['CER'],
      newContractType: 'CEJ',
    });
  });
});
