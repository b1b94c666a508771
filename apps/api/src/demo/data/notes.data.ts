/* Demo data: what caseworkers write in notes, and why a professional asks to join a team. */
import type { ObstacleTheme } from '@relais/pathways';

/** Notes written at the first meeting, after a meeting, or at any time. */
export const FIRST_NOTE =
  'Premier entretien réalisé avec {civ} {nom} : situation globale faite, diagnostic partagé avec l’équipe.';
export const HONORED_NOTES = [
  'Entretien de suivi avec {civ} {nom}, présent{e} et motivé{e}. Les démarches avancent, point d’étape dans un mois.',
  'Rendez-vous honoré : point sur les actions en cours, {civ} {nom} a apporté les justificatifs demandés.',
];
export const MISSED_NOTE =
  'Absent{e} au rendez-vous du jour sans prévenir. Relance par SMS et par courrier.';
export const TEAM_NOTES = [
  'Point téléphonique : {civ} {nom} a transmis les justificatifs demandés, le dossier est complet.',
  'Bilan à mi-parcours : objectifs en bonne voie, à reprendre au prochain entretien.',
  'Échange avec les partenaires de l’équipe : la coordination reste assurée par le référent de parcours.',
  'Message de {civ} {nom} : souhaite décaler le prochain rendez-vous d’une semaine, accord donné.',
];

export const STRUCTURE_NOTES = [
  'Dossier présenté en commission interne ; accord de principe pour une aide financière ponctuelle.',
  'Pour le service : vérifier la date de fin de droits avant le prochain entretien.',
];

export const AUTHOR_NOTES = [
  'Pense-bête : rappeler {civ} {nom} la semaine prochaine pour le retour de la commission.',
  'À préparer pour le prochain entretien : simulation de budget et offres repérées.',
];

export const SENSITIVE_NOTES: Partial<Record<ObstacleTheme, string>> = {
  HEALTH:
    '{civ} {nom} évoque un suivi médical régulier qui limite ses disponibilités le matin ; à prendre en compte pour les rendez-vous.',
  DISABILITY:
    'Les restrictions transmises par le médecin excluent le port de charges lourdes ; à rappeler lors des mises en relation.',
  JUSTICE:
    'Obligation de pointage hebdomadaire : éviter les rendez-vous le jeudi matin. Information à ne pas diffuser au-delà de l’équipe.',
};

export const JOIN_REASONS = [
  'Suivi du dossier de prestations : je souhaite coordonner mes démarches avec l’équipe.',
  'Candidature retenue pour un contrat au chantier d’insertion, je souhaite suivre le parcours.',
  'Bénéficiaire du RSA : suivi du contrat d’engagements par le Département.',
];
