import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { MembershipGrant, Principal } from '@relais/identity';
import { abilityFor, type RelaisAbility } from './ability.js';

/** The one refusal for a record the caller may not touch, whether or not it exists elsewhere. */
export function forbidden(): DomainError {
  return new DomainError(
    DomainErrorCode.Forbidden,
    DomainErrorReason.NotAllowed,
    'You may not do this here.',
  );
}

/**
 * The membership a change is made on behalf of: the first of the caller's memberships whose
 * rights alone allow it. Refuses with FORBIDDEN when none does.
 */
export function actingMembership(
  principal: Principal,
  allows: (ability: RelaisAbility) => boolean,
): MembershipGrant {
  // Partner clients hold no membership: admin changes are people's work.
  if (principal.kind !== 'account') throw forbidden();
  for (const membership of principal.memberships) {
    const ability = abilityFor({ ...principal, memberships: [membership] });
    if (allows(ability)) return membership;
  }
  throw forbidden();
}
