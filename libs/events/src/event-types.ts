// The event types and their French labels, in a module with no imports: the web client imports
// it by relative path (it cannot load the Node libs, which pull TypeORM), and the server's export
// and GraphQL enum import it through `@relais/events`. One table, so the timeline on screen, the
// notifications and the RGPD export say the same thing.

/**
 * Every type of event Relais writes, to a file's timeline, to the outbox, or both. The key is the
 * GraphQL enum value; the value is the string stored and sent to partners, which never changes.
 */
export const EventType = {
  PERSON_CREATED: 'person.created',
  PERSON_UPDATED: 'person.updated',
  PERSON_ARCHIVED: 'person.archived',
  PROCESSING_LIMITS_UPDATED: 'processing_limits.updated',
  PROJECT_UPDATED: 'project.updated',
  OBSTACLE_ADDED: 'obstacle.added',
  OBSTACLE_UPDATED: 'obstacle.updated',
  CONTRACT_ADDED: 'contract.added',
  CONTRACT_UPDATED: 'contract.updated',
  GOAL_ADDED: 'goal.added',
  GOAL_UPDATED: 'goal.updated',
  ACTION_ADDED: 'action.added',
  ACTION_UPDATED: 'action.updated',
  APPOINTMENT_SCHEDULED: 'appointment.scheduled',
  APPOINTMENT_UPDATED: 'appointment.updated',
  APPOINTMENT_ANSWERED: 'appointment.answered',
  NOTE_ADDED: 'note.added',
  NOTE_EDITED: 'note.edited',
  TEAM_JOINED: 'team.joined',
  TEAM_LEFT: 'team.left',
  TEAM_ROLE_CHANGED: 'team.role_changed',
  TEAM_JOIN_REQUESTED: 'team.join_requested',
  TEAM_JOIN_ACCEPTED: 'team.join_accepted',
  TEAM_JOIN_DECLINED: 'team.join_declined',
  ORIENTATION_REQUESTED: 'orientation.requested',
  ORIENTATION_DECIDED: 'orientation.decided',
  ORIENTATION_ACCEPTED: 'orientation.accepted',
  ORIENTATION_DENIED: 'orientation.denied',
  HANDOVER_PROPOSED: 'handover.proposed',
  HANDOVER_ACCEPTED: 'handover.accepted',
  HANDOVER_DECLINED: 'handover.declined',
  HANDOVER_CANCELLED: 'handover.cancelled',
  HANDOVER_EXPIRED: 'handover.expired',
  FILE_EXPORTED: 'file.exported',
  PERSON_SPACE_INVITED: 'person_space.invited',
  PERSON_SPACE_REVOKED: 'person_space.revoked',
  RIGHTS_REQUESTED: 'rights.requested',
  RIGHTS_REQUEST_ANSWERED: 'rights.request_answered',
} as const;

export type EventType = (typeof EventType)[keyof typeof EventType];

/** All the catalogued types, in the order above. */
export const EVENT_TYPES: readonly EventType[] = Object.values(EventType);

/** Whether a stored string is a catalogued type. */
export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * What each event says, in a few French words: the one table for the timeline on screen, the
 * notifications and the RGPD export (the person reads the export: words a person understands).
 */
export const EVENT_TYPE_LABELS: Readonly<Record<EventType, string>> = {
  'person.created': 'Dossier créé',
  'person.updated': 'Identité ou coordonnées modifiées',
  'person.archived': 'Dossier archivé',
  'processing_limits.updated': 'Limitation ou opposition au traitement (RGPD) modifiée',
  'project.updated': 'Projet professionnel modifié',
  'obstacle.added': 'Frein ajouté',
  'obstacle.updated': 'Frein modifié',
  'contract.added': 'Contrat ajouté',
  'contract.updated': 'Contrat modifié',
  'goal.added': 'Objectif ajouté',
  'goal.updated': 'Objectif modifié',
  'action.added': 'Action ajoutée',
  'action.updated': 'Action modifiée',
  'appointment.scheduled': 'Rendez-vous planifié',
  'appointment.updated': 'Rendez-vous modifié',
  'appointment.answered': 'Réponse de la personne à un rendez-vous',
  'note.added': 'Note ajoutée',
  'note.edited': 'Note modifiée',
  'team.joined': 'Arrivée dans l’équipe de suivi',
  'team.left': 'Départ de l’équipe de suivi',
  'team.role_changed': 'Rôle dans l’équipe de suivi modifié',
  'team.join_requested': 'Demande à rejoindre l’équipe de suivi',
  'team.join_accepted': 'Demande à rejoindre l’équipe de suivi acceptée',
  'team.join_declined': 'Demande à rejoindre l’équipe de suivi refusée',
  'orientation.requested': 'Réorientation demandée',
  'orientation.decided': 'Orientation décidée',
  'orientation.accepted': 'Réorientation acceptée',
  'orientation.denied': 'Réorientation refusée',
  'handover.proposed': 'Passage de relais proposé',
  'handover.accepted': 'Passage de relais accepté',
  'handover.declined': 'Passage de relais refusé',
  'handover.cancelled': 'Passage de relais annulé',
  'handover.expired': 'Passage de relais expiré',
  'file.exported': 'Export RGPD remis à la personne',
  'person_space.invited': 'Personne invitée à son espace personnel',
  'person_space.revoked': 'Espace personnel de la personne fermé',
  'rights.requested': 'Demande de la personne sur ses droits (RGPD)',
  'rights.request_answered': 'Réponse à une demande de la personne sur ses droits (RGPD)',
};

/** The French label of a stored type; a type this version does not know shows as it is. */
export function eventTypeLabel(type: string): string {
  return isEventType(type) ? EVENT_TYPE_LABELS[type] : type;
}
