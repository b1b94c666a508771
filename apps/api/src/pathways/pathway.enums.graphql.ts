import { registerEnumType } from '@nestjs/graphql';
import { AccessGround } from '@relais/access';
import {
  ActionStatus,
  AppointmentPresence,
  AppointmentStatus,
  ContractSought,
  ContractType,
  Gender,
  GoalStatus,
  JoinRequestStatus,
  NoteVisibility,
  ObstacleStatus,
  ObstacleTheme,
  OrientationType,
  PersonRight,
  PersonStatus,
  TeamLeaveReason,
  TeamRole,
} from '@relais/pathways';

/** The pathway enums in the schema, with the users' French words in their descriptions. */
registerEnumType(PersonStatus, {
  name: 'PersonStatus',
  description: 'ACTIVE: suivi en cours. ARCHIVED: archivé (lecture seule, hors des listes).',
});
registerEnumType(OrientationType, {
  name: 'OrientationType',
  description: 'Orientation sociale, socio-professionnelle ou professionnelle.',
});
registerEnumType(Gender, {
  name: 'Gender',
  description:
    'FEMALE: femme. MALE: homme (le sexe de l’état civil, comme FranceConnect le donne).',
});
registerEnumType(PersonRight, {
  name: 'PersonRight',
  description: 'RSA, ARE, ASS, AAH, RQTH (la RQTH est une donnée de santé: sensible).',
});
registerEnumType(TeamRole, {
  name: 'TeamRole',
  description: 'REFERENT: référent unique. FOLLOWER: membre de l’équipe de suivi.',
});
registerEnumType(TeamLeaveReason, { name: 'TeamLeaveReason' });
registerEnumType(JoinRequestStatus, { name: 'JoinRequestStatus' });
registerEnumType(ObstacleTheme, {
  name: 'ObstacleTheme',
  description: 'Freins périphériques. HEALTH, DISABILITY et JUSTICE sont sensibles.',
});
registerEnumType(ObstacleStatus, {
  name: 'ObstacleStatus',
  description: 'IDENTIFIED: identifié. BEING_ADDRESSED: en cours de levée. RESOLVED: levé.',
});
registerEnumType(ContractType, {
  name: 'ContractType',
  description: 'CER, PPAE, CEJ, PACEA, contrat d’engagement.',
});
registerEnumType(ContractSought, { name: 'ContractSought' });
registerEnumType(GoalStatus, { name: 'GoalStatus' });
registerEnumType(ActionStatus, { name: 'ActionStatus' });
registerEnumType(AppointmentStatus, { name: 'AppointmentStatus' });
registerEnumType(AppointmentPresence, {
  name: 'AppointmentPresence',
  description:
    'The person’s answer from their space. COMING: présent·e. NOT_COMING: ne pourra pas venir.',
});
registerEnumType(NoteVisibility, {
  name: 'NoteVisibility',
  description: 'TEAM: toute l’équipe. STRUCTURE: la structure de l’auteur. AUTHOR: l’auteur seul.',
});
registerEnumType(AccessGround, {
  name: 'AccessGround',
  description:
    'Why the caller may open a file: team member, former referent (30 days), orientation manager (logged as such), partner system; in the access log, RGPD_EXPORT is the referent exporting the whole file for the person.',
});
