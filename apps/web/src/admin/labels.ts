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

const DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDate(iso: string): string {
  return DATE.format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

export function fullName(person: { givenName: string; familyName: string }): string {
  return `${person.givenName} ${person.familyName}`;
}
