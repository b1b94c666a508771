import { Role } from '@relais/identity';
import { StructureType, type StructureEntity, type TerritoryEntity } from '@relais/organizations';
import {
  ActionStatus,
  AppointmentEntity,
  AppointmentStatus,
  ContractEntity,
  ContractType,
  OrientationType,
  type PersonEntity,
  PlanActionEntity,
} from '@relais/pathways';
import {
  countStatements,
  createStructure,
  createTerritory,
  type TestApp,
  waitUntil,
} from '@relais/testing';
import {
  askToJoin,
  type Caseworker,
  caseworkerOf,
  personFollowedBy,
} from '../notifications/notification-support.js';
import { startRelais } from '../support/app.js';

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
