import { STRUCTURE_TYPE_LABELS, type StructureType } from '@relais/organizations';
import {
  ActionStatus,
  AppointmentStatus,
  ContractSought,
  ContractType,
  Gender,
  GoalStatus,
  NoteVisibility,
  ObstacleStatus,
  ObstacleTheme,
  OrientationType,
  PersonRight,
  PersonStatus,
  TeamLeaveReason,
  TeamRole,
} from '../pathway.enums.js';

/** The words of the export for the person, in French (DOMAIN.md: users' words in UI text). */
export const LABELS = {
  obstacleTheme: {
    [ObstacleTheme.MOBILITY]: 'Mobilité',
    [ObstacleTheme.HOUSING]: 'Logement',
    [ObstacleTheme.HEALTH]: 'Santé',
    [ObstacleTheme.DISABILITY]: 'Handicap',
    [ObstacleTheme.FAMILY_CHILDCARE]: 'Famille, garde d’enfants',
    [ObstacleTheme.LANGUAGE]: 'Langue',
    [ObstacleTheme.DIGITAL]: 'Numérique',
    [ObstacleTheme.FINANCES]: 'Finances',
    [ObstacleTheme.JUSTICE]: 'Justice',
    [ObstacleTheme.EDUCATION_TRAINING]: 'Formation',
    [ObstacleTheme.EMPLOYMENT]: 'Emploi',
  },
  obstacleStatus: {
    [ObstacleStatus.IDENTIFIED]: 'identifié',
    [ObstacleStatus.BEING_ADDRESSED]: 'en cours de traitement',
    [ObstacleStatus.RESOLVED]: 'levé',
  },
  contractType: {
    [ContractType.CER]: 'Contrat d’engagements réciproques (CER)',
    [ContractType.PPAE]: 'Projet personnalisé d’accès à l’emploi (PPAE)',
    [ContractType.CEJ]: 'Contrat d’engagement jeune (CEJ)',
    [ContractType.PACEA]: 'Parcours contractualisé d’accompagnement (PACEA)',
    [ContractType.CONTRAT_ENGAGEMENT]: 'Contrat d’engagement',
  },
  contractSought: {
    [ContractSought.CDI]: 'CDI',
    [ContractSought.CDD]: 'CDD',
    [ContractSought.INTERIM]: 'intérim',
    [ContractSought.APPRENTICESHIP]: 'apprentissage',
    [ContractSought.PART_TIME]: 'temps partiel',
    [ContractSought.SUBSIDISED]: 'contrat aidé',
    [ContractSought.SELF_EMPLOYMENT]: 'création d’activité',
  },
  goalStatus: {
    [GoalStatus.IN_PROGRESS]: 'en cours',
    [GoalStatus.ACHIEVED]: 'atteint',
    [GoalStatus.ABANDONED]: 'abandonné',
  },
  actionStatus: {
    [ActionStatus.PLANNED]: 'prévue',
    [ActionStatus.IN_PROGRESS]: 'en cours',
    [ActionStatus.DONE]: 'réalisée',
    [ActionStatus.ABANDONED]: 'abandonnée',
    [ActionStatus.CANCELLED]: 'annulée',
  },
  appointmentStatus: {
    [AppointmentStatus.PLANNED]: 'prévu',
    [AppointmentStatus.HONORED]: 'honoré',
    [AppointmentStatus.MISSED]: 'manqué',
    [AppointmentStatus.CANCELLED]: 'annulé',
  },
  orientationType: {
    [OrientationType.SOCIAL]: 'sociale',
    [OrientationType.SOCIO_PROFESSIONAL]: 'socio-professionnelle',
    [OrientationType.PROFESSIONAL]: 'professionnelle',
  },
  personRight: {
    [PersonRight.RSA]: 'RSA',
    [PersonRight.ARE]: 'ARE',
    [PersonRight.ASS]: 'ASS',
    [PersonRight.AAH]: 'AAH',
    [PersonRight.RQTH]: 'RQTH',
  },
  gender: {
    [Gender.FEMALE]: 'Femme',
    [Gender.MALE]: 'Homme',
  },
  personStatus: {
    [PersonStatus.ACTIVE]: 'actif',
    [PersonStatus.ARCHIVED]: 'archivé',
  },
  teamRole: {
    [TeamRole.REFERENT]: 'personne référente',
    [TeamRole.FOLLOWER]: 'membre de l’équipe',
  },
  leaveReason: {
    [TeamLeaveReason.LEFT]: 'a quitté l’équipe',
    [TeamLeaveReason.HANDOVER]: 'passage de relais',
    [TeamLeaveReason.MEMBERSHIP_ENDED]: 'fin de rattachement',
  },
  noteVisibility: {
    [NoteVisibility.TEAM]: 'toute l’équipe',
    [NoteVisibility.STRUCTURE]: 'la structure de l’auteur',
    [NoteVisibility.AUTHOR]: 'l’auteur seul',
  },
} as const;

export function structureTypeLabel(type: StructureType): string {
  return STRUCTURE_TYPE_LABELS[type];
}

/** What each kind of timeline event means: the one table of `@relais/events`, as on screen. */
export { eventTypeLabel as timelineLabel } from '@relais/events';

const PARIS_DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
});

/** dd/mm/yyyy, in Paris time. */
export function frenchDate(value: Date | string): string {
  return PARIS_DAY.format(new Date(value));
}

/** dd/mm/yyyy à HH:MM, in Paris time. */
export function frenchDateTime(value: Date | string): string {
  const date = new Date(value);
  return `${PARIS_DAY.format(date)} à ${PARIS_TIME.format(date)}`;
}

/** A calendar day (YYYY-MM-DD) as dd/mm/yyyy, with no time zone to shift it. */
export function frenchDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}
