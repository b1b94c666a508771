import type { DataSource } from 'typeorm';
import type { AccountEntity, MembershipEntity } from '@relais/identity';
import type { TerritoryEntity } from '@relais/organizations';
import {
  PersonEntity,
  searchText,
  type TeamLeaveReason,
  TeamMemberEntity,
  TeamRole,
} from '@relais/pathways';

let sequence = 0;

/** A person of a territory, with no team: give them one with `addTeamMember`. */
export async function createPerson(
  dataSource: DataSource,
  territory: Pick<TerritoryEntity, 'id'>,
  overrides: Partial<PersonEntity> = {},
): Promise<PersonEntity> {
  sequence += 1;
  const givenName = overrides.givenName ?? 'Léa';
  const familyName = overrides.familyName ?? `Dupré ${sequence} ${Date.now()}`;
  return dataSource.manager.save(
    dataSource.manager.create(PersonEntity, {
      givenName,
      familyName,
      birthName: null,
      birthDate: '1988-04-12',
      territoryId: territory.id,
      searchName: searchText(familyName, givenName, overrides.birthName),
      identityKey: searchText(familyName, givenName),
      ...overrides,
    }),
  );
}

/** Puts an account in a person's team with one of its memberships; `left` closes the stay. */
export async function addTeamMember(
  dataSource: DataSource,
  person: Pick<PersonEntity, 'id'>,
  account: Pick<AccountEntity, 'id'>,
  membership: Pick<MembershipEntity, 'id' | 'structureId'>,
  role: TeamRole = TeamRole.FOLLOWER,
  left?: { readonly at: Date; readonly reason: TeamLeaveReason },
): Promise<TeamMemberEntity> {
  return dataSource.manager.save(
    dataSource.manager.create(TeamMemberEntity, {
      personId: person.id,
      accountId: account.id,
      membershipId: membership.id,
      structureId: membership.structureId as string,
      role,
      leftAt: left?.at ?? null,
      leftReason: left?.reason ?? null,
    }),
  );
}
