/** What a membership lets its account do (DOMAIN.md, roles). */
export enum Role {
  Professional = 'PROFESSIONAL',
  OrientationManager = 'ORIENTATION_MANAGER',
  StructureAdmin = 'STRUCTURE_ADMIN',
  TerritoryAdmin = 'TERRITORY_ADMIN',
  PlatformAdmin = 'PLATFORM_ADMIN',
}

/** Roles held in a structure; the territory admin is bound to a territory, the platform admin to none. */
export const STRUCTURE_ROLES: readonly Role[] = [
  Role.Professional,
  Role.OrientationManager,
  Role.StructureAdmin,
];

export const ADMIN_ROLES: readonly Role[] = [
  Role.StructureAdmin,
  Role.TerritoryAdmin,
  Role.PlatformAdmin,
];
