import type { introspection_types } from '../api/graphql-env';
import { ROLE_LABELS as SHARED_ROLE_LABELS } from '../../../../libs/core/src/text/role-labels.js';

/** The values of a GraphQL enum of schema.gql, as a union of strings. */
export type EnumOf<Name extends keyof introspection_types> = introspection_types[Name] extends {
  enumValues: infer Values;
}
  ? Values
  : never;

export type OrientationType = EnumOf<'OrientationType'>;
export type TeamRole = EnumOf<'TeamRole'>;
export type ObstacleTheme = EnumOf<'ObstacleTheme'>;
export type ObstacleStatus = EnumOf<'ObstacleStatus'>;
export type PersonRight = EnumOf<'PersonRight'>;
export type Gender = EnumOf<'Gender'>;
export type ContractType = EnumOf<'ContractType'>;
export type GoalStatus = EnumOf<'GoalStatus'>;
export type ActionStatus = EnumOf<'ActionStatus'>;
export type AppointmentStatus = EnumOf<'AppointmentStatus'>;
export type NoteVisibility = EnumOf<'NoteVisibility'>;
export type ContractSought = EnumOf<'ContractSought'>;

/**
 * The person's identity, contact and identifier fields, as the creation and edit forms label
 * them and their errors name them (PersonFields.tsx), and as the timeline names a changed one.
 */
export const PERSON_FIELD_LABELS = {
  givenName: 'Prénom',
  familyName: 'Nom',
  birthName: 'Nom de naissance',
  birthDate: 'Date de naissance',
  gender: 'Sexe (état civil)',
  birthplace: 'Commune de naissance (code INSEE)',
  birthCountry: 'Pays de naissance (code INSEE)',
  email: 'Adresse électronique',
  phone: 'Téléphone',
  addressLine: 'Adresse',
  postalCode: 'Code postal',
  city: 'Commune',
  cafNumber: 'Numéro d’allocataire CAF',
  franceTravailId: 'Identifiant France Travail',
  nir: 'NIR (numéro de sécurité sociale)',
};

/** The sex of the civil registry, as FranceConnect's identity gives it. */
export const GENDER_LABELS: Record<Gender, string> = {
  FEMALE: 'Femme',
  MALE: 'Homme',
};

export const ORIENTATION_LABELS: Record<OrientationType, string> = {
  SOCIAL: 'Sociale',
  SOCIO_PROFESSIONAL: 'Socio-professionnelle',
  PROFESSIONAL: 'Professionnelle',
};

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  REFERENT: 'Référent unique',
  FOLLOWER: 'Membre de l’équipe de suivi',
};

export const PERSON_STATUS_LABELS: Record<EnumOf<'PersonStatus'>, string> = {
  ACTIVE: 'Suivi en cours',
  ARCHIVED: 'Archivé (lecture seule)',
};

export const OBSTACLE_THEME_LABELS: Record<ObstacleTheme, string> = {
  DIGITAL: 'Numérique',
  DISABILITY: 'Handicap',
  EDUCATION_TRAINING: 'Formation et diplômes',
  EMPLOYMENT: 'Emploi',
  FAMILY_CHILDCARE: 'Famille et garde d’enfants',
  FINANCES: 'Finances',
  HEALTH: 'Santé',
  HOUSING: 'Logement',
  JUSTICE: 'Justice',
  LANGUAGE: 'Langue',
  MOBILITY: 'Mobilité',
};

/** Themes whose obstacles only the referent and entitled structures read. */
export const SENSITIVE_THEMES: readonly ObstacleTheme[] = ['HEALTH', 'DISABILITY', 'JUSTICE'];

export const OBSTACLE_STATUS_LABELS: Record<ObstacleStatus, string> = {
  IDENTIFIED: 'Identifié',
  BEING_ADDRESSED: 'En cours de levée',
  RESOLVED: 'Levé',
};

