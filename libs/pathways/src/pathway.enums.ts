/** Whether a file is worked on, or archived for retention (read-only, out of lists). */
export enum PersonStatus {
  ACTIVE = 'ACTIVE',
  ARCHIVED = 'ARCHIVED',
}

/** The kind of support decided for the person (orientation sociale, socio-professionnelle, professionnelle). */
export enum OrientationType {
  SOCIAL = 'SOCIAL',
  SOCIO_PROFESSIONAL = 'SOCIO_PROFESSIONAL',
  PROFESSIONAL = 'PROFESSIONAL',
}

/** The person's sex as the civil registry and FranceConnect's identity pivot give it. */
export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
}

/** Benefits and recognitions the person holds. RQTH is health data (sensitive). */
export enum PersonRight {
  RSA = 'RSA',
  ARE = 'ARE',
  ASS = 'ASS',
  AAH = 'AAH',
  RQTH = 'RQTH',
}

export const SENSITIVE_RIGHTS: readonly PersonRight[] = [PersonRight.RQTH];

export enum TeamRole {
  REFERENT = 'REFERENT',
  FOLLOWER = 'FOLLOWER',
}

/** Why a member left the team. A former referent who left by HANDOVER reads for 30 days. */
export enum TeamLeaveReason {
  LEFT = 'LEFT',
  HANDOVER = 'HANDOVER',
  MEMBERSHIP_ENDED = 'MEMBERSHIP_ENDED',
}

export enum JoinRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}

/** Freins périphériques, by theme. */
export enum ObstacleTheme {
  MOBILITY = 'MOBILITY',
  HOUSING = 'HOUSING',
  HEALTH = 'HEALTH',
  DISABILITY = 'DISABILITY',
  FAMILY_CHILDCARE = 'FAMILY_CHILDCARE',
  LANGUAGE = 'LANGUAGE',
  DIGITAL = 'DIGITAL',
  FINANCES = 'FINANCES',
  JUSTICE = 'JUSTICE',
  EDUCATION_TRAINING = 'EDUCATION_TRAINING',
  EMPLOYMENT = 'EMPLOYMENT',
}

/** Themes whose content only the referent and social bodies' members may read (DOMAIN.md rule 2). */
export const SENSITIVE_THEMES: readonly ObstacleTheme[] = [
  ObstacleTheme.HEALTH,
  ObstacleTheme.DISABILITY,
  ObstacleTheme.JUSTICE,
];

export function isSensitiveTheme(theme: ObstacleTheme): boolean {
  return SENSITIVE_THEMES.includes(theme);
}

export enum ObstacleStatus {
  IDENTIFIED = 'IDENTIFIED',
  BEING_ADDRESSED = 'BEING_ADDRESSED',
  RESOLVED = 'RESOLVED',
}

export enum ContractType {
  CER = 'CER',
  PPAE = 'PPAE',
  CEJ = 'CEJ',
  PACEA = 'PACEA',
  CONTRAT_ENGAGEMENT = 'CONTRAT_ENGAGEMENT',
}

/** Kinds of employment contract the person looks for. */
export enum ContractSought {
  CDI = 'CDI',
  CDD = 'CDD',
  INTERIM = 'INTERIM',
  APPRENTICESHIP = 'APPRENTICESHIP',
  PART_TIME = 'PART_TIME',
  SUBSIDISED = 'SUBSIDISED',
  SELF_EMPLOYMENT = 'SELF_EMPLOYMENT',
}

export enum GoalStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  ACHIEVED = 'ACHIEVED',
  ABANDONED = 'ABANDONED',
}

export enum ActionStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  ABANDONED = 'ABANDONED',
  CANCELLED = 'CANCELLED',
}

export enum AppointmentStatus {
  PLANNED = 'PLANNED',
  HONORED = 'HONORED',
  MISSED = 'MISSED',
  CANCELLED = 'CANCELLED',
}

/** Who may read a note: the whole team, the author's structure, or the author alone. */
export enum NoteVisibility {
  TEAM = 'TEAM',
  STRUCTURE = 'STRUCTURE',
  AUTHOR = 'AUTHOR',
}
