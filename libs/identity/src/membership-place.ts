import type { Role } from './role.js';

/**
 * Where a list of memberships (or of the invitations that granted them) is read: one structure,
 * a whole territory, or the whole platform (access's `MembershipListPlace` fits it).
 */
export type MembershipPlace =
  | { readonly kind: 'structure'; readonly structureId: string }
  | { readonly kind: 'territory'; readonly territoryId: string }
  | { readonly kind: 'platform' };

/** Positional parameters for one SQL statement. */
export class SqlParameters {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The rows of a list at a place (membership `m`), to the roles the caller may read there. */
export function membershipPlaceFilter(
  place: MembershipPlace,
  roles: readonly Role[],
  sql: SqlParameters,
): string[] {
  const byRole = `m.role = ANY(${sql.bind(roles)}::membership_role[])`;
  switch (place.kind) {
    case 'structure':
      return [byRole, `m.structure_id = ${sql.bind(place.structureId)}`];
    case 'territory':
      return [byRole, `m.territory_id = ${sql.bind(place.territoryId)}`];
    case 'platform':
      return [byRole];
  }
}
