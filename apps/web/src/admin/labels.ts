import { ROLE_LABELS as SHARED_ROLE_LABELS } from '../../../../libs/core/src/text/role-labels.js';
import type { Role } from '../app/me';
import type { AdminPlace } from './AdminScope';

/** The roles of a rattachement, in the users' words (libs/core's table, shared with the emails). */
export const ROLE_LABELS: Record<Role, string> = SHARED_ROLE_LABELS;

/** The roles held within a structure (the others are held for a territory or the platform). */
export const STRUCTURE_ROLES: readonly Role[] = [
  'PROFESSIONAL',
  'ORIENTATION_MANAGER',
  'STRUCTURE_ADMIN',
];

/**
 * Roles whose grant is confirmed first: they manage people and places, or read every file of a
 * territory (the orientation manager).
 */
export const POWERFUL_ROLES: readonly Role[] = [
  'ORIENTATION_MANAGER',
  'STRUCTURE_ADMIN',
  'TERRITORY_ADMIN',
  'PLATFORM_ADMIN',
];

/** What a role lets its holder do, said in the confirmation before it is granted. */
export const ROLE_POWERS: Record<Role, string> = {
  PROFESSIONAL: 'accompagne les personnes dont il ou elle fait partie de l’équipe de suivi',
  ORIENTATION_MANAGER:
    'lit tous les dossiers du territoire (chaque lecture est tracée) et décide des orientations',
  STRUCTURE_ADMIN:
    'gère les professionnels et professionnelles de la structure, voit qui suit qui et reçoit les passages de relais adressés à la structure',
  TERRITORY_ADMIN:
    'gère les structures, les comptes, les rattachements et les clients API de tout le territoire',
  PLATFORM_ADMIN: 'ouvre les territoires et nomme leurs administrateurs et administratrices',
};

/** The roles an admin may grant at a place (the API has the last word). */
export function grantableRoles(place: AdminPlace): Role[] {
  switch (place.kind) {
    case 'structure':
      return ['PROFESSIONAL'];
    case 'platform':
      return ['TERRITORY_ADMIN'];
    case 'territory':
      return place.viaPlatform
        ? ['TERRITORY_ADMIN']
        : ['PROFESSIONAL', 'ORIENTATION_MANAGER', 'STRUCTURE_ADMIN', 'TERRITORY_ADMIN'];
  }
}

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
