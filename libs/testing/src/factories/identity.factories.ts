import type { DataSource } from 'typeorm';
import {
  AccountEntity,
  AccountStatus,
  ApiClientEntity,
  MembershipEntity,
  type Role,
} from '@relais/identity';
import type { StructureEntity, TerritoryEntity } from '@relais/organizations';

let sequence = 0;

/** Where a membership applies: a structure (structure roles), a territory, or the platform. */
export type MembershipPlace =
  | {
      readonly role: Role.PROFESSIONAL | Role.ORIENTATION_MANAGER | Role.STRUCTURE_ADMIN;
      readonly structure: StructureEntity;
    }
  | { readonly role: Role.TERRITORY_ADMIN; readonly territory: TerritoryEntity }
  | { readonly role: Role.PLATFORM_ADMIN };

export async function createAccount(
  dataSource: DataSource,
  memberships: readonly MembershipPlace[] = [],
  overrides: Partial<Pick<AccountEntity, 'email' | 'givenName' | 'familyName' | 'status'>> = {},
): Promise<AccountEntity> {
  sequence += 1;
  const account = await dataSource.manager.save(
    dataSource.manager.create(AccountEntity, {
      email: overrides.email ?? `person${sequence}.${Date.now()}@example.test`,
      givenName: overrides.givenName ?? 'Camille',
      familyName: overrides.familyName ?? `Martin ${sequence}`,
      status: overrides.status ?? AccountStatus.ACTIVE,
      oidcIssuer: null,
      oidcSubject: null,
    }),
  );
  for (const place of memberships) await addMembership(dataSource, account, place);
  return account;
}

export async function addMembership(
  dataSource: DataSource,
  account: AccountEntity,
  place: MembershipPlace,
): Promise<MembershipEntity> {
  const scope =
    'structure' in place
      ? { structureId: place.structure.id, territoryId: place.structure.territoryId }
      : 'territory' in place
        ? { structureId: null, territoryId: place.territory.id }
        : { structureId: null, territoryId: null };
  return dataSource.manager.save(
    dataSource.manager.create(MembershipEntity, {
      accountId: account.id,
      role: place.role,
      ...scope,
      revokedAt: null,
    }),
  );
}

/** A partner API client of a territory (or one of its structures) with these scopes. */
export async function createApiClient(
  dataSource: DataSource,
  territory: Pick<TerritoryEntity, 'id'>,
  scopes: readonly string[],
  structure?: Pick<StructureEntity, 'id'>,
): Promise<ApiClientEntity> {
  sequence += 1;
  return dataSource.manager.save(
    dataSource.manager.create(ApiClientEntity, {
      name: `Partner ${sequence}`,
      territoryId: territory.id,
      structureId: structure?.id ?? null,
      scopes: [...scopes],
      secretHash: '0'.repeat(64),
      secretRotatedAt: new Date(),
      createdByMembershipId: '00000000-0000-0000-0000-000000000000',
      revokedAt: null,
    }),
  );
}
