import { subject } from '@casl/ability';
import { Role, STRUCTURE_ROLES } from '@relais/identity';
import type { RelaisAbility } from './ability.js';

/**
 * Where a list of memberships (or of the invitations that granted them) is read: one structure,
 * a whole territory (its structures and its territory admins), or the whole platform.
 */
export type MembershipListPlace =
  | { readonly kind: 'structure'; readonly structureId: string; readonly territoryId: string }
  | { readonly kind: 'territory'; readonly territoryId: string }
  | { readonly kind: 'platform' };

/** The roles a membership can hold at each kind of place. */
const ROLES_AT: Record<MembershipListPlace['kind'], readonly Role[]> = {
  structure: STRUCTURE_ROLES,
  territory: [...STRUCTURE_ROLES, Role.TERRITORY_ADMIN],
  platform: [Role.TERRITORY_ADMIN, Role.PLATFORM_ADMIN],
};

/**
 * The roles whose memberships at this place the caller may read, from the same rules that check
 * one membership: a list filters its rows by place and by these roles in SQL, and refuses when
 * there are none. Across a territory or the platform, the field the list spans (structure,
 * territory) is checked as null, which a rule naming that field never matches: only rules that
 * hold whatever its value count. That reasoning fails with a `cannot` rule (a refusal naming
 * one structure would not match null), so this refuses to answer if one ever appears.
 */
export function readableMembershipRoles(
  ability: RelaisAbility,
  place: MembershipListPlace,
): Role[] {
  if (ability.rulesFor('read', 'Membership').some((rule) => rule.inverted)) {
    throw new Error('readableMembershipRoles cannot reason about `cannot` rules on Membership');
  }
  const structureId = place.kind === 'structure' ? place.structureId : null;
  const territoryId = place.kind === 'platform' ? null : place.territoryId;
  return ROLES_AT[place.kind].filter((role) =>
    ability.can('read', subject('Membership', { role, structureId, territoryId })),
  );
}
