import { DataSource } from 'typeorm';
import { systemScope, viewerScope } from '@relais/access';
import { buildDataSourceOptions } from '@relais/database';
import { identityEntities, Role } from '@relais/identity';
import { organizationEntities } from '@relais/organizations';
import {
  FilePartsReader,
  OrientationType,
  pathwayEntities,
  ReferentChangeRepository,
  TeamRepository,
  TeamRole,
} from '@relais/pathways';
import {
  accountPrincipal,
  addMembership,
  addTeamMember,
  createAccount,
  createPerson,
  createStructure,
  createTerritory,
} from '@relais/testing';
import { HANDOVER_EXPIRY_DAYS, HandoverStatus } from './handover.enums.js';
import { HandoverEntity } from './handover.entity.js';
import { HandoverRepository } from './handover.repository.js';
import { OrientationRequestEntity } from './orientation-request.entity.js';
import { OrientationRequestRepository } from './orientation-request.repository.js';

/** The handover's own SQL and the team change an acceptance makes, against PostgreSQL. */
describe('HandoverRepository', () => {
  let dataSource: DataSource;
  let handovers: HandoverRepository;
  let requests: OrientationRequestRepository;
  let teams: ReferentChangeRepository;

  beforeAll(async () => {
    dataSource = await new DataSource(
      await buildDataSourceOptions({
        url: process.env.DATABASE_URL as string,
        poolSize: 4,
        entities: [
          ...organizationEntities,
          ...identityEntities,
          ...pathwayEntities,
          HandoverEntity,
          OrientationRequestEntity,
        ],
      }),
    ).initialize();
    handovers = new HandoverRepository(dataSource);
    requests = new OrientationRequestRepository(dataSource);
    teams = new ReferentChangeRepository(
      dataSource,
      new TeamRepository(dataSource, new FilePartsReader(dataSource)),
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** A person followed by a referent of one structure, and a professional of another. */
  async function setting() {
    const territory = await createTerritory(dataSource);
    const [from, to] = [
      await createStructure(dataSource, territory),
      await createStructure(dataSource, territory),
    ];
    const referent = await createAccount(dataSource);
    const referentMembership = await addMembership(dataSource, referent, {
      role: Role.PROFESSIONAL,
      structure: from,
    });
    const target = await createAccount(dataSource);
    const targetMembership = await addMembership(dataSource, target, {
      role: Role.PROFESSIONAL,
      structure: to,
    });
    const person = await createPerson(dataSource, territory);
    await addTeamMember(dataSource, person, referent, referentMembership, TeamRole.REFERENT);
    return { territory, from, to, referent, referentMembership, target, targetMembership, person };
  }

  async function propose(
    s: Awaited<ReturnType<typeof setting>>,
    orientationRequestId: string | null = null,
  ): Promise<string> {
    return handovers.insert({
      personId: s.person.id,
      territoryId: s.territory.id,
      fromStructureId: s.from.id,
      fromReferentAccountId: s.referent.id,
      proposedByAccountId: s.referent.id,
      proposedByMembershipId: s.referentMembership.id,
      toStructureId: s.to.id,
      toAccountId: s.target.id,
      reason: 'Déménagement',
      orientationRequestId,
      expiryDays: HANDOVER_EXPIRY_DAYS,
    });
  }

  it('lets exactly one of concurrent answers win', async () => {
    const s = await setting();
    const id = await propose(s);
    const decider = { accountId: s.target.id, membershipId: s.targetMembership.id };
    const outcomes = await Promise.all([
      dataSource.transaction((manager) =>
        handovers.accept(
          id,
          decider,
          { accountId: s.target.id, membershipId: decider.membershipId },
          manager,
        ),
      ),
      dataSource.transaction((manager) => handovers.decline(id, decider, 'Complet', manager)),
      dataSource.transaction((manager) => handovers.cancel(id, decider, manager)),
    ]);
    expect(outcomes.filter((won) => won !== null && won !== false)).toHaveLength(1);
    expect(await handovers.hasOpen(s.person.id)).toBe(false);
  });

  it('gives the accepted orientation request its type, which the person then takes', async () => {
    const s = await setting();
    const request = await requests.create({
      personId: s.person.id,
      territoryId: s.territory.id,
      requestedByAccountId: s.referent.id,
      requestedByMembershipId: s.referentMembership.id,
      orientationType: OrientationType.PROFESSIONAL,
      reason: 'Prête pour un accompagnement professionnel.',
    });
    const id = await propose(s, request.id);
    const accepted = await dataSource.transaction(async (manager) => {
      const won = await handovers.accept(
        id,
        { accountId: s.target.id, membershipId: s.targetMembership.id },
        { accountId: s.target.id, membershipId: s.targetMembership.id },
        manager,
      );
      const former = await teams.replaceReferent(
        {
          personId: s.person.id,
          accountId: s.target.id,
          membershipId: s.targetMembership.id,
          structureId: s.to.id,
          formerStaysAsFollower: true,
        },
        manager,
      );
      const type = won?.orientationType
        ? await teams.reorient(s.person.id, s.to.id, won.orientationType, manager)
        : null;
      return { won, former, type };
    });
    expect(accepted.won).toEqual({ orientationType: OrientationType.PROFESSIONAL });
    expect(accepted.former?.account_id).toBe(s.referent.id);
    expect(accepted.type).toBe(OrientationType.PROFESSIONAL);
    const scope = viewerScope(accountPrincipal([Role.PROFESSIONAL, s.to.id, s.territory.id]));
    expect(await teams.referentOf(scope, s.person.id)).toMatchObject({ accountId: s.target.id });
    expect(await teams.isActiveMember(s.person.id, s.referent.id)).toBe(true);
    expect(await teams.getPerson(scope, s.person.id)).toMatchObject({
      orientationType: OrientationType.PROFESSIONAL,
      orientationStructureId: s.to.id,
    });
  });

  it('accepts a proposal with no orientation request, with no type', async () => {
    const s = await setting();
    const id = await propose(s);
    const decider = { accountId: s.target.id, membershipId: s.targetMembership.id };
    expect(await handovers.accept(id, decider, decider)).toEqual({ orientationType: null });
    expect(await handovers.accept(id, decider, decider)).toBeNull();
  });

  it('expires only the proposals past their deadline', async () => {
    const s = await setting();
    const [due, notYet] = [await propose(s), await propose(await setting())];
    await dataSource.query(
      `UPDATE handover SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [due],
    );
    const scope = systemScope('handover-expiry');
    const expired = await handovers.expireDue(scope, new Date(), 1000);
    expect(expired).toContainEqual(
      expect.objectContaining({ id: due, person_id: s.person.id, to_structure_id: s.to.id }),
    );
    expect(expired).not.toContainEqual(expect.objectContaining({ id: notYet }));
    expect((await handovers.findById(scope, due))?.status).toBe(HandoverStatus.EXPIRED);
    expect((await handovers.findById(scope, notYet))?.status).toBe(HandoverStatus.PROPOSED);
  });
});
