/** What a membership lets its account do (DOMAIN.md, roles). */
export enum Role {
  PROFESSIONAL = 'PROFESSIONAL',
  ORIENTATION_MANAGER = 'ORIENTATION_MANAGER',
  STRUCTURE_ADMIN = 'STRUCTURE_ADMIN',
  TERRITORY_ADMIN = 'TERRITORY_ADMIN',
  PLATFORM_ADMIN = 'PLATFORM_ADMIN',
}

/** Roles held in a structure; the territory admin is bound to a territory, the platform admin to none. */
export const STRUCTURE_ROLES: readonly Role[] = [
  Role.PROFESSIONAL,
  Role.ORIENTATION_MANAGER,
  Role.STRUCTURE_ADMIN,
];

export const ADMIN_ROLES: readonly Role[] = [
  Role.STRUCTURE_ADMIN,
  Role.TERRITORY_ADMIN,
  Role.PLATFORM_ADMIN,
];
