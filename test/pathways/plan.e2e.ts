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

const FILE = `query($id: ID!) {
  person(id: $id) {
    obstacles { id sensitive redacted theme status comment version createdAt updatedAt }
    contracts { id type startsOn endsOn version }
    goals { id title status version }
    actions { id sensitive redacted title status startsOn dueOn goalId obstacleId version }
    appointments { id startsAt withWhom location remote status version }
    upcoming: appointments(upcomingOnly: true) { id }
  }
}`;

const OBSTACLE = 'id sensitive redacted theme status comment version';
const ACTION = 'id sensitive redacted title status startsOn dueOn goalId obstacleId version';
const ADD_OBSTACLE = `mutation($input: AddObstacleInput!) { addObstacle(input: $input) { ${OBSTACLE} } }`;
const UPDATE_OBSTACLE = `mutation($input: UpdateObstacleInput!) { updateObstacle(input: $input) { ${OBSTACLE} } }`;
const ADD_CONTRACT = `mutation($input: AddContractInput!) { addContract(input: $input) { id type startsOn endsOn version } }`;
const UPDATE_CONTRACT = `mutation($input: UpdateContractInput!) { updateContract(input: $input) { id type startsOn endsOn version } }`;
const ADD_GOAL = `mutation($input: AddGoalInput!) { addGoal(input: $input) { id title status version } }`;
const UPDATE_GOAL = `mutation($input: UpdateGoalInput!) { updateGoal(input: $input) { id title status version } }`;
const ADD_ACTION = `mutation($input: AddActionInput!) { addAction(input: $input) { ${ACTION} } }`;
const UPDATE_ACTION = `mutation($input: UpdateActionInput!) { updateAction(input: $input) { ${ACTION} } }`;
const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) { id startsAt durationMinutes withWhom location remote status version } }`;
const UPDATE_APPOINTMENT = `mutation($input: UpdateAppointmentInput!) { updateAppointment(input: $input) { id startsAt durationMinutes withWhom location remote status version } }`;

const DAY_MS = 86_400_000;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface ObstacleSeen {
  id: string;
  sensitive: boolean;
  redacted: boolean;
  theme: string | null;
  status: string | null;
  comment: string | null;
  version: number | null;
}
interface ActionSeen {
  id: string;
  sensitive: boolean;
  redacted: boolean;
  title: string | null;
  status: string;
  goalId: string | null;
  obstacleId: string | null;
  version: number;
}
interface FileSeen {
  person: {
    obstacles: (ObstacleSeen & { createdAt: string; updatedAt: string | null })[];
    contracts: { id: string; type: string; startsOn: string; endsOn: string | null }[];
    goals: { id: string; title: string }[];
    actions: ActionSeen[];
    appointments: { id: string; startsAt: string; withWhom: string }[];
    upcoming: { id: string }[];
  };
}

interface Caseworker {
  account: AccountEntity;
  membership: MembershipEntity;
  client: GraphqlHttpClient;
}

describe('pathway file: diagnostic, plan and appointments (DOMAIN.md access rules)', () => {
  startFromEmptyTables();
  let relais: TestApp;
  let territory: TerritoryEntity;
  const structures: Partial<Record<StructureType, StructureEntity>> = {};
  let person: PersonEntity;
  let other: PersonEntity;
  const as: Record<string, GraphqlHttpClient> = {};
  let referent: Caseworker;
  let cdFollower: Caseworker;
  /** Records of `person`, made by the referent through the API. */
  const ids = {
    housing: '',
    health: '',
    contract: '',
    goal: '',
    action: '',
    sensitiveAction: '',
    appointment: '',
    otherGoal: '',
    otherObstacle: '',
  };

  const caseworker = async (
    structure: StructureEntity,
    role: Role.PROFESSIONAL | Role.ORIENTATION_MANAGER = Role.PROFESSIONAL,
  ): Promise<Caseworker> => {
    const account = await createAccount(relais.dataSource);
    const membership = await addMembership(relais.dataSource, account, { role, structure });
    return { account, membership, client: await relais.graphqlAs(account.id) };
  };

  const query = <T>(sql: string, params: unknown[]): Promise<T[]> =>
    relais.dataSource.query<T[]>(sql, params);

  /** Every row of the file's plan tables with its version, and the timeline's length. */
  const snapshot = async (personId = person.id) =>
    (
      await query<Record<string, unknown>>(
        `SELECT ${['obstacle', 'contract', 'goal', 'plan_action', 'appointment']
          .map(
            (table) =>
              `(SELECT json_agg(json_build_object('id', id, 'version', version) ORDER BY id)
                  FROM ${table} WHERE person_id = $1) AS ${table}`,
          )
          .join(', ')},
           (SELECT count(*) FROM timeline_event WHERE person_id = $1)::int AS timeline`,
        [personId],
      )
    )[0];

  const versionOf = async (table: string, id: string): Promise<number> =>
    (await query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id]))[0]
      .version;

  const lastEvent = async (subjectId: string) =>
    (
      await query<{
        type: string;
        sensitive: boolean;
        before: Record<string, unknown> | null;
        after: Record<string, unknown> | null;
        actor_membership_id: string | null;
      }>(
        `SELECT type, sensitive, before, after, actor_membership_id FROM timeline_event
          WHERE subject_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
        [subjectId],
      )
    )[0];

  const errorOf = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
    result.errors?.[0]?.extensions;

  /** Every mutation of this suite, aimed at `person`'s records at their current versions. */
  const everyMutation = async (): Promise<[string, string, Record<string, unknown>][]> => [
    [
      'addObstacle',
      ADD_OBSTACLE,
      { personId: person.id, theme: 'LANGUAGE', status: 'IDENTIFIED', comment: 'FLE' },
    ],
    [
      'updateObstacle',
      UPDATE_OBSTACLE,
      {
        obstacleId: ids.housing,
        version: await versionOf('obstacle', ids.housing),
        status: 'RESOLVED',
      },
    ],
    ['addContract', ADD_CONTRACT, { personId: person.id, type: 'PPAE', startsOn: '2026-01-05' }],
    [
      'updateContract',
      UPDATE_CONTRACT,
      {
        contractId: ids.contract,
        version: await versionOf('contract', ids.contract),
        endsOn: '2027-12-31',
      },
    ],
    ['addGoal', ADD_GOAL, { personId: person.id, title: 'Passer le permis' }],
    [
      'updateGoal',
      UPDATE_GOAL,
      { goalId: ids.goal, version: await versionOf('goal', ids.goal), status: 'ACHIEVED' },
    ],
    ['addAction', ADD_ACTION, { personId: person.id, title: 'Inscription auto-école' }],
    [
      'updateAction',
      UPDATE_ACTION,
      {
        actionId: ids.action,
        version: await versionOf('plan_action', ids.action),
        status: 'DONE',
      },
    ],
    [
      'scheduleAppointment',
      SCHEDULE,
      {
        personId: person.id,
        startsAt: new Date(Date.now() + 3 * DAY_MS).toISOString(),
        durationMinutes: 30,
        withWhom: 'Conseillère',
        remote: true,
      },
    ],
    [
      'updateAppointment',
      UPDATE_APPOINTMENT,
      {
        appointmentId: ids.appointment,
        version: await versionOf('appointment', ids.appointment),
        status: 'HONORED',
      },
    ],
  ];

  beforeAll(async () => {
    relais = await startRelais();
    const ds = relais.dataSource;
    territory = await createTerritory(ds);
    const elsewhere = await createTerritory(ds);
    for (const type of [
      StructureType.MISSION_LOCALE,
      StructureType.FRANCE_TRAVAIL,
      StructureType.CONSEIL_DEPARTEMENTAL,
      StructureType.CCAS,
      StructureType.CAF,
      StructureType.MSA,
    ]) {
      structures[type] = await createStructure(ds, territory, { type });
    }
    const structure = (type: StructureType) => structures[type] as StructureEntity;
    const farAway = await createStructure(ds, elsewhere, {
      type: StructureType.CONSEIL_DEPARTEMENTAL,
    });

    person = await createPerson(ds, territory);
    other = await createPerson(ds, territory);
    // A mission locale referent: the referent reads sensitive obstacles whatever their body.
    referent = await caseworker(structure(StructureType.MISSION_LOCALE));
    await addTeamMember(ds, person, referent.account, referent.membership, TeamRole.REFERENT);
    await addTeamMember(ds, other, referent.account, referent.membership, TeamRole.REFERENT);
    as.referent = referent.client;
    const followers: [string, StructureType][] = [
      ['missionLocale', StructureType.MISSION_LOCALE],
      ['franceTravail', StructureType.FRANCE_TRAVAIL],
      ['conseilDepartemental', StructureType.CONSEIL_DEPARTEMENTAL],
      ['ccas', StructureType.CCAS],
      ['caf', StructureType.CAF],
      ['msa', StructureType.MSA],
    ];
    for (const [key, type] of followers) {
      const follower = await caseworker(structure(type));
      await addTeamMember(ds, person, follower.account, follower.membership);
      as[key] = follower.client;
      if (type === StructureType.CONSEIL_DEPARTEMENTAL) cdFollower = follower;
    }
    as.outsider = (await caseworker(structure(StructureType.FRANCE_TRAVAIL))).client;
    as.otherTerritory = (await caseworker(farAway)).client;
    as.orientationManager = (
      await caseworker(structure(StructureType.CONSEIL_DEPARTEMENTAL), Role.ORIENTATION_MANAGER)
    ).client;
    for (const [key, days] of [
      ['formerReferent', 10],
      ['expiredFormerReferent', 31],
    ] as const) {
      const former = await caseworker(structure(StructureType.FRANCE_TRAVAIL));
      await addTeamMember(ds, person, former.account, former.membership, TeamRole.REFERENT, {
        at: new Date(Date.now() - days * DAY_MS),
        reason: TeamLeaveReason.HANDOVER,
      });
      as[key] = former.client;
    }
    as.partner = await relais.graphqlAsClient(
      await createApiClient(ds, territory, ['persons:read']),
    );
    as.partnerWithoutScope = await relais.graphqlAsClient(
      await createApiClient(ds, territory, ['events:read']),
    );

    const seed = async <T>(mutation: string, input: Record<string, unknown>): Promise<T> =>
      Object.values(await as.referent.data<Record<string, T>>(mutation, { input }))[0];
    const id = async (mutation: string, input: Record<string, unknown>) =>
      (await seed<{ id: string }>(mutation, input)).id;
    ids.housing = await id(ADD_OBSTACLE, {
      personId: person.id,
      theme: 'HOUSING',
      status: 'IDENTIFIED',
      comment: 'Hébergée chez sa sœur',
    });
    ids.health = await id(ADD_OBSTACLE, {
      personId: person.id,
      theme: 'HEALTH',
      status: 'BEING_ADDRESSED',
      comment: 'Suivi en addictologie',
    });
    ids.contract = await id(ADD_CONTRACT, {
      personId: person.id,
      type: 'CER',
      startsOn: '2025-09-01',
      endsOn: '2026-08-31',
    });
    ids.goal = await id(ADD_GOAL, { personId: person.id, title: 'Trouver un logement' });
    ids.action = await id(ADD_ACTION, {
      personId: person.id,
      title: 'Demande de logement social',
      goalId: ids.goal,
      obstacleId: ids.housing,
    });
    ids.sensitiveAction = await id(ADD_ACTION, {
      personId: person.id,
      title: 'Rendez-vous au CSAPA',
      obstacleId: ids.health,
    });
    ids.appointment = await id(SCHEDULE, {
      personId: person.id,
      startsAt: new Date(Date.now() + 7 * DAY_MS).toISOString(),
      durationMinutes: 45,
      withWhom: 'Référente ML',
      location: 'Mission locale, bureau 3',
    });
    ids.otherGoal = await id(ADD_GOAL, { personId: other.id, title: 'Autre' });
    ids.otherObstacle = await id(ADD_OBSTACLE, {
      personId: other.id,
      theme: 'MOBILITY',
      status: 'IDENTIFIED',
    });
  });

  afterAll(async () => {
    await relais.close();
  });

  describe('who may change the file (rules 1 and 4)', () => {
    it.each([
      ['a professional of the territory outside the team', 'outsider'],
      ['a professional of another territory', 'otherTerritory'],
      ['a partner system without persons:read', 'partnerWithoutScope'],
      ['a partner system with persons:read (it reads, never writes)', 'partner'],
      ['the former referent within 30 days (read-only)', 'formerReferent'],
      ['the former referent after 30 days', 'expiredFormerReferent'],
      ['an orientation manager of the territory (reads only)', 'orientationManager'],
    ])('refuses %s every change, and writes nothing', async (_who, key) => {
      const before = await snapshot();
      for (const [name, mutation, input] of await everyMutation()) {
        const result = await as[key].execute(mutation, { input });
        expect([name, errorOf(result)?.code]).toEqual([name, 'FORBIDDEN']);
        expect(result.data ?? null).toBeNull();
      }
      expect(await snapshot()).toEqual(before);
    });

    it('answers an unknown record id exactly as a record of a file one may not change', async () => {
      const before = await snapshot();
      for (const [name, mutation, input] of await everyMutation()) {
        if (!name.startsWith('update')) continue;
        const key = Object.keys(input).find((field) => field.endsWith('Id')) as string;
        const result = await as.referent.execute(mutation, {
          input: { ...input, [key]: UNKNOWN_ID },
        });
        expect([name, errorOf(result)]).toEqual([
          name,
          { code: 'FORBIDDEN', reason: 'NOT_ALLOWED' },
        ]);
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('who may read the diagnostic, the plan and the appointments', () => {
    it.each([
      ['a professional of the territory outside the team', 'outsider'],
      ['a professional of another territory', 'otherTerritory'],
      ['a partner system without persons:read', 'partnerWithoutScope'],
      ['the former referent after 30 days', 'expiredFormerReferent'],
    ])('refuses %s', async (_who, key) => {
      const result = await as[key].execute(FILE, { id: person.id });
      expect(errorOf(result)?.code).toBe('FORBIDDEN');
      expect(result.data ?? null).toBeNull();
    });

    it.each([
      ['the former referent within 30 days', 'formerReferent'],
      ['an orientation manager of the territory', 'orientationManager'],
      ['a partner system with persons:read', 'partner'],
    ])('lets %s read every part, sensitive ones redacted', async (_who, key) => {
      const { person: file } = await as[key].data<FileSeen>(FILE, { id: person.id });
      expect(file.obstacles.map((o) => o.id)).toEqual(
        expect.arrayContaining([ids.housing, ids.health]),
      );
      expect(file.obstacles.find((o) => o.id === ids.health)).toMatchObject({ redacted: true });
      expect(file.contracts.map((c) => c.id)).toContain(ids.contract);
      expect(file.goals.map((g) => g.id)).toContain(ids.goal);
      expect(file.actions.find((a) => a.id === ids.sensitiveAction)).toMatchObject({
        redacted: true,
        title: null,
      });
      expect(file.appointments.map((a) => a.id)).toContain(ids.appointment);
    });
  });

  describe('sensitive obstacles and their actions (rule 2)', () => {
    it.each([
      ['a follower from a mission locale', 'missionLocale'],
      ['a follower from France Travail', 'franceTravail'],
    ])('are redacted, never dropped, for %s', async (_who, key) => {
      const { person: file } = await as[key].data<FileSeen>(FILE, { id: person.id });
      const health = file.obstacles.find((o) => o.id === ids.health);
      expect(health).toEqual({
        id: ids.health,
        sensitive: true,
        redacted: true,
        theme: null,
        status: null,
        comment: null,
        version: null,
        createdAt: expect.any(String) as string,
        updatedAt: null,
      });
      expect(file.obstacles.find((o) => o.id === ids.housing)).toMatchObject({
        redacted: false,
        theme: 'HOUSING',
        comment: 'Hébergée chez sa sœur',
      });
      expect(file.actions.find((a) => a.id === ids.sensitiveAction)).toMatchObject({
        sensitive: true,
        redacted: true,
        title: null,
        obstacleId: null,
        status: 'PLANNED',
      });
      expect(file.actions.find((a) => a.id === ids.action)).toMatchObject({
        redacted: false,
        title: 'Demande de logement social',
        obstacleId: ids.housing,
      });
      expect(JSON.stringify(file)).not.toMatch(/addictologie|CSAPA|HEALTH/);
    });

    it.each([
      ['the referent (of a mission locale)', 'referent'],
      ['a follower from the conseil départemental', 'conseilDepartemental'],
      ['a follower from a CCAS', 'ccas'],
      ['a follower from the CAF', 'caf'],
      ['a follower from the MSA', 'msa'],
    ])('are readable by %s', async (_who, key) => {
      const { person: file } = await as[key].data<FileSeen>(FILE, { id: person.id });
      expect(file.obstacles.find((o) => o.id === ids.health)).toMatchObject({
        sensitive: true,
        redacted: false,
        theme: 'HEALTH',
        comment: 'Suivi en addictologie',
      });
      expect(file.actions.find((a) => a.id === ids.sensitiveAction)).toMatchObject({
        sensitive: true,
        redacted: false,
        title: 'Rendez-vous au CSAPA',
        obstacleId: ids.health,
      });
    });

    it('may be neither recorded, changed nor planned on by a follower not entitled to read them', async () => {
      const before = await snapshot();
      const attempts: [string, string, Record<string, unknown>][] = [
        [
          'update the obstacle',
          UPDATE_OBSTACLE,
          {
            obstacleId: ids.health,
            version: await versionOf('obstacle', ids.health),
            comment: 'x',
          },
        ],
        [
          'update its action',
          UPDATE_ACTION,
          {
            actionId: ids.sensitiveAction,
            version: await versionOf('plan_action', ids.sensitiveAction),
            status: 'DONE',
          },
        ],
        // FORBIDDEN, not CONFLICT: the answer must not tell whether the theme is there.
        [
          'record a theme already there',
          ADD_OBSTACLE,
          { personId: person.id, theme: 'HEALTH', status: 'IDENTIFIED' },
        ],
        [
          'record a new theme',
          ADD_OBSTACLE,
          { personId: person.id, theme: 'JUSTICE', status: 'IDENTIFIED' },
        ],
        [
          'plan an action on it',
          ADD_ACTION,
          { personId: person.id, title: 'x', obstacleId: ids.health },
        ],
        [
          'link an action to it',
          UPDATE_ACTION,
          {
            actionId: ids.action,
            version: await versionOf('plan_action', ids.action),
            obstacleId: ids.health,
          },
        ],
      ];
      for (const [what, mutation, input] of attempts) {
        const result = await as.missionLocale.execute(mutation, { input });
        expect([what, errorOf(result)?.code]).toEqual([what, 'FORBIDDEN']);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('lets an entitled follower change one, with a sensitive timeline event', async () => {
      const version = await versionOf('obstacle', ids.health);
      const changed = await as.conseilDepartemental.data<{ updateObstacle: ObstacleSeen }>(
        UPDATE_OBSTACLE,
        { input: { obstacleId: ids.health, version, status: 'RESOLVED' } },
      );
      expect(changed.updateObstacle).toMatchObject({
        theme: 'HEALTH',
        status: 'RESOLVED',
        comment: 'Suivi en addictologie',
        version: version + 1,
      });
      expect(await lastEvent(ids.health)).toEqual({
        type: 'obstacle.updated',
        sensitive: true,
        before: { status: 'BEING_ADDRESSED' },
        after: { status: 'RESOLVED' },
        actor_membership_id: cdFollower.membership.id,
      });
    });
  });

  describe('changes by the team, each with its timeline event', () => {
    it('adds and updates an obstacle, sensitive themes marked sensitive in the timeline', async () => {
      const added = await as.franceTravail.data<{ addObstacle: ObstacleSeen }>(ADD_OBSTACLE, {
        input: { personId: person.id, theme: 'DIGITAL', status: 'IDENTIFIED', comment: ' ' },
      });
      expect(added.addObstacle).toMatchObject({
        theme: 'DIGITAL',
        sensitive: false,
        comment: null,
        version: 1,
      });
      expect(await lastEvent(added.addObstacle.id)).toMatchObject({
        type: 'obstacle.added',
        sensitive: false,
      });
      const updated = await as.franceTravail.data<{ updateObstacle: ObstacleSeen }>(
        UPDATE_OBSTACLE,
        { input: { obstacleId: added.addObstacle.id, version: 1, comment: 'Pas d’ordinateur' } },
      );
      expect(updated.updateObstacle).toMatchObject({
        status: 'IDENTIFIED',
        comment: 'Pas d’ordinateur',
        version: 2,
      });
      expect(await lastEvent(added.addObstacle.id)).toMatchObject({
        type: 'obstacle.updated',
        sensitive: false,
        before: { comment: null },
        after: { comment: 'Pas d’ordinateur' },
      });

      const disability = await as.referent.data<{ addObstacle: ObstacleSeen }>(ADD_OBSTACLE, {
        input: { personId: person.id, theme: 'DISABILITY', status: 'IDENTIFIED' },
      });
      expect(await lastEvent(disability.addObstacle.id)).toMatchObject({
        type: 'obstacle.added',
        sensitive: true,
      });
    });

    it('refuses a second obstacle of one theme with CONFLICT naming theme, and writes nothing', async () => {
      const before = await snapshot();
      const result = await as.referent.execute(ADD_OBSTACLE, {
        input: { personId: person.id, theme: 'HOUSING', status: 'RESOLVED' },
      });
      expect(errorOf(result)).toEqual({
        code: 'CONFLICT',
        reason: 'THEME_ALREADY_IN_DIAGNOSTIC',
        field: 'theme',
      });
      expect(await snapshot()).toEqual(before);
    });

    it('adds and updates a contract', async () => {
      const added = await as.caf.data<{ addContract: { id: string; version: number } }>(
        ADD_CONTRACT,
        { input: { personId: person.id, type: 'CONTRAT_ENGAGEMENT', startsOn: '2026-02-01' } },
      );
      expect(added.addContract).toMatchObject({ endsOn: null, version: 1 });
      expect(await lastEvent(added.addContract.id)).toMatchObject({
        type: 'contract.added',
        after: { type: 'CONTRAT_ENGAGEMENT', startsOn: '2026-02-01', endsOn: null },
      });
      const updated = await as.caf.data<{ updateContract: unknown }>(UPDATE_CONTRACT, {
        input: { contractId: added.addContract.id, version: 1, endsOn: '2027-01-31' },
      });
      expect(updated.updateContract).toMatchObject({
        type: 'CONTRAT_ENGAGEMENT',
        startsOn: '2026-02-01',
        endsOn: '2027-01-31',
        version: 2,
      });
      expect(await lastEvent(added.addContract.id)).toMatchObject({
        type: 'contract.updated',
        before: { endsOn: null },
        after: { endsOn: '2027-01-31' },
      });
    });

    it('adds and updates a goal', async () => {
      const added = await as.msa.data<{ addGoal: { id: string } }>(ADD_GOAL, {
        input: { personId: person.id, title: '  Reprendre une formation ' },
      });
      expect(added.addGoal).toMatchObject({
        title: 'Reprendre une formation',
        status: 'IN_PROGRESS',
        version: 1,
      });
      expect(await lastEvent(added.addGoal.id)).toMatchObject({ type: 'goal.added' });
      const updated = await as.msa.data<{ updateGoal: unknown }>(UPDATE_GOAL, {
        input: { goalId: added.addGoal.id, version: 1, status: 'ABANDONED' },
      });
      expect(updated.updateGoal).toMatchObject({ status: 'ABANDONED', version: 2 });
      expect(await lastEvent(added.addGoal.id)).toMatchObject({
        type: 'goal.updated',
        before: { status: 'IN_PROGRESS' },
        after: { status: 'ABANDONED' },
      });
    });

    it('adds and updates actions; one linked to a sensitive obstacle is sensitive in the timeline', async () => {
      const added = await as.ccas.data<{ addAction: ActionSeen }>(ADD_ACTION, {
        input: {
          personId: person.id,
          title: 'Bilan de santé',
          startsOn: '2026-03-01',
          dueOn: '2026-03-31',
          goalId: ids.goal,
          obstacleId: ids.health,
        },
      });
      expect(added.addAction).toMatchObject({
        sensitive: true,
        redacted: false,
        title: 'Bilan de santé',
        status: 'PLANNED',
        startsOn: '2026-03-01',
        dueOn: '2026-03-31',
        goalId: ids.goal,
        obstacleId: ids.health,
        version: 1,
      });
      expect(await lastEvent(added.addAction.id)).toMatchObject({
        type: 'action.added',
        sensitive: true,
      });
      const unlinked = await as.ccas.data<{ updateAction: ActionSeen }>(UPDATE_ACTION, {
        input: { actionId: added.addAction.id, version: 1, obstacleId: null, status: 'DONE' },
      });
      expect(unlinked.updateAction).toMatchObject({
        sensitive: false,
        obstacleId: null,
        status: 'DONE',
        version: 2,
      });
      // Leaving a sensitive obstacle still says something about it.
      expect(await lastEvent(added.addAction.id)).toMatchObject({
        type: 'action.updated',
        sensitive: true,
        before: { status: 'PLANNED', obstacleId: ids.health },
        after: { status: 'DONE', obstacleId: null },
      });

      const plain = await as.missionLocale.data<{ addAction: ActionSeen }>(ADD_ACTION, {
        input: { personId: person.id, title: 'Atelier CV', obstacleId: ids.housing },
      });
      expect(await lastEvent(plain.addAction.id)).toMatchObject({
        type: 'action.added',
        sensitive: false,
      });
    });

    it('schedules and updates an appointment', async () => {
      const startsAt = new Date(Date.now() + 2 * DAY_MS);
      const added = await as.franceTravail.data<{
        scheduleAppointment: { id: string; startsAt: string };
      }>(SCHEDULE, {
        input: {
          personId: person.id,
          startsAt: startsAt.toISOString(),
          durationMinutes: 60,
          withWhom: 'Conseiller France Travail',
          remote: true,
        },
      });
      expect(added.scheduleAppointment).toMatchObject({
        startsAt: startsAt.toISOString(),
        location: null,
        remote: true,
        status: 'PLANNED',
        version: 1,
      });
      expect(await lastEvent(added.scheduleAppointment.id)).toMatchObject({
        type: 'appointment.scheduled',
        after: { withWhom: 'Conseiller France Travail', remote: true },
      });
      const updated = await as.franceTravail.data<{ updateAppointment: unknown }>(
        UPDATE_APPOINTMENT,
        {
          input: {
            appointmentId: added.scheduleAppointment.id,
            version: 1,
            location: 'Agence de Bourg',
            remote: false,
          },
        },
      );
      expect(updated.updateAppointment).toMatchObject({
        location: 'Agence de Bourg',
        remote: false,
        version: 2,
      });
      expect(await lastEvent(added.scheduleAppointment.id)).toMatchObject({
        type: 'appointment.updated',
        before: { location: null, remote: true },
        after: { location: 'Agence de Bourg', remote: false },
      });
    });

    it('refuses stale versions with CONFLICT and writes nothing', async () => {
      const before = await snapshot();
      for (const [name, mutation, input] of await everyMutation()) {
        if (!name.startsWith('update')) continue;
        const version = (input.version as number) - 1;
        const stale = version >= 1 ? version : (input.version as number) + 1;
        const result = await as.referent.execute(mutation, { input: { ...input, version: stale } });
        expect([name, errorOf(result)]).toEqual([
          name,
          { code: 'CONFLICT', reason: 'STALE_VERSION', field: 'version' },
        ]);
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('validation: BAD_USER_INPUT naming the field, nothing written', () => {
    it.each([
      [
        'a contract ending before it starts',
        ADD_CONTRACT,
        () => ({ personId: person.id, type: 'CER', startsOn: '2026-05-01', endsOn: '2026-04-30' }),
        'endsOn',
      ],
      [
        'a contract moved to end before it starts',
        UPDATE_CONTRACT,
        async () => ({
          contractId: ids.contract,
          version: await versionOf('contract', ids.contract),
          endsOn: '2024-01-01',
        }),
        'endsOn',
      ],
      [
        'an appointment in 1970',
        SCHEDULE,
        () => ({
          personId: person.id,
          startsAt: '1970-01-01T09:00:00.000Z',
          durationMinutes: 30,
          withWhom: 'Référente',
          remote: true,
        }),
        'startsAt',
      ],
      [
        'an appointment neither somewhere nor remote',
        SCHEDULE,
        () => ({
          personId: person.id,
          startsAt: new Date(Date.now() + DAY_MS).toISOString(),
          durationMinutes: 30,
          withWhom: 'Référente',
          location: '  ',
        }),
        'location',
      ],
      [
        'an appointment of 4 minutes',
        SCHEDULE,
        () => ({
          personId: person.id,
          startsAt: new Date(Date.now() + DAY_MS).toISOString(),
          durationMinutes: 4,
          withWhom: 'Référente',
          remote: true,
        }),
        'durationMinutes',
      ],
      [
        'an overlong comment',
        ADD_OBSTACLE,
        () => ({
          personId: person.id,
          theme: 'FINANCES',
          status: 'IDENTIFIED',
          comment: 'x'.repeat(2001),
        }),
        'comment',
      ],
      [
        'an action due before it starts',
        ADD_ACTION,
        () => ({ personId: person.id, title: 'x', startsOn: '2026-05-02', dueOn: '2026-05-01' }),
        'dueOn',
      ],
      [
        'an action serving a goal of another person',
        ADD_ACTION,
        () => ({ personId: person.id, title: 'x', goalId: ids.otherGoal }),
        'goalId',
      ],
      [
        'an action lifting an obstacle of another person',
        UPDATE_ACTION,
        async () => ({
          actionId: ids.action,
          version: await versionOf('plan_action', ids.action),
          obstacleId: ids.otherObstacle,
        }),
        'obstacleId',
      ],
      [
        'a goal whose title is null',
        UPDATE_GOAL,
        async () => ({ goalId: ids.goal, version: await versionOf('goal', ids.goal), title: null }),
        'title',
      ],
    ])('refuses %s', async (_what, mutation, input, field) => {
      const before = await snapshot();
      const result = await as.referent.execute(mutation, { input: await input() });
      expect(errorOf(result)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: expect.any(String) as string,
        field,
      });
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an unknown enum value, naming the field', async () => {
      const before = await snapshot();
      const result = await as.referent.execute(ADD_OBSTACLE, {
        input: { personId: person.id, theme: 'ROCKETS', status: 'IDENTIFIED' },
      });
      expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'theme' });
      expect(await snapshot()).toEqual(before);
    });
  });

  it('orders each part of the file sensibly, all parts in one SQL statement', async () => {
    const ordered = await createPerson(relais.dataSource, territory);
    await addTeamMember(
      relais.dataSource,
      ordered,
      referent.account,
      referent.membership,
      TeamRole.REFERENT,
    );
    const add = (mutation: string, input: Record<string, unknown>) =>
      as.referent.data<Record<string, { id: string }>>(mutation, {
        input: { personId: ordered.id, ...input },
      });
    for (const theme of ['JUSTICE', 'MOBILITY', 'FINANCES']) {
      await add(ADD_OBSTACLE, { theme, status: 'IDENTIFIED' });
    }
    for (const startsOn of ['2024-01-01', '2026-01-01', '2025-01-01']) {
      await add(ADD_CONTRACT, { type: 'CER', startsOn });
    }
    for (const title of ['premier', 'deuxième']) {
      await add(ADD_GOAL, { title });
      await add(ADD_ACTION, { title });
    }
    const appointment = async (days: number, status?: string) =>
      (
        await add(SCHEDULE, {
          startsAt: new Date(Date.now() + days * DAY_MS).toISOString(),
          durationMinutes: 30,
          withWhom: `J${days}`,
          remote: true,
          status,
        })
      ).scheduleAppointment.id;
    const past = await appointment(-3, 'HONORED');
    const later = await appointment(10);
    const cancelled = await appointment(4, 'CANCELLED');
    const next = await appointment(2);

    const { person: file } = await as.referent.data<FileSeen>(FILE, { id: ordered.id });
    expect(file.obstacles.map((o) => o.theme)).toEqual(['MOBILITY', 'FINANCES', 'JUSTICE']);
    expect(file.contracts.map((c) => c.startsOn)).toEqual([
      '2026-01-01',
      '2025-01-01',
      '2024-01-01',
    ]);
    expect(file.goals.map((g) => g.title)).toEqual(['premier', 'deuxième']);
    expect(file.actions.map((a) => a.title)).toEqual(['premier', 'deuxième']);
    expect(file.appointments.map((a) => a.id)).toEqual([later, cancelled, next, past]);
    expect(file.upcoming.map((a) => a.id)).toEqual([next, later]);

    // No N+1 (STYLE.md rule 9): the parts are read in the statement that opens the file (its
    // facts and person, decision 0025), whatever the file holds: no statement more than the
    // file alone.
    const statements = (text: string, id: string) =>
      countStatements(relais.dataSource, () => as.referent.data(text, { id }));
    const opening = await statements(`query($id: ID!) { person(id: $id) { id } }`, ordered.id);
    // The principal; the file's facts and person (and the parts asked); the access log's write
    // alone in flight: its transaction, the head locked and the row numbered, the row inserted.
    expect(opening).toBe(6);
    const empty = await createPerson(relais.dataSource, territory);
    await addTeamMember(relais.dataSource, empty, referent.account, referent.membership);
    expect(await statements(FILE, ordered.id)).toBe(opening);
    expect(await statements(FILE, empty.id)).toBe(opening);

    // The timeline too, whether its entries' names are asked (looked up in the statement) or
    // not (left out of it), and through a fragment.
    const timeline = (node: string) =>
      `query($id: ID!) { person(id: $id) { timeline(first: 20) { edges { node { ${node} } } } } }
       ${node.includes('...Names') ? 'fragment Names on TimelineEvent { subjectName references { id name } }' : ''}`;
    type Seen = {
      person: {
        timeline: {
          edges: { node: { type: string; subjectName?: string; references?: unknown[] } }[];
        };
      };
    };
    const named = await as.referent.data<Seen>(timeline('type ...Names'), { id: ordered.id });
    const goal = named.person.timeline.edges.find((edge) => edge.node.type === 'goal.added');
    expect(goal?.node.subjectName).toBe('deuxième');
    const bare = await as.referent.data<Seen>(timeline('type'), { id: ordered.id });
    expect(bare.person.timeline.edges.map((edge) => edge.node)).toEqual(
      named.person.timeline.edges.map((edge) => ({ type: edge.node.type })),
    );
    expect(await statements(timeline('type ...Names'), ordered.id)).toBe(opening);
    expect(await statements(timeline('type'), ordered.id)).toBe(opening);
    expect(await statements(timeline('type references { id }'), ordered.id)).toBe(opening);
    // The timeline selected twice, its names split between the two: GraphQL merges them.
    const twice = `query($id: ID!) { person(id: $id) {
      timeline(first: 20) { edges { node { subjectName } } }
      timeline(first: 20) { edges { node { references { id } } } } } }`;
    expect(await statements(twice, ordered.id)).toBe(opening);
  });
});
