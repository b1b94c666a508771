import type { Role } from '../app/me';

/** The roles of a rattachement, in the users' words. */
export const ROLE_LABELS: Record<Role, string> = {
  PROFESSIONAL: 'Professionnel·le',
  ORIENTATION_MANAGER: 'Chargé·e d’orientation',
  STRUCTURE_ADMIN: 'Administrateur·rice de structure',
  TERRITORY_ADMIN: 'Administrateur·rice de territoire',
  PLATFORM_ADMIN: 'Administrateur·rice de la plateforme',
};

/** The roles held within a structure (the others are held for a territory or the platform). */
export const STRUCTURE_ROLES: readonly Role[] = [
  'PROFESSIONAL',
  'ORIENTATION_MANAGER',
  'STRUCTURE_ADMIN',
];

export type StructureType =
  | 'ASSOCIATION'
  | 'CAF'
  | 'CAP_EMPLOI'
  | 'CCAS'
  | 'CONSEIL_DEPARTEMENTAL'
  | 'FRANCE_TRAVAIL'
  | 'MISSION_LOCALE'
  | 'MSA'
  | 'OTHER'
  | 'SIAE';

/** The kinds of structure, in the order people usually think of them. */
export const STRUCTURE_TYPE_LABELS: Record<StructureType, string> = {
  CONSEIL_DEPARTEMENTAL: 'Conseil départemental',
  FRANCE_TRAVAIL: 'France Travail',
  MISSION_LOCALE: 'Mission locale',
  CAP_EMPLOI: 'Cap emploi',
  CAF: 'Caisse d’allocations familiales (CAF)',
  MSA: 'Mutualité sociale agricole (MSA)',
  CCAS: 'CCAS / CIAS',
  ASSOCIATION: 'Association',
  SIAE: 'Structure d’insertion par l’activité économique (SIAE)',
  OTHER: 'Autre',
};

export function structureTypeLabel(type: string): string {
  return STRUCTURE_TYPE_LABELS[type as StructureType] ?? type;
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}

// The admin screens spell the month out ("3 mars 2026").
export {
  formatLongDate as formatDate,
  formatLongDateTime as formatDateTime,
  personName as fullName,
} from '../components/format';
