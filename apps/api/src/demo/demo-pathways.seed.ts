import { type EntityManager, In, IsNull } from 'typeorm';
import type { DemoSeedStep } from '@relais/database';
import { AccountEntity, AccountStatus, MembershipEntity, Role } from '@relais/identity';
import { StructureEntity, TerritoryEntity } from '@relais/organizations';
import {
  AppointmentEntity,
  ContractEntity,
  GoalEntity,
  JoinRequestEntity,
  NoteEntity,
  ObstacleEntity,
  PersonEntity,
  PlanActionEntity,
  TeamMemberEntity,
  TimelineEventEntity,
} from '@relais/pathways';
import { CASEWORKERS, type CaseworkerKey, DEMO_COLLEAGUES } from './data/roster.data.js';
import { DemoPathwayBuilder } from './demo-pathway.builder.js';
import type { Caseworker } from './demo-pathway.types.js';
import { SEED, SeededRandom } from './demo-random.js';

/*
 * The demo's people and their pathway files: about fifty people in Loire-Atlantique (44) and five
 * in Vendée (85), each with a team, a diagnostic, a plan, appointments, notes and a timeline, so
 * that a demo caseworker signing in finds a living caseload. Everything is drawn from one seeded
 * generator: two databases seeded on the same day hold the same people. Dates are relative to
 * the day of the seed (appointments next week, events over the past months).
 */

// ---------------------------------------------------------------------------------------------
// The step.
// ---------------------------------------------------------------------------------------------

async function ensureColleagues(
  manager: EntityManager,
  structures: ReadonlyMap<string, StructureEntity>,
): Promise<void> {
  const ids = new SeededRandom(SEED ^ 0xc011);
  const emails = DEMO_COLLEAGUES.map((colleague) => colleague.email);
  const known = new Map(
    (await manager.findBy(AccountEntity, { email: In(emails) })).map((account) => [
      account.email.toLowerCase(),
      account.id,
    ]),
  );
  const newAccounts = DEMO_COLLEAGUES.filter(
    (colleague) => !known.has(colleague.email) && structures.has(colleague.structure),
  ).map((colleague) => ({
    id: ids.uuid(),
    email: colleague.email,
    givenName: colleague.givenName,
    familyName: colleague.familyName,
    status: AccountStatus.ACTIVE,
    oidcIssuer: null,
    oidcSubject: null,
  }));
  if (newAccounts.length) await manager.insert(AccountEntity, newAccounts);
  for (const account of newAccounts) known.set(account.email, account.id);

  const accountIds = [...known.values()];
  const memberships = accountIds.length
    ? await manager.findBy(MembershipEntity, {
        accountId: In(accountIds),
        role: Role.PROFESSIONAL,
        revokedAt: IsNull(),
      })
    : [];
  const newMemberships = DEMO_COLLEAGUES.flatMap((colleague) => {
    const accountId = known.get(colleague.email);
    const structure = structures.get(colleague.structure);
    if (!accountId || !structure) return [];
    const held = memberships.some(
      (membership) => membership.accountId === accountId && membership.structureId === structure.id,
    );
    return held
      ? []
      : [
          {
            id: ids.uuid(),
            accountId,
            role: Role.PROFESSIONAL,
            structureId: structure.id,
            territoryId: structure.territoryId,
            revokedAt: null,
          },
        ];
  });
  if (newMemberships.length) await manager.insert(MembershipEntity, newMemberships);
}

/** The active professional memberships of the roster's caseworkers, by roster key. */
async function loadCaseworkers(
  manager: EntityManager,
  territoryIds: readonly string[],
): Promise<Map<CaseworkerKey, Caseworker>> {
  const memberships = await manager.find(MembershipEntity, {
    where: { role: Role.PROFESSIONAL, revokedAt: IsNull(), territoryId: In([...territoryIds]) },
    relations: { account: true, structure: true },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const caseworkers = new Map<CaseworkerKey, Caseworker>();
  for (const [key, wanted] of Object.entries(CASEWORKERS) as [
    CaseworkerKey,
    (typeof CASEWORKERS)[CaseworkerKey],
  ][]) {
    const membership = memberships.find(
      (candidate) =>
        candidate.account?.status === AccountStatus.ACTIVE &&
        candidate.account.email.toLowerCase() === wanted.email &&
        candidate.structure?.name === wanted.structure,
    );
    if (!membership?.account || !membership.structure) continue;
    const { account, structure } = membership;
    caseworkers.set(key, {
      key,
      membershipId: membership.id,
      accountId: account.id,
      structureId: structure.id,
      structureType: structure.type,
      territoryId: structure.territoryId,
      label: `${account.givenName} ${account.familyName} (${structure.name})`,
      location: `${structure.name}, ${structure.city ?? ''}`.replace(/, $/, ''),
    });
  }
  return caseworkers;
}

async function insertAll<T extends object>(
  manager: EntityManager,
  target: new () => T,
  rows: readonly object[],
  chunk = 500,
): Promise<void> {
  for (let index = 0; index < rows.length; index += chunk) {
    await manager.insert(target, rows.slice(index, index + chunk));
  }
}

/**
 * People of Loire-Atlantique and Vendée with their pathway files. Runs once: when either demo
 * territory already holds people, it leaves everything as it is.
 */
export const demoPathwaysSeed: DemoSeedStep = {
  name: 'people and their pathway files',
  async run(manager) {
    const territoryRows = await manager.findBy(TerritoryEntity, { code: In(['44', '85']) });
    const territories = new Map(territoryRows.map((territory) => [territory.code, territory.id]));
    if (territories.size < 2) return;
    if (await manager.existsBy(PersonEntity, { territoryId: In([...territories.values()]) }))
      return;

    const structures = new Map(
      (await manager.findBy(StructureEntity, { territoryId: In([...territories.values()]) })).map(
        (structure) => [structure.name, structure],
      ),
    );
    await ensureColleagues(manager, structures);
    const caseworkers = await loadCaseworkers(manager, [...territories.values()]);

    const builder = new DemoPathwayBuilder(Date.now(), territories, caseworkers);
    builder.build();

    await insertAll(manager, PersonEntity, builder.people);
    await insertAll(manager, TeamMemberEntity, builder.teamMembers);
    await insertAll(manager, JoinRequestEntity, builder.joinRequests);
    await insertAll(manager, ObstacleEntity, builder.file.obstacles);
    await insertAll(manager, ContractEntity, builder.file.contracts);
    await insertAll(manager, GoalEntity, builder.file.goals);
    await insertAll(manager, PlanActionEntity, builder.file.actions);
    await insertAll(manager, AppointmentEntity, builder.file.appointments);
    await insertAll(manager, NoteEntity, builder.file.notes);
    await insertAll(manager, TimelineEventEntity, builder.file.events);
  },
};
