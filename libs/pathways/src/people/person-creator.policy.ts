import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { type MembershipGrant, type Principal, Role } from '@relais/identity';
import { TeamRole } from '../pathway.enums.js';
import type { NewPerson } from './person.inputs.js';

/** Who creates a file, with which membership, and in which team role. */
export function creatorOf(
  principal: Principal,
  input: NewPerson,
): { membership: MembershipGrant | null; teamRole: TeamRole | null } {
  if (principal.kind === 'client') {
    if (
      principal.territoryId !== input.territoryId ||
      !principal.scopes.includes('persons:write')
    ) {
      throw forbidden();
    }
    return { membership: null, teamRole: null };
  }
  const inTerritory = principal.memberships.filter(
    (membership) => membership.territoryId === input.territoryId,
  );
  const professionals = inTerritory.filter(
    (membership) =>
      membership.role === Role.PROFESSIONAL &&
      (!input.structureId || membership.structureId === input.structureId),
  );
  if (professionals[0]) {
    return { membership: professionals[0], teamRole: input.teamRole ?? TeamRole.REFERENT };
  }
  if (input.structureId || input.teamRole) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.NotInStructure,
      'structureId must be one of your structures where you are a professional',
      { field: input.structureId ? 'structureId' : 'teamRole' },
    );
  }
  const other =
    inTerritory.find((membership) => membership.role === Role.ORIENTATION_MANAGER) ??
    inTerritory.find((membership) => membership.role === Role.TERRITORY_ADMIN);
  if (!other) throw forbidden();
  return { membership: other, teamRole: null };
}