export const RIGHT_LABELS: Record<PersonRight, string> = {
  RSA: 'RSA (revenu de solidarité active)',
  ARE: 'ARE (allocation d’aide au retour à l’emploi)',
  ASS: 'ASS (allocation de solidarité spécifique)',
  AAH: 'AAH (allocation aux adultes handicapés)',
  RQTH: 'RQTH (reconnaissance de la qualité de travailleur handicapé)',
};

export const CONTRACT_TYPE_LABELS: Record<ContractType, string> = {
  CER: 'CER (contrat d’engagements réciproques)',
  PPAE: 'PPAE (projet personnalisé d’accès à l’emploi)',
  CEJ: 'CEJ (contrat d’engagement jeune)',
  PACEA: 'PACEA (parcours contractualisé d’accompagnement)',
  CONTRAT_ENGAGEMENT: 'Contrat d’engagement',
};

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  IN_PROGRESS: 'En cours',
  ACHIEVED: 'Atteint',
  ABANDONED: 'Abandonné',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  PLANNED: 'Prévue',
  IN_PROGRESS: 'En cours',
  DONE: 'Réalisée',
  ABANDONED: 'Abandonnée',
  CANCELLED: 'Annulée',
};

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  PLANNED: 'Prévu',
  HONORED: 'Honoré',
  MISSED: 'Manqué',
  CANCELLED: 'Annulé',
};

export const NOTE_VISIBILITY_LABELS: Record<NoteVisibility, string> = {
  TEAM: 'Toute l’équipe',
  STRUCTURE: 'La structure de l’auteur',
  AUTHOR: 'L’auteur seul',
};

export const CONTRACT_SOUGHT_LABELS: Record<ContractSought, string> = {
  CDI: 'CDI',
  CDD: 'CDD',
  INTERIM: 'Intérim',
  PART_TIME: 'Temps partiel',
  APPRENTICESHIP: 'Apprentissage',
  SUBSIDISED: 'Contrat aidé',
  SELF_EMPLOYMENT: 'Création d’activité',
};

export const ACCESS_GROUND_LABELS: Record<EnumOf<'AccessGround'>, string> = {
  TEAM_MEMBER: 'Membre de l’équipe',
  FORMER_REFERENT: 'Ancien référent',
  ORIENTATION_MANAGER: 'Chargé ou chargée d’orientation',
  PARTNER_CLIENT: 'Système partenaire',
  RGPD_EXPORT: 'Export RGPD',
  HANDOVER_PREVIEW: 'Aperçu d’un passage de relais',
  CASELOAD_EXPORT: 'Export de la liste des accompagnements',
  SELF: 'La personne, depuis son espace',
};

export const ROLE_LABELS: Record<EnumOf<'Role'>, string> = SHARED_ROLE_LABELS;

export const LEAVE_REASON_LABELS: Record<EnumOf<'TeamLeaveReason'>, string> = {
  HANDOVER: 'Passage de relais',
  LEFT: 'A quitté l’équipe',
  MEMBERSHIP_ENDED: 'Fin de rattachement',
};

export const JOIN_REQUEST_STATUS_LABELS: Record<EnumOf<'JoinRequestStatus'>, string> = {
  PENDING: 'En attente',
  ACCEPTED: 'Acceptée',
  DECLINED: 'Refusée',
  CANCELLED: 'Retirée',
};

export const HANDOVER_STATUS_LABELS: Record<EnumOf<'HandoverStatus'>, string> = {
  PROPOSED: 'Proposé',
  ACCEPTED: 'Accepté',
  DECLINED: 'Refusé',
  CANCELLED: 'Annulé',
  EXPIRED: 'Expiré',
};

/** What a timeline event says: the one table of libs/events, shared with the RGPD export. */
export { eventTypeLabel as eventLabel } from '../api/event-types';

// The person's file writes dates short ("27/08/1980"), as case files do.
export {
  formatShortDate as formatDate,
  formatShortDateTime as formatDateTime,
  personName,
} from '../components/format';

/** A text field's value sent to the API: blank means none. */
export function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The keys of a label map, typed (Object.keys loses the type). */
export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[];
}
