/*
 * Demo data: the obstacles of the diagnostic, how likely each theme is by profile, what
 * caseworkers write about them, and the plan actions that serve them.
 */
import type { ObstacleTheme } from '@relais/pathways';
import type { Profile } from './roster.data.js';

export const OBSTACLE_WEIGHTS: Readonly<Record<Profile, Partial<Record<ObstacleTheme, number>>>> = {
  RSA_SOCIAL: {
    HOUSING: 5,
    FINANCES: 5,
    HEALTH: 4,
    FAMILY_CHILDCARE: 3,
    DIGITAL: 3,
    MOBILITY: 2,
    JUSTICE: 1,
  },
  RSA_SOCIO_PRO: {
    MOBILITY: 5,
    EDUCATION_TRAINING: 4,
    DIGITAL: 3,
    FAMILY_CHILDCARE: 3,
    HEALTH: 2,
    HOUSING: 2,
    FINANCES: 2,
    EMPLOYMENT: 2,
    JUSTICE: 1,
  },
  RSA_PRO: { EMPLOYMENT: 4, MOBILITY: 3, EDUCATION_TRAINING: 3, DIGITAL: 2, FAMILY_CHILDCARE: 2 },
  JOBSEEKER: { EMPLOYMENT: 5, EDUCATION_TRAINING: 3, MOBILITY: 2, DIGITAL: 2, HEALTH: 1 },
  YOUTH: {
    MOBILITY: 5,
    EDUCATION_TRAINING: 4,
    HOUSING: 3,
    FINANCES: 2,
    EMPLOYMENT: 2,
    JUSTICE: 1,
    HEALTH: 1,
  },
  DISABILITY: { HEALTH: 4, EMPLOYMENT: 3, MOBILITY: 2, EDUCATION_TRAINING: 2 },
  RSA_NEW: { FINANCES: 3, HOUSING: 3, DIGITAL: 2, FAMILY_CHILDCARE: 2, HEALTH: 2 },
};

export const OBSTACLE_COMMENTS: Readonly<Record<ObstacleTheme, readonly string[]>> = {
  MOBILITY: [
    'Pas de permis de conduire ; les horaires de bus ne permettent pas les postes en horaires décalés.',
    'Véhicule en panne depuis trois mois, réparation estimée à 900 €.',
    'Permis suspendu, récupération prévue dans quatre mois.',
  ],
  HOUSING: [
    'Hébergé{e} chez un proche, demande de logement social à renouveler.',
    'Impayés de loyer de quatre mois, procédure d’expulsion engagée par le bailleur.',
    'Logement trop petit et humide pour la famille, dossier de mutation en cours.',
  ],
  HEALTH: [
    'Suivi régulier en centre médico-psychologique ; les rendez-vous du matin sont difficiles.',
    'Douleurs lombaires chroniques qui limitent le port de charges et la station debout.',
    'Traitement au long cours, arrêts fréquents ces derniers mois.',
  ],
  DISABILITY: [
    'RQTH obtenue ; restrictions sur le port de charges et les gestes répétitifs.',
    'Reconnaissance du handicap à renouveler, dossier MDPH à déposer avant l’échéance.',
    'Déficience auditive partielle : privilégier les échanges écrits et les petits groupes.',
  ],
  FAMILY_CHILDCARE: [
    'Parent isolé de deux enfants en bas âge, pas de mode de garde.',
    'Aide un parent dépendant plusieurs heures par jour.',
    'Garde alternée : disponible une semaine sur deux seulement.',
  ],
  LANGUAGE: [
    'Comprend le français à l’oral, difficultés importantes à l’écrit.',
    'Arrivé{e} en France il y a deux ans, niveau A1 à l’oral.',
  ],
  DIGITAL: [
    'Pas d’ordinateur ni de connexion à domicile ; démarches en ligne faites par un tiers.',
    'Utilise un smartphone mais ne sait pas envoyer une pièce jointe.',
  ],
  FINANCES: [
    'Dettes de consommation importantes, reste à vivre très faible.',
    'Interdit{e} bancaire, compte géré en espèces.',
    'Rappel d’indu CAF en cours de remboursement.',
  ],
  JUSTICE: [
    'Sous contrôle judiciaire avec obligation de pointage hebdomadaire.',
    'Fin de peine en aménagement (placement sous surveillance électronique).',
    'Audience prévue dans les prochains mois ; situation à prendre en compte pour les engagements.',
  ],
  EDUCATION_TRAINING: [
    'Sorti{e} du système scolaire sans diplôme après la troisième.',
    'CAP obtenu il y a longtemps, compétences à actualiser.',
    'Diplôme obtenu à l’étranger non reconnu en France.',
  ],
  EMPLOYMENT: [
    'Dernier emploi il y a plus de deux ans ; CV à reprendre entièrement.',
    'Expérience en intérim uniquement, souhaite un emploi stable.',
    'Licenciement économique, difficulté à se projeter dans un autre métier.',
  ],
};

/** Action titles that serve an obstacle; those of sensitive themes say nothing of it. */
export const OBSTACLE_ACTIONS: Readonly<Record<ObstacleTheme, readonly string[]>> = {
  MOBILITY: [
    'Demande d’aide au permis de conduire',
    'Prêt d’un vélo électrique par la plateforme mobilité',
    'Demande de tarification solidaire des transports',
  ],
  HOUSING: [
    'Demande d’aide au Fonds de solidarité pour le logement (FSL)',
    'Dépôt d’une demande de logement social',
  ],
  HEALTH: [
    'Prise de rendez-vous avec le médecin traitant',
    'Ouverture des droits à la complémentaire santé solidaire',
  ],
  DISABILITY: [
    'Étude de l’aménagement du poste de travail',
    'Renouvellement d’un dossier administratif',
  ],
  FAMILY_CHILDCARE: [
    'Recherche d’une place en crèche (dispositif AVIP)',
    'Inscription au relais petite enfance',
  ],
  LANGUAGE: [
    'Inscription à un atelier sociolinguistique',
    'Positionnement en formation linguistique',
  ],
  DIGITAL: [
    'Atelier numérique au tiers-lieu du quartier',
    'Création de l’adresse électronique et des espaces en ligne',
  ],
  FINANCES: [
    'Rendez-vous avec la conseillère en économie sociale et familiale',
    'Constitution d’un dossier de surendettement',
  ],
  JUSTICE: ['Adapter le calendrier aux obligations en cours'],
  EDUCATION_TRAINING: [
    'Positionnement sur une formation qualifiante',
    'Remise à niveau en français et en mathématiques',
  ],
  EMPLOYMENT: ['Mise à jour du CV', 'Période de mise en situation en milieu professionnel (PMSMP)'],
};
