import type { EntityManager } from 'typeorm';
import { forbidden, recordAdminChange } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import {
  type MembershipEntity,
  type MembershipRepository,
  Role,
  STRUCTURE_ROLES,
} from '@relais/identity';
import type { StructureRepository, TerritoryRepository } from '@relais/organizations';

export interface MembershipTarget {
  readonly role: Role;
  /** For structure roles. */
  readonly structureId?: string | null;
  /** For a territory admin. */
  readonly territoryId?: string | null;
}

export interface MembershipScope {
  readonly structureId: string | null;
  readonly territoryId: string | null;
}

/**
 * Where a membership would apply, checked against the database: a structure role names its
 * structure (and so its territory), a territory admin a territory. Foreign or unknown ids are
 * refused alike, with the one FORBIDDEN.
 */
export async function membershipScopeOf(
  manager: EntityManager,
  places: { structures: StructureRepository; territories: TerritoryRepository },
  target: MembershipTarget,
): Promise<MembershipScope> {
  if (STRUCTURE_ROLES.includes(target.role)) {
    if (!target.structureId) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.FieldRequired,
        'structureId is required for this role',
        { field: 'structureId' },
      );
    }
    const structure = await places.structures.byId(target.structureId, manager);
    if (!structure) throw forbidden();
    return { structureId: structure.id, territoryId: structure.territoryId };
  }
  if (target.role === Role.TERRITORY_ADMIN) {
    if (!target.territoryId) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.FieldRequired,
        'territoryId is required for this role',
        { field: 'territoryId' },
      );
    }
    if (!(await places.territories.exists(target.territoryId, manager))) throw forbidden();
    return { structureId: null, territoryId: target.territoryId };
  }
  return { structureId: null, territoryId: null };
}

/** A membership as the admin audit log records it, before and after a change. */
export function membershipSnapshot(membership: {
  accountId: string;
  role: Role;
  structureId: string | null;
  territoryId: string | null;
  revokedAt: Date | null;
}): Record<string, unknown> {
  return {
    accountId: membership.accountId,
    role: membership.role,
    structureId: membership.structureId,
    territoryId: membership.territoryId,
    revokedAt: membership.revokedAt?.toISOString() ?? null,
  };
}

/** The role and place a membership grants, as the access rules' `Membership` subject reads it. */
export function grantOf(membership: {
  role: Role;
  structureId: string | null;
  territoryId: string | null;
}): { role: Role; structureId: string | null; territoryId: string | null } {
  return {
    role: membership.role,
    structureId: membership.structureId,
    territoryId: membership.territoryId,
  };
}

/** Who changes a membership, through which of their memberships, and the audit log's action. */
export interface MembershipChange {
  readonly actorAccountId: string;
  readonly actorMembershipId: string;
  readonly action: string;
}

/**
 * Changes one membership in place (`apply`), saves it and records the change in the admin audit
 * log with the membership as it was before and after, in the caller's transaction.
 */
export async function saveMembershipChange(
  manager: EntityManager,
  memberships: MembershipRepository,
  membership: MembershipEntity,
  change: MembershipChange,
  apply: (membership: MembershipEntity) => void,
): Promise<void> {
  const before = membershipSnapshot(membership);
  apply(membership);
  await memberships.save(membership, manager);
  await recordAdminChange(manager, {
    ...change,
    subjectType: 'Membership',
    subjectId: membership.id,
    territoryId: membership.territoryId,
    structureId: membership.structureId,
    before,
    after: membershipSnapshot(membership),
  });
}
