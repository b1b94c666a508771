import { type EntityManager, In, IsNull } from 'typeorm';
import type { DemoSeedStep } from '@relais/database';
import { EventType } from '@relais/events';
import { AccountEntity, AccountStatus, MembershipEntity, Role } from '@relais/identity';
import { StructureEntity, StructureType, TerritoryEntity } from '@relais/organizations';
import {
  ActionStatus,
  AppointmentEntity,
  AppointmentStatus,
  ContractEntity,
  ContractSought,
  ContractType,
  GoalEntity,
  GoalStatus,
  isSensitiveTheme,
  JoinRequestEntity,
  JoinRequestStatus,
  NoteEntity,
  NoteVisibility,
  ObstacleEntity,
  ObstacleStatus,
  ObstacleTheme,
  OrientationType,
  PersonEntity,
  PersonRight,
  PersonStatus,
  PlanActionEntity,
  searchText,
  SENSITIVE_RIGHTS,
  TeamLeaveReason,
  TeamMemberEntity,
  TeamRole,
  TimelineEventEntity,
} from '@relais/pathways';

/*
 * The demo's people and their pathway files: about fifty people in Loire-Atlantique (44) and five
 * in Vendée (85), each with a team, a diagnostic, a plan, appointments, notes and a timeline, so
 * that a demo caseworker signing in finds a living caseload. Everything is drawn from one seeded
 * generator: two databases seeded on the same day hold the same people. Dates are relative to
 * the day of the seed (appointments next week, events over the past months).
 */

const SEED = 0x52_45_4c_41; // "RELA"
const DAY = 86_400_000;
const MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------
// Who follows people: the demo personas, and colleagues so that teams span several structures.
// ---------------------------------------------------------------------------------------------

const STRUCTURE = {
  cd44: 'Département de Loire-Atlantique',
  franceTravail: 'France Travail Nantes Centre',
  missionLocale: 'Mission locale Nantes Métropole',
  capEmploi: 'Cap emploi 44',
  caf: 'CAF de Loire-Atlantique',
  msa: 'MSA Loire-Atlantique – Vendée',
  ccas: 'CCAS de Saint-Nazaire',
  association: 'Association Les Eaux Vives',
  siae: 'Atelier chantier d’insertion Estuaire',
  cd85: 'Département de la Vendée',
  missionLocale85: 'Mission locale du Pays Yonnais',
} as const;

/**
 * Caseworkers of the demo structures besides the personas (the launcher does not list them, but
 * they sign in the same way). Without them every team would hold the two caseworker personas of
 * Loire-Atlantique at most.
 */
export const DEMO_COLLEAGUES: readonly {
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly structure: string;
}[] = [
  {
    email: 'antoine.rousseau@relais.demo',
    givenName: 'Antoine',
    familyName: 'Rousseau',
    structure: STRUCTURE.cd44,
  },
  {
    email: 'julie.legall@relais.demo',
    givenName: 'Julie',
    familyName: 'Le Gall',
    structure: STRUCTURE.franceTravail,
  },
  {
    email: 'morgane.leroux@relais.demo',
    givenName: 'Morgane',
    familyName: 'Le Roux',
    structure: STRUCTURE.missionLocale,
  },
  {
    email: 'emilie.perez@relais.demo',
    givenName: 'Émilie',
    familyName: 'Perez',
    structure: STRUCTURE.capEmploi,
  },
  {
    email: 'helene.caradec@relais.demo',
    givenName: 'Hélène',
    familyName: 'Caradec',
    structure: STRUCTURE.caf,
  },
  {
    email: 'gaelle.bouchet@relais.demo',
    givenName: 'Gaëlle',
    familyName: 'Bouchet',
    structure: STRUCTURE.msa,
  },
  {
    email: 'loic.jaouen@relais.demo',
    givenName: 'Loïc',
    familyName: 'Jaouen',
    structure: STRUCTURE.ccas,
  },
  {
    email: 'bruno.tessier@relais.demo',
    givenName: 'Bruno',
    familyName: 'Tessier',
    structure: STRUCTURE.association,
  },
  {
    email: 'sandrine.guerin@relais.demo',
    givenName: 'Sandrine',
    familyName: 'Guérin',
    structure: STRUCTURE.siae,
  },
  {
    email: 'damien.chauvet@relais.demo',
    givenName: 'Damien',
    familyName: 'Chauvet',
    structure: STRUCTURE.cd85,
  },
];

/** Each caseworker of the roster: an account (by email) acting through one structure. */
const CASEWORKERS = {
  claire: { email: 'claire.moreau@relais.demo', structure: STRUCTURE.cd44 },
  yanisMl: { email: 'yanis.benali@relais.demo', structure: STRUCTURE.missionLocale },
  yanisCcas: { email: 'yanis.benali@relais.demo', structure: STRUCTURE.ccas },
  lea: { email: 'lea.brunet@relais.demo', structure: STRUCTURE.missionLocale85 },
  antoine: { email: 'antoine.rousseau@relais.demo', structure: STRUCTURE.cd44 },
  julie: { email: 'julie.legall@relais.demo', structure: STRUCTURE.franceTravail },
  morgane: { email: 'morgane.leroux@relais.demo', structure: STRUCTURE.missionLocale },
  emilie: { email: 'emilie.perez@relais.demo', structure: STRUCTURE.capEmploi },
  helene: { email: 'helene.caradec@relais.demo', structure: STRUCTURE.caf },
  gaelle: { email: 'gaelle.bouchet@relais.demo', structure: STRUCTURE.msa },
  loic: { email: 'loic.jaouen@relais.demo', structure: STRUCTURE.ccas },
  bruno: { email: 'bruno.tessier@relais.demo', structure: STRUCTURE.association },
  sandrine: { email: 'sandrine.guerin@relais.demo', structure: STRUCTURE.siae },
  damien: { email: 'damien.chauvet@relais.demo', structure: STRUCTURE.cd85 },
} as const;

type CaseworkerKey = keyof typeof CASEWORKERS;

// ---------------------------------------------------------------------------------------------
// The roster: which kind of person, followed by whom.
// ---------------------------------------------------------------------------------------------

type Profile =
  'RSA_SOCIAL' | 'RSA_SOCIO_PRO' | 'RSA_PRO' | 'JOBSEEKER' | 'YOUTH' | 'DISABILITY' | 'RSA_NEW';

type Area = 'metropole' | 'saint-nazaire' | 'rural' | 'vendee';

interface RosterEntry {
  readonly territory: '44' | '85';
  readonly profile: Profile;
  /** Null: the file waits for its orientation, followed by followers only. */
  readonly referent: CaseworkerKey | null;
  readonly followers?: readonly CaseworkerKey[];
  /** The referent before a handover 10 days ago. */
  readonly formerReferent?: CaseworkerKey;
  readonly area?: Area;
  readonly ages?: readonly [number, number];
  readonly sex?: 'F' | 'M';
  readonly count: number;
}

const ROSTER: readonly RosterEntry[] = [
  // Claire Moreau, Département: referent of 18, follower of 4, former referent of 1.
  { territory: '44', profile: 'RSA_SOCIAL', referent: 'claire', count: 7 },
  {
    territory: '44',
    profile: 'RSA_SOCIAL',
    referent: 'claire',
    followers: ['yanisCcas'],
    area: 'saint-nazaire',
    count: 1,
  },
  { territory: '44', profile: 'RSA_SOCIAL', referent: 'claire', formerReferent: 'bruno', count: 1 },
  { territory: '44', profile: 'RSA_SOCIO_PRO', referent: 'claire', count: 8 },
  {
    territory: '44',
    profile: 'RSA_SOCIO_PRO',
    referent: 'claire',
    followers: ['yanisMl'],
    ages: [25, 26],
    count: 1,
  },
  // Antoine Rousseau, Département.
  { territory: '44', profile: 'RSA_SOCIAL', referent: 'antoine', count: 2 },
  {
    territory: '44',
    profile: 'RSA_SOCIAL',
    referent: 'antoine',
    followers: ['yanisCcas'],
    area: 'saint-nazaire',
    count: 1,
  },
  { territory: '44', profile: 'RSA_SOCIO_PRO', referent: 'antoine', count: 1 },
  // Yanis Benali: young people at the mission locale, residents of Saint-Nazaire at the CCAS.
  { territory: '44', profile: 'YOUTH', referent: 'yanisMl', count: 4 },
  {
    territory: '44',
    profile: 'RSA_SOCIAL',
    referent: 'yanisCcas',
    area: 'saint-nazaire',
    count: 2,
  },
  { territory: '44', profile: 'YOUTH', referent: 'morgane', count: 3 },
  // France Travail: RSA beneficiaries oriented to employment, with the Département following.
  { territory: '44', profile: 'RSA_PRO', referent: 'julie', followers: ['claire'], count: 3 },
  { territory: '44', profile: 'RSA_PRO', referent: 'julie', formerReferent: 'claire', count: 1 },
  { territory: '44', profile: 'JOBSEEKER', referent: 'julie', count: 4 },
  { territory: '44', profile: 'DISABILITY', referent: 'emilie', count: 3 },
  { territory: '44', profile: 'RSA_SOCIO_PRO', referent: 'bruno', count: 2 },
  { territory: '44', profile: 'RSA_SOCIAL', referent: 'helene', sex: 'F', count: 1 },
  { territory: '44', profile: 'RSA_SOCIO_PRO', referent: 'gaelle', area: 'rural', count: 1 },
  { territory: '44', profile: 'RSA_SOCIAL', referent: 'loic', area: 'saint-nazaire', count: 1 },
  // New RSA beneficiaries waiting for their orientation.
  { territory: '44', profile: 'RSA_NEW', referent: null, followers: ['helene'], count: 2 },
  { territory: '44', profile: 'RSA_NEW', referent: null, followers: ['claire'], count: 1 },
  // Vendée, to show that nothing of it is seen from Loire-Atlantique.
  { territory: '85', profile: 'YOUTH', referent: 'lea', area: 'vendee', count: 3 },
  {
    territory: '85',
    profile: 'YOUTH',
    referent: 'lea',
    followers: ['damien'],
    area: 'vendee',
    count: 1,
  },
  { territory: '85', profile: 'RSA_SOCIAL', referent: 'damien', area: 'vendee', count: 1 },
];

/** Followers a team may also have, by profile (only those of another structure are taken). */
const FOLLOWER_POOL: Readonly<Record<Profile, readonly CaseworkerKey[]>> = {
  RSA_SOCIAL: ['helene', 'bruno'],
  RSA_SOCIO_PRO: ['sandrine', 'bruno', 'julie'],
  RSA_PRO: ['sandrine', 'helene'],
  JOBSEEKER: ['sandrine'],
  YOUTH: ['julie', 'bruno', 'damien'],
  DISABILITY: ['julie', 'antoine', 'helene'],
  RSA_NEW: [],
};

// ---------------------------------------------------------------------------------------------
// Names, places, words.
// ---------------------------------------------------------------------------------------------

type Origin = 'fr' | 'maghreb' | 'westAfrica' | 'turkey' | 'portugal';

/** A list of names written on one line. */
const names = (list: string): readonly string[] => list.split(', ');

const GIVEN_NAMES: Readonly<Record<Origin, { F: readonly string[]; M: readonly string[] }>> = {
  fr: {
    F: names(
      'Émilie, Hélène, Chloé, Anaïs, Maëlle, Océane, Noémie, Mélanie, Céline, Séverine, Nadège, Amélie, Élodie, Valérie, Françoise, Cécile, Aurélie, Stéphanie, Laëtitia, Manon, Solène, Bérénice, Gwénola, Maïwenn, Zoé, Léna, Sylvie, Nathalie, Véronique, Marie-Hélène, Coralie',
    ),
    M: names(
      'Jérôme, Stéphane, Frédéric, Rémi, Noël, Jérémy, Grégory, Sébastien, Mickaël, Anthony, Kévin, Théo, Mathéo, Lucas, Hugo, Enzo, Nathan, Dylan, Yannick, Gwénaël, Thierry, Pascal, Hervé, Joël, Gaël, Benoît, François, Cédric, Jean-François, Pierre-Yves, Killian, Maxence, Ludovic, Erwan, Tanguy',
    ),
  },
  maghreb: {
    F: names('Yasmina, Leïla, Aïcha, Samira, Nawel, Inès, Myriam, Khadija'),
    M: names('Mohamed, Rachid, Yassine, Bilal, Mehdi, Nordine, Sofiane, Ilyès'),
  },
  westAfrica: {
    F: names('Fatoumata, Aminata, Mariam, Awa, Kadiatou, Aïssatou'),
    M: names('Mamadou, Ibrahima, Moussa, Ousmane, Abdoulaye, Boubacar'),
  },
  turkey: { F: names('Elif, Zeynep, Hülya, Gülsen'), M: names('Mehmet, Emre, Hakan, Murat') },
  portugal: { F: names('Ana, Sónia, Mariana, Joana'), M: names('João, António, Rui, Sérgio') },
};

const FAMILY_NAMES: Readonly<Record<Origin, readonly string[]>> = {
  fr: names(
    'Le Goff, Bréhier, Lefèvre, Gérard, Mérel, Évain, Boutin, Rocher, Barré, Ménard, Chevalier, Gaudin, Perrot, Hamon, Jégou, Pichon, Texier, Béranger, Briand, Cadiou, Lemaître, Thébaud, Allain, Brégeon, Orain, Gicquel, Morvan, Halgand, Bouvier, Fontaine, Lebreton, Clément, Mercier, Hervouët, Bénéteau, Lécuyer, Ferré, Rialland, Chéneau, Pasquier, Gaborit, Le Bihan',
  ),
  maghreb: names('Mansouri, Benkacem, Belkacem, Cherif, Bouzid, Amrani, El Idrissi'),
  westAfrica: names('Diallo, Traoré, Cissé, Sow, Bah, Kébé, Konaté, N’Diaye'),
  turkey: names('Öztürk, Kaya, Demir, Çelik'),
  portugal: names('Da Silva, Pereira, Fernandes, Gonçalves, Rodrigues'),
};

/** INSEE codes of the countries of birth (the "commune" of a NIR with department 99). */
const BIRTH_COUNTRIES: Readonly<Record<Exclude<Origin, 'fr'>, readonly string[]>> = {
  maghreb: ['350', '351', '352'],
  westAfrica: ['341', '335', '330', '326'],
  turkey: ['208'],
  portugal: ['139'],
};

/** Départements of birth of people born in France (metropolitan, two digits). */
const BIRTH_DEPARTMENTS = ['44', '44', '44', '44', '44', '49', '35', '85', '56', '75', '93', '29'];

const TOWNS: Readonly<Record<Area, readonly (readonly [city: string, postalCode: string])[]>> = {
  metropole: [
    ['Nantes', '44000'],
    ['Nantes', '44100'],
    ['Nantes', '44200'],
    ['Nantes', '44300'],
    ['Rezé', '44400'],
    ['Saint-Herblain', '44800'],
    ['Orvault', '44700'],
    ['Vertou', '44120'],
    ['Bouguenais', '44340'],
    ['Couëron', '44220'],
    ['La Chapelle-sur-Erdre', '44240'],
    ['Carquefou', '44470'],
    ['Saint-Sébastien-sur-Loire', '44230'],
    ['Sainte-Luce-sur-Loire', '44980'],
    ['Basse-Goulaine', '44115'],
    ['Indre', '44610'],
    ['Ancenis-Saint-Géréon', '44150'],
    ['Clisson', '44190'],
    ['Pornic', '44210'],
    ['Guérande', '44350'],
    ['La Baule-Escoublac', '44500'],
    ['Savenay', '44260'],
    ['Saint-Brevin-les-Pins', '44250'],
    ['Trignac', '44570'],
    ['Montoir-de-Bretagne', '44550'],
  ],
  'saint-nazaire': [['Saint-Nazaire', '44600']],
  rural: [
    ['Châteaubriant', '44110'],
    ['Blain', '44130'],
    ['Nort-sur-Erdre', '44390'],
    ['Machecoul-Saint-Même', '44270'],
    ['Paimbœuf', '44560'],
  ],
  vendee: [
    ['La Roche-sur-Yon', '85000'],
    ['Les Sables-d’Olonne', '85100'],
    ['Challans', '85300'],
    ['Fontenay-le-Comte', '85200'],
    ['Luçon', '85400'],
  ],
};

const STREETS = [
  'rue Jean Jaurès',
  'rue Victor Hugo',
  'avenue de la République',
  'rue des Acacias',
  'allée des Tilleuls',
  'rue du Général de Gaulle',
  'boulevard de la Liberté',
  'rue Pasteur',
  'impasse des Mimosas',
  'rue des Hortensias',
  'chemin de la Métairie',
  'rue de la Gare',
  'place de l’Église',
  'rue Aristide Briand',
  'rue des Écoles',
  'allée des Bruyères',
  'rue du Port',
  'rue de Bretagne',
];

const JOBS: readonly (readonly [title: string, rome: string])[] = [
  ['Aide à domicile', 'K1302'],
  ['Agent d’entretien de locaux', 'K2204'],
  ['Préparateur de commandes', 'N1103'],
  ['Cariste', 'N1101'],
  ['Employé de libre-service', 'D1507'],
  ['Hôte de caisse', 'D1505'],
  ['Commis de cuisine', 'G1602'],
  ['Serveur en restauration', 'G1803'],
  ['Maçon', 'F1703'],
  ['Agent de sécurité', 'K2503'],
  ['Conducteur de bus', 'N4103'],
  ['Ouvrier du paysage', 'A1203'],
  ['Soudeur', 'H2913'],
  ['Secrétaire médicale', 'M1609'],
  ['Agent administratif', 'M1602'],
  ['Chauffeur-livreur', 'N4105'],
  ['Vendeur en prêt-à-porter', 'D1214'],
  ['Agent de service hospitalier', 'J1301'],
  ['Électricien du bâtiment', 'F1602'],
  ['Mécanicien automobile', 'I1604'],
  ['Ouvrier maraîcher', 'A1414'],
];

const OBSTACLE_WEIGHTS: Readonly<Record<Profile, Partial<Record<ObstacleTheme, number>>>> = {
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

const OBSTACLE_COMMENTS: Readonly<Record<ObstacleTheme, readonly string[]>> = {
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
const OBSTACLE_ACTIONS: Readonly<Record<ObstacleTheme, readonly string[]>> = {
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

interface GoalTemplate {
  readonly title: string;
  readonly actions: readonly string[];
}

const GOALS: Readonly<
  Record<'social' | 'socioPro' | 'pro' | 'youth' | 'disability' | 'new', readonly GoalTemplate[]>
> = {
  social: [
    {
      title: 'Stabiliser la situation de logement',
      actions: [
        'Dépôt d’une demande de logement social',
        'Rendez-vous avec le bailleur pour un plan d’apurement',
      ],
    },
    {
      title: 'Retrouver une autonomie dans les démarches administratives',
      actions: [
        'Atelier numérique : créer ses comptes Ameli et CAF',
        'Classement des justificatifs avec l’écrivain public',
      ],
    },
    {
      title: 'Assainir la situation budgétaire',
      actions: ['Mise en place d’un budget mensuel', 'Demande d’échéancier auprès des créanciers'],
    },
    {
      title: 'Prendre soin de sa santé',
      actions: ['Bilan de santé au centre d’examens de santé de la CPAM'],
    },
  ],
  socioPro: [
    {
      title: 'Lever les freins à la mobilité',
      actions: ['Inscription à l’auto-école sociale', 'Demande d’aide au permis de conduire'],
    },
    {
      title: 'Entrer dans un parcours d’insertion par l’activité économique',
      actions: [
        'Information collective au chantier d’insertion Estuaire',
        'Entretien d’embauche en structure d’insertion',
      ],
    },
    {
      title: 'Construire un projet professionnel réaliste',
      actions: [
        'Enquête métier auprès de deux employeurs',
        'Immersion en entreprise d’une semaine',
      ],
    },
    {
      title: 'Améliorer la maîtrise du français',
      actions: ['Inscription à un atelier sociolinguistique'],
    },
  ],
  pro: [
    {
      title: 'Retrouver un emploi durable dans le métier visé',
      actions: [
        'Mise à jour du CV et de la lettre de motivation',
        'Candidatures ciblées : dix offres par mois',
        'Préparation aux entretiens d’embauche',
      ],
    },
    {
      title: 'Obtenir une qualification',
      actions: [
        'Positionnement sur une formation qualifiante',
        'Dossier de financement de la formation',
      ],
    },
    {
      title: 'Élargir la recherche aux métiers proches',
      actions: ['Atelier sur les compétences transférables', 'Participation à un job dating'],
    },
  ],
  youth: [
    {
      title: 'Définir un projet professionnel',
      actions: [
        'Ateliers découverte des métiers à la mission locale',
        'Stage de découverte en entreprise',
      ],
    },
    {
      title: 'Accéder à une première expérience professionnelle',
      actions: ['Rédaction du premier CV', 'Candidatures en alternance'],
    },
    {
      title: 'Obtenir le permis B',
      actions: ['Inscription au code de la route', 'Demande d’aide au permis'],
    },
    {
      title: 'Trouver un logement autonome',
      actions: [
        'Demande en foyer de jeunes travailleurs',
        'Dossier Visale pour la garantie locative',
      ],
    },
  ],
  disability: [
    {
      title: 'Trouver un emploi compatible avec ses contraintes',
      actions: [
        'Étude de poste avec le conseiller Cap emploi',
        'Candidatures ciblées auprès d’employeurs partenaires',
      ],
    },
    {
      title: 'Se reconvertir vers un nouveau métier',
      actions: [
        'Bilan de reconversion professionnelle',
        'Positionnement sur une formation de reconversion',
      ],
    },
  ],
  new: [
    {
      title: 'Finaliser l’orientation du parcours',
      actions: [
        'Entretien de diagnostic d’orientation',
        'Transmission du dossier à la chargée d’orientation',
      ],
    },
    {
      title: 'Sécuriser l’ouverture des droits',
      actions: ['Vérification des droits CAF et de la prime d’activité'],
    },
  ],
};

const GOALS_OF: Readonly<Record<Profile, keyof typeof GOALS>> = {
  RSA_SOCIAL: 'social',
  RSA_SOCIO_PRO: 'socioPro',
  RSA_PRO: 'pro',
  JOBSEEKER: 'pro',
  YOUTH: 'youth',
  DISABILITY: 'disability',
  RSA_NEW: 'new',
};

/** Notes written at the first meeting, after a meeting, or at any time. */
const FIRST_NOTE =
  'Premier entretien réalisé avec {civ} {nom} : situation globale faite, diagnostic partagé avec l’équipe.';
const HONORED_NOTES = [
  'Entretien de suivi avec {civ} {nom}, présent{e} et motivé{e}. Les démarches avancent, point d’étape dans un mois.',
  'Rendez-vous honoré : point sur les actions en cours, {civ} {nom} a apporté les justificatifs demandés.',
];
const MISSED_NOTE =
  'Absent{e} au rendez-vous du jour sans prévenir. Relance par SMS et par courrier.';
const TEAM_NOTES = [
  'Point téléphonique : {civ} {nom} a transmis les justificatifs demandés, le dossier est complet.',
  'Bilan à mi-parcours : objectifs en bonne voie, à reprendre au prochain entretien.',
  'Échange avec les partenaires de l’équipe : la coordination reste assurée par le référent de parcours.',
  'Message de {civ} {nom} : souhaite décaler le prochain rendez-vous d’une semaine, accord donné.',
];

const STRUCTURE_NOTES = [
  'Dossier présenté en commission interne ; accord de principe pour une aide financière ponctuelle.',
  'Pour le service : vérifier la date de fin de droits avant le prochain entretien.',
];

const AUTHOR_NOTES = [
  'Pense-bête : rappeler {civ} {nom} la semaine prochaine pour le retour de la commission.',
  'À préparer pour le prochain entretien : simulation de budget et offres repérées.',
];

const SENSITIVE_NOTES: Partial<Record<ObstacleTheme, string>> = {
  HEALTH:
    '{civ} {nom} évoque un suivi médical régulier qui limite ses disponibilités le matin ; à prendre en compte pour les rendez-vous.',
  DISABILITY:
    'Les restrictions transmises par le médecin excluent le port de charges lourdes ; à rappeler lors des mises en relation.',
  JUSTICE:
    'Obligation de pointage hebdomadaire : éviter les rendez-vous le jeudi matin. Information à ne pas diffuser au-delà de l’équipe.',
};

const JOIN_REASONS = [
  'Suivi du dossier de prestations : je souhaite coordonner mes démarches avec l’équipe.',
  'Candidature retenue pour un contrat au chantier d’insertion, je souhaite suivre le parcours.',
  'Bénéficiaire du RSA : suivi du contrat d’engagements par le Département.',
];

// ---------------------------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast and good enough for demo data. */
class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = this.int(0, index);
      [copy[index], copy[other]] = [copy[other], copy[index]];
    }
    return copy;
  }

  weighted<T extends string>(
    weights: Partial<Record<T, number>>,
    excluded: ReadonlySet<T>,
  ): T | null {
    const entries = (Object.entries(weights) as [T, number][]).filter(
      ([key]) => !excluded.has(key),
    );
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return null;
  }

  digits(count: number): string {
    let out = '';
    for (let index = 0; index < count; index += 1) out += String(this.int(0, 9));
    return out;
  }

  /** A version 4 UUID from the generator, so that ids are as reproducible as the rest. */
  uuid(): string {
    const bytes = Array.from({ length: 16 }, () => this.int(0, 255));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}

/** The two-digit key of a NIR: 97 minus its first 13 digits modulo 97. */
function nirKey(body: string): string {
  return String(97n - (BigInt(body) % 97n)).padStart(2, '0');
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return isoDate(Date.UTC(year, month - 1 + months, day));
}

interface Caseworker {
  readonly key: string;
  readonly membershipId: string;
  readonly accountId: string;
  readonly structureId: string;
  readonly structureType: StructureType;
  readonly territoryId: string;
  /** "Claire Moreau (Département de Loire-Atlantique)", for appointments. */
  readonly label: string;
  readonly location: string;
}

interface Stay {
  readonly row: TeamMemberRow;
  readonly caseworker: Caseworker;
  readonly from: number;
  readonly until: number | null;
}

type PersonRow = Omit<PersonEntity, 'territory' | 'orientationStructure'>;
type TeamMemberRow = Omit<TeamMemberEntity, 'person' | 'account' | 'membership' | 'structure'>;
type JoinRequestRow = Omit<JoinRequestEntity, 'person' | 'account' | 'membership' | 'structure'>;
type ObstacleRow = Omit<ObstacleEntity, 'person'>;
type ContractRow = Omit<ContractEntity, 'person'>;
type GoalRow = Omit<GoalEntity, 'person'>;
type ActionRow = Omit<PlanActionEntity, 'person' | 'goal' | 'obstacle'>;
type AppointmentRow = Omit<AppointmentEntity, 'person'>;
type NoteRow = Omit<NoteEntity, 'person'>;
type EventRow = Omit<TimelineEventEntity, 'person'>;

/** What one person's file holds besides the person and the team. */
interface FileRows {
  obstacles: ObstacleRow[];
  contracts: ContractRow[];
  goals: GoalRow[];
  actions: ActionRow[];
  appointments: AppointmentRow[];
  notes: NoteRow[];
  events: EventRow[];
}

interface Identity {
  sex: 'F' | 'M';
  origin: Origin;
  bornAbroad: boolean;
  givenName: string;
  familyName: string;
  birthName: string | null;
  birthDate: string;
  age: number;
}

class DemoPathwayBuilder {
  readonly people: PersonRow[] = [];
  readonly teamMembers: TeamMemberRow[] = [];
  readonly joinRequests: JoinRequestRow[] = [];
  readonly file: FileRows = {
    obstacles: [],
    contracts: [],
    goals: [],
    actions: [],
    appointments: [],
    notes: [],
    events: [],
  };

  private readonly random = new SeededRandom(SEED);
  private readonly ids = new SeededRandom(SEED ^ 0x1d5);
  private readonly taken = new Set<string>();
  private readonly today: number;
  /** Active stays by person, for join requests. */
  private readonly activeAccounts = new Map<string, Set<string>>();
  private readonly referentOf = new Map<string, string>();

  constructor(
    private readonly now: number,
    private readonly territories: ReadonlyMap<string, string>,
    private readonly caseworkers: ReadonlyMap<CaseworkerKey, Caseworker>,
  ) {
    this.today = Math.floor(now / DAY) * DAY;
  }

  build(): void {
    for (const entry of ROSTER) {
      for (let index = 0; index < entry.count; index += 1) this.person(entry);
    }
    this.pendingJoinRequests();
  }

  // --- time ---------------------------------------------------------------------------------

  /** A working-hours moment `daysAgo` days before today, moved off weekends (backwards). */
  private moment(daysAgo: number): number {
    let day = this.today - daysAgo * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6) day -= DAY;
    if (weekday === 0) day -= 2 * DAY;
    return day + this.random.int(7 * 60 + 30, 16 * 60 + 30) * MINUTE;
  }

  /** A moment between `minDays` and `maxDays` after `from`, or null when it would be in the future. */
  private later(from: number, minDays: number, maxDays: number): number | null {
    const daysAgo = Math.floor((this.today - Math.floor(from / DAY) * DAY) / DAY);
    let at = this.moment(daysAgo - this.random.int(minDays, maxDays));
    if (at <= from) at = from + this.random.int(5, 90) * MINUTE;
    return at < this.now - 5 * MINUTE ? at : null;
  }

  /** A slot on a weekday `daysAhead` days from now, on the quarter hour. */
  private upcoming(daysAhead: number): number {
    let day = this.today + daysAhead * DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday === 6) day += 2 * DAY;
    if (weekday === 0) day += DAY;
    return day + this.random.pick([450, 480, 510, 540, 570, 720, 750, 780, 810, 840]) * MINUTE;
  }

  // --- people -------------------------------------------------------------------------------

  private unique(kind: string, make: () => string): string {
    for (;;) {
      const value = make();
      if (!this.taken.has(`${kind}:${value}`)) {
        this.taken.add(`${kind}:${value}`);
        return value;
      }
    }
  }

  private identity(entry: RosterEntry): Identity {
    const random = this.random;
    const [minAge, maxAge] =
      entry.ages ??
      (entry.profile === 'YOUTH' ? [18, 25] : entry.profile === 'JOBSEEKER' ? [26, 62] : [25, 63]);
    const sex = entry.sex ?? (random.chance(0.55) ? 'F' : 'M');
    const origin: Origin = random.chance(0.7)
      ? 'fr'
      : random.pick([
          'maghreb',
          'maghreb',
          'westAfrica',
          'westAfrica',
          'turkey',
          'portugal',
        ] as const);
    for (;;) {
      const age = random.int(minAge, maxAge);
      const anniversary = Date.UTC(
        new Date(this.now).getUTCFullYear() - age,
        new Date(this.now).getUTCMonth(),
        new Date(this.now).getUTCDate(),
      );
      const birthDate = isoDate(anniversary - random.int(1, 360) * DAY);
      const givenName = random.pick(GIVEN_NAMES[origin][sex]);
      const familyName = random.pick(FAMILY_NAMES[origin]);
      const married = sex === 'F' && age >= 27 && random.chance(0.4);
      const birthName = married
        ? random.pick(
            FAMILY_NAMES[random.chance(0.8) ? origin : 'fr'].filter((name) => name !== familyName),
          )
        : null;
      // The database refuses two people of a territory with the same names and birth date.
      const key = `${searchText(familyName, givenName)}|${birthDate}`;
      if (this.taken.has(`name:${key}`)) continue;
      this.taken.add(`name:${key}`);
      return {
        sex,
        origin,
        bornAbroad: origin !== 'fr' && random.chance(0.55),
        givenName,
        familyName,
        birthName,
        birthDate,
        age,
      };
    }
  }

  private nir(identity: Identity): string {
    return this.unique('nir', () => {
      const [year, month] = identity.birthDate.split('-') as [string, string];
      const place =
        identity.bornAbroad && identity.origin !== 'fr'
          ? `99${this.random.pick(BIRTH_COUNTRIES[identity.origin])}`
          : `${this.random.pick(BIRTH_DEPARTMENTS)}${String(this.random.int(1, 350)).padStart(3, '0')}`;
      const body = `${identity.sex === 'M' ? 1 : 2}${year.slice(2)}${month}${place}${String(this.random.int(1, 999)).padStart(3, '0')}`;
      return body + nirKey(body);
    });
  }

  private person(entry: RosterEntry): void {
    const random = this.random;
    const territoryId = this.territories.get(entry.territory) as string;
    const referent = entry.referent ? (this.caseworkers.get(entry.referent) ?? null) : null;
    const former = entry.formerReferent ? this.caseworkers.get(entry.formerReferent) : undefined;
    const identity = this.identity(entry);
    const { profile } = entry;

    const rsa = profile.startsWith('RSA_') || (profile === 'DISABILITY' && random.chance(0.35));
    const rights: PersonRight[] = [];
    if (rsa) rights.push(PersonRight.RSA);
    if (profile === 'JOBSEEKER')
      rights.push(random.chance(0.6) ? PersonRight.ARE : PersonRight.ASS);
    if (profile === 'YOUTH' && random.chance(0.15)) rights.push(PersonRight.ARE);
    if (profile === 'DISABILITY') {
      if (!rsa) rights.push(random.chance(0.5) ? PersonRight.AAH : PersonRight.ARE);
      rights.push(PersonRight.RQTH);
    }
    const registeredAtFranceTravail =
      ['RSA_PRO', 'JOBSEEKER', 'DISABILITY'].includes(profile) ||
      (profile === 'YOUTH' && random.chance(0.6)) ||
      (profile === 'RSA_SOCIO_PRO' && random.chance(0.3));

    const orientationType: OrientationType | null = !referent
      ? null
      : profile === 'RSA_SOCIAL'
        ? OrientationType.SOCIAL
        : profile === 'RSA_SOCIO_PRO'
          ? OrientationType.SOCIO_PROFESSIONAL
          : profile === 'YOUTH'
            ? random.pick([OrientationType.SOCIO_PROFESSIONAL, OrientationType.PROFESSIONAL])
            : OrientationType.PROFESSIONAL;
    const hasProject =
      ['RSA_PRO', 'JOBSEEKER', 'DISABILITY'].includes(profile) ||
      (profile === 'YOUTH' && random.chance(0.4)) ||
      (profile === 'RSA_SOCIO_PRO' && random.chance(0.2));
    const job = hasProject
      ? entry.area === 'rural'
        ? JOBS[JOBS.length - 1]
        : random.pick(JOBS)
      : null;
    const contractsSought = new Set<ContractSought>();
    if (job) {
      const options =
        profile === 'YOUTH'
          ? [ContractSought.APPRENTICESHIP, ContractSought.CDD, ContractSought.INTERIM]
          : profile === 'RSA_SOCIO_PRO'
            ? [ContractSought.SUBSIDISED, ContractSought.CDD, ContractSought.PART_TIME]
            : [
                ContractSought.CDI,
                ContractSought.CDD,
                ContractSought.INTERIM,
                ContractSought.PART_TIME,
              ];
      const count = random.int(1, 3);
      for (let index = 0; index < count; index += 1) contractsSought.add(random.pick(options));
    }

    const area: Area = entry.area ?? (random.chance(0.85) ? 'metropole' : 'rural');
    const [city, postalCode] = random.pick(TOWNS[area]);
    const asciiGiven = searchText(identity.givenName).replace(/ /g, '-');
    const asciiFamily = searchText(identity.familyName).replace(/ /g, '');

    const personId = this.ids.uuid();
    const start = this.moment(
      profile === 'RSA_NEW'
        ? random.int(15, 45)
        : former
          ? random.int(150, 400)
          : random.int(35, 420),
    );

    const person: PersonRow = {
      id: personId,
      territoryId,
      externalId: null,
      givenName: identity.givenName,
      familyName: identity.familyName,
      birthName: identity.birthName,
      birthDate: identity.birthDate,
      searchName: searchText(identity.familyName, identity.givenName, identity.birthName),
      identityKey: searchText(identity.familyName, identity.givenName),
      email: random.chance(0.6)
        ? this.unique(
            'email',
            () =>
              `${asciiGiven}.${asciiFamily}${random.chance(0.3) ? random.int(1, 99) : ''}@${random.pick(['example.org', 'example.net', 'example.com'])}`,
          )
        : null,
      // Numbers of the range the telecom regulator (ARCEP) keeps for fiction: 06 39 98 xx xx.
      phone: random.chance(0.85) ? this.unique('phone', () => `063998${random.digits(4)}`) : null,
      addressLine: `${random.int(1, 120)}${random.chance(0.1) ? ' bis' : ''} ${random.pick(STREETS)}`,
      postalCode,
      city,
      cafNumber:
        rsa || random.chance(0.5)
          ? this.unique('caf', () => `${random.int(1, 9)}${random.digits(6)}`)
          : null,
      franceTravailId: registeredAtFranceTravail
        ? this.unique(
            'ft',
            () => `${random.digits(7)}${String.fromCharCode(65 + random.int(0, 25))}`,
          )
        : null,
      nir: random.chance(0.6) ? this.nir(identity) : null,
      rights,
      rightsAndDuties: rsa,
      orientationType,
      orientationStructureId: referent?.structureId ?? null,
      targetJob: job ? job[0] : null,
      romeCode: job ? job[1] : null,
      mobilityRadiusKm: job ? random.pick([5, 10, 15, 20, 30, 50]) : null,
      contractsSought: [...contractsSought],
      status: PersonStatus.ACTIVE,
      restricted: false,
      objection: false,
      version: 1,
      createdByMembershipId: (former ?? referent ?? null)?.membershipId ?? null,
      createdByClientId: null,
      createdAt: new Date(start),
      updatedAt: new Date(start),
      lastActivityAt: new Date(start),
      archivedAt: null,
    };

    // The team: who was in it, and from when.
    const stays: Stay[] = [];
    const join = (
      caseworker: Caseworker,
      role: TeamRole,
      from: number,
      reason: string,
      until: number | null = null,
    ): void => {
      const row: TeamMemberRow = {
        id: this.ids.uuid(),
        personId,
        accountId: caseworker.accountId,
        membershipId: caseworker.membershipId,
        structureId: caseworker.structureId,
        role,
        joinedAt: new Date(from),
        joinReason: reason.replace(/\{e\}/g, identity.sex === 'F' ? 'e' : ''),
        leftAt: until === null ? null : new Date(until),
        leftReason: until === null ? null : TeamLeaveReason.HANDOVER,
        leftComment:
          until === null ? null : 'Passage de relais après la réorientation du parcours.',
      };
      stays.push({ row, caseworker, from, until });
    };
    // Ten days ago in the morning: the former referent still reads the file for 20 days.
    const handoverAt = this.today - 10 * DAY + 9.5 * 60 * MINUTE;
    const firstReferent = former ?? referent;
    if (firstReferent) {
      join(
        firstReferent,
        TeamRole.REFERENT,
        start + MINUTE,
        'A créé le dossier',
        former ? handoverAt : null,
      );
    }
    if (former && referent) {
      join(referent, TeamRole.REFERENT, handoverAt + MINUTE, 'Passage de relais');
    }
    const followers: Caseworker[] = [];
    const wanted = [
      ...(entry.followers ?? []),
      ...random.shuffled(FOLLOWER_POOL[profile]).slice(0, random.pick([0, 0, 0, 1, 1, 1, 2, 3])),
    ];
    for (const key of wanted) {
      const caseworker = this.caseworkers.get(key);
      if (!caseworker || caseworker.territoryId !== territoryId) continue;
      if (stays.length + followers.length - (former ? 1 : 0) >= 4) break;
      const inTeam = [...stays.map((stay) => stay.caseworker), ...followers];
      if (inTeam.some((other) => other.accountId === caseworker.accountId)) continue;
      if (referent && caseworker.structureId === referent.structureId) continue;
      if (followers.some((other) => other.structureId === caseworker.structureId)) continue;
      followers.push(caseworker);
    }
    followers.forEach((caseworker, index) => {
      const creator = !firstReferent && index === 0;
      const from = creator ? start + MINUTE : (this.later(start, 3, 60) ?? start + 2 * MINUTE);
      join(
        caseworker,
        TeamRole.FOLLOWER,
        from,
        creator ? 'A créé le dossier' : this.joinReason(caseworker.structureType),
      );
    });

    // Nobody of the roster could be found (personas changed): no file rather than an orphan.
    if (!stays.length) return;

    // The file, drawn again until its timeline holds 10 to 20 events.
    let file: FileRows | undefined;
    for (let attempt = 0; attempt < 100 && !file; attempt += 1) {
      const candidate = this.pathway(person, identity, entry, stays, start);
      if (candidate.events.length >= 10 && candidate.events.length <= 19) file = candidate;
    }
    if (!file)
      throw new Error(`demo seed: no timeline of 10 to 20 events for ${person.searchName}`);

    person.lastActivityAt = new Date(
      Math.max(...file.events.map((event) => event.occurredAt.getTime())),
    );
    this.people.push(person);
    for (const stay of stays) this.teamMembers.push(stay.row);
    for (const key of Object.keys(file) as (keyof FileRows)[]) {
      (this.file[key] as unknown[]).push(...file[key]);
    }
    this.activeAccounts.set(
      personId,
      new Set(stays.filter((stay) => stay.until === null).map((stay) => stay.caseworker.accountId)),
    );
    if (referent) this.referentOf.set(personId, referent.key);
  }

  private joinReason(type: StructureType): string {
    switch (type) {
      case StructureType.CAF:
        return 'Suivi des prestations et de la prime d’activité';
      case StructureType.FRANCE_TRAVAIL:
        return 'Inscription à France Travail et suivi de la recherche d’emploi';
      case StructureType.CONSEIL_DEPARTEMENTAL:
        return 'Suivi du contrat d’engagements RSA';
      case StructureType.SIAE:
        return 'Salarié{e} en parcours au chantier d’insertion';
      case StructureType.ASSOCIATION:
        return 'Accompagnement social global';
      case StructureType.CCAS:
        return 'Aides facultatives et domiciliation au CCAS';
      case StructureType.MISSION_LOCALE:
        return 'Suivi engagé à la mission locale';
      default:
        return 'Accompagnement partagé';
    }
  }

  // --- the file -----------------------------------------------------------------------------

  private pathway(
    person: PersonRow,
    identity: Identity,
    entry: RosterEntry,
    stays: readonly Stay[],
    start: number,
  ): FileRows {
    const random = this.random;
    const file: FileRows = {
      obstacles: [],
      contracts: [],
      goals: [],
      actions: [],
      appointments: [],
      notes: [],
      events: [],
    };
    const feminine = identity.sex === 'F' ? 'e' : '';
    const words = (text: string): string =>
      text
        .replace(/\{civ\}/g, identity.sex === 'F' ? 'Mme' : 'M.')
        .replace(/\{nom\}/g, identity.familyName)
        .replace(/\{e\}/g, feminine);
    // Who acts at a given moment: the referent of the time mostly, else another member.
    const actorAt = (at: number, referentFirst = 0.7): Stay => {
      const present = stays.filter(
        (stay) => stay.from <= at && (stay.until === null || stay.until > at),
      );
      const referent = present.find((stay) => stay.row.role === TeamRole.REFERENT);
      if (referent && (present.length === 1 || random.chance(referentFirst))) return referent;
      return random.pick(present.length ? present : stays);
    };
    const event = (
      at: number,
      actor: Stay,
      type: EventType,
      subjectType: string,
      subjectId: string,
      changes: { before?: Record<string, unknown>; after?: Record<string, unknown> },
      sensitive = false,
    ): void => {
      file.events.push({
        id: this.ids.uuid(),
        personId: person.id,
        occurredAt: new Date(at),
        actorAccountId: actor.caseworker.accountId,
        actorMembershipId: actor.caseworker.membershipId,
        actorClientId: null,
        type,
        subjectType,
        subjectId,
        sensitive,
        before: changes.before ?? null,
        after: changes.after ?? null,
      });
    };

    // Creation and team: the first to join created the file.
    event(
      start,
      stays[0],
      EventType.PERSON_CREATED,
      'Person',
      person.id,
      { after: { givenName: person.givenName, familyName: person.familyName } },
      person.rights.some((right) => SENSITIVE_RIGHTS.includes(right)),
    );
    for (const stay of stays) {
      event(stay.from, stay, EventType.TEAM_JOINED, 'TeamMember', stay.row.id, {
        after: {
          role: stay.row.role,
          structureId: stay.row.structureId,
          accountId: stay.row.accountId,
        },
      });
      if (stay.until !== null) {
        event(stay.until, stay, EventType.TEAM_LEFT, 'TeamMember', stay.row.id, {
          before: { role: stay.row.role, structureId: stay.row.structureId },
          after: { comment: stay.row.leftComment },
        });
      }
    }

    // Diagnostic.
    const themes = new Set<ObstacleTheme>();
    if (person.rights.includes(PersonRight.RQTH)) themes.add(ObstacleTheme.DISABILITY);
    if (entry.referent === 'helene') themes.add(ObstacleTheme.FAMILY_CHILDCARE);
    if (identity.bornAbroad && identity.origin !== 'portugal' && random.chance(0.6)) {
      themes.add(ObstacleTheme.LANGUAGE);
    }
    const obstacleCount = Math.max(themes.size, random.pick([0, 1, 2, 2, 3, 3, 3, 4, 5]));
    while (themes.size < obstacleCount) {
      const theme = random.weighted(OBSTACLE_WEIGHTS[entry.profile], themes);
      if (!theme) break;
      themes.add(theme);
    }
    const obstacles: { row: ObstacleRow; sensitive: boolean }[] = [];
    for (const theme of themes) {
      const added = this.later(start, 0, 14);
      if (added === null) continue;
      const sensitive = isSensitiveTheme(theme);
      const actor = actorAt(added, 0.85);
      const row: ObstacleRow = {
        id: this.ids.uuid(),
        personId: person.id,
        theme,
        status: ObstacleStatus.IDENTIFIED,
        comment: words(random.pick(OBSTACLE_COMMENTS[theme])),
        version: 1,
        createdByMembershipId: actor.caseworker.membershipId,
        createdAt: new Date(added),
        updatedAt: new Date(added),
      };
      event(
        added,
        actor,
        EventType.OBSTACLE_ADDED,
        'Obstacle',
        row.id,
        {
          after: { theme, status: row.status, comment: row.comment },
        },
        sensitive,
      );
      const target = random.pick([
        ObstacleStatus.IDENTIFIED,
        ObstacleStatus.BEING_ADDRESSED,
        ObstacleStatus.BEING_ADDRESSED,
        ObstacleStatus.RESOLVED,
      ]);
      let at = added;
      for (const next of [ObstacleStatus.BEING_ADDRESSED, ObstacleStatus.RESOLVED]) {
        if (
          target === ObstacleStatus.IDENTIFIED ||
          (next === ObstacleStatus.RESOLVED && target !== next)
        ) {
          break;
        }
        const when = this.later(at, 10, 75);
        if (when === null) break;
        event(
          when,
          actorAt(when),
          EventType.OBSTACLE_UPDATED,
          'Obstacle',
          row.id,
          {
            before: { status: row.status },
            after: { status: next },
          },
          sensitive,
        );
        row.status = next;
        row.version += 1;
        row.updatedAt = new Date(when);
        at = when;
      }
      file.obstacles.push(row);
      obstacles.push({ row, sensitive });
    }

    // Contract and goals.
    const referentStay = stays.find((stay) => stay.row.role === TeamRole.REFERENT);
    const contractAt = this.later(start, 7, 30) ?? this.later(start, 0, 2);
    if (referentStay && contractAt !== null && random.chance(0.85)) {
      const signer = actorAt(contractAt, 1);
      const type = this.contractType(signer.caseworker.structureType);
      const startsOn = isoDate(contractAt);
      const endsOn =
        type === ContractType.PPAE
          ? null
          : addMonths(startsOn, type === ContractType.PACEA ? 18 : random.pick([6, 12, 12]));
      const row: ContractRow = {
        id: this.ids.uuid(),
        personId: person.id,
        type,
        startsOn,
        endsOn,
        version: 1,
        createdByMembershipId: signer.caseworker.membershipId,
        createdAt: new Date(contractAt),
        updatedAt: new Date(contractAt),
      };
      file.contracts.push(row);
      event(contractAt, signer, EventType.CONTRACT_ADDED, 'Contract', row.id, {
        after: { type, startsOn, endsOn },
      });
    }
    const goalsAt = contractAt ?? start + 10 * MINUTE;
    const templates = random
      .shuffled(GOALS[GOALS_OF[entry.profile]])
      .slice(0, random.int(1, entry.profile === 'RSA_NEW' ? 2 : 3));
    const goals: { row: GoalRow; template: GoalTemplate }[] = templates.map((template, index) => {
      const at = Math.min(goalsAt + (index + 1) * 2 * MINUTE, this.now - MINUTE);
      const actor = actorAt(at, 1);
      const row: GoalRow = {
        id: this.ids.uuid(),
        personId: person.id,
        title: template.title,
        status: GoalStatus.IN_PROGRESS,
        version: 1,
        createdByMembershipId: actor.caseworker.membershipId,
        createdAt: new Date(at),
        updatedAt: new Date(at),
      };
      event(at, actor, EventType.GOAL_ADDED, 'Goal', row.id, {
        after: { title: row.title, status: row.status },
      });
      return { row, template };
    });
    file.goals.push(...goals.map((goal) => goal.row));

    // Actions: some serve an obstacle, the others a goal alone.
    const actionCount = random.int(1, 4);
    const titles = new Set<string>();
    const candidates: { title: string; obstacle: (typeof obstacles)[number] | null }[] = [];
    for (const obstacle of random.shuffled(obstacles)) {
      if (obstacle.row.status === ObstacleStatus.IDENTIFIED && random.chance(0.5)) continue;
      candidates.push({ title: random.pick(OBSTACLE_ACTIONS[obstacle.row.theme]), obstacle });
    }
    for (const goal of goals) {
      for (const title of goal.template.actions) candidates.push({ title, obstacle: null });
    }
    for (const candidate of candidates) {
      if (file.actions.length >= actionCount) break;
      if (titles.has(candidate.title)) continue;
      titles.add(candidate.title);
      const goal = random.pick(goals);
      const after = Math.max(
        goal.row.createdAt.getTime(),
        candidate.obstacle?.row.createdAt.getTime() ?? 0,
      );
      const created = this.later(after, 0, 30);
      if (created === null) continue;
      const sensitive = candidate.obstacle?.sensitive ?? false;
      const actor = actorAt(created);
      const startsOn = isoDate(created);
      const row: ActionRow = {
        id: this.ids.uuid(),
        personId: person.id,
        goalId: goal.row.id,
        obstacleId: candidate.obstacle?.row.id ?? null,
        title: candidate.title,
        status: ActionStatus.PLANNED,
        startsOn,
        dueOn: isoDate(created + random.int(3, 10) * 7 * DAY),
        version: 1,
        createdByMembershipId: actor.caseworker.membershipId,
        createdAt: new Date(created),
        updatedAt: new Date(created),
      };
      event(
        created,
        actor,
        EventType.ACTION_ADDED,
        'PlanAction',
        row.id,
        {
          after: {
            title: row.title,
            status: row.status,
            startsOn: row.startsOn,
            dueOn: row.dueOn,
            goalId: row.goalId,
            obstacleId: row.obstacleId,
          },
        },
        sensitive,
      );
      const target = random.pick([
        ActionStatus.PLANNED,
        ActionStatus.IN_PROGRESS,
        ActionStatus.IN_PROGRESS,
        ActionStatus.DONE,
        ActionStatus.DONE,
        ActionStatus.ABANDONED,
      ]);
      const steps =
        target === ActionStatus.PLANNED
          ? []
          : target === ActionStatus.IN_PROGRESS
            ? [ActionStatus.IN_PROGRESS]
            : [ActionStatus.IN_PROGRESS, target];
      let at = created;
      for (const next of steps) {
        const when = this.later(at, 5, 40);
        if (when === null) break;
        event(
          when,
          actorAt(when),
          EventType.ACTION_UPDATED,
          'PlanAction',
          row.id,
          {
            before: { status: row.status },
            after: { status: next },
          },
          sensitive,
        );
        row.status = next;
        row.version += 1;
        row.updatedAt = new Date(when);
        at = when;
      }
      file.actions.push(row);
    }

    // Notes: written by a member at a given moment, never about more than the team needs.
    const note = (
      at: number,
      author: Stay,
      body: string,
      visibility: NoteVisibility,
      sensitive = false,
    ): void => {
      const row: NoteRow = {
        id: this.ids.uuid(),
        personId: person.id,
        authorAccountId: author.caseworker.accountId,
        authorStructureId: author.caseworker.structureId,
        body: words(body),
        visibility,
        sensitive,
        version: 1,
        createdByMembershipId: author.caseworker.membershipId,
        createdAt: new Date(at),
        updatedAt: new Date(at),
      };
      file.notes.push(row);
      event(
        at,
        author,
        EventType.NOTE_ADDED,
        'Note',
        row.id,
        { after: { visibility, sensitive } },
        sensitive,
      );
    };
    const firstMeeting = this.later(start, 0, 3);
    if (firstMeeting !== null && random.chance(0.35)) {
      note(firstMeeting, actorAt(firstMeeting, 1), FIRST_NOTE, NoteVisibility.TEAM);
    }

    // Appointments: past ones honoured or missed (often with a note), perhaps one to come.
    const appointmentCount = random.pick([0, 1, 1, 2, 2, 3]);
    const sinceStart = Math.floor((this.today - Math.floor(start / DAY) * DAY) / DAY);
    let upcomingTaken = false;
    for (let index = 0; index < appointmentCount; index += 1) {
      const future: boolean = !upcomingTaken && random.chance(0.5);
      const startsAt = future
        ? this.upcoming(random.int(1, 12))
        : Math.floor(this.moment(random.int(1, Math.max(1, sinceStart - 7))) / (15 * MINUTE)) *
          (15 * MINUTE);
      if (!future && (startsAt <= start || startsAt >= this.now)) continue;
      upcomingTaken ||= future;
      let scheduledAt = Math.max(
        start + 30 * MINUTE,
        future
          ? this.moment(random.int(1, 14))
          : Math.min(this.now - 2 * DAY, startsAt - random.int(5, 21) * DAY),
      );
      let owner = actorAt(scheduledAt, 0.8);
      if (future && owner.until !== null) {
        // Whoever fixed it then has left the team since: the meeting to come is with a member.
        owner = actorAt(this.now, 0.8);
        scheduledAt = Math.max(scheduledAt, owner.from + 30 * MINUTE);
      }
      const remote = random.chance(0.25);
      const durationMinutes = random.pick([30, 45, 45, 60]);
      const row: AppointmentRow = {
        id: this.ids.uuid(),
        personId: person.id,
        startsAt: new Date(startsAt),
        durationMinutes,
        withWhom: owner.caseworker.label,
        location: remote ? null : owner.caseworker.location,
        remote,
        status: AppointmentStatus.PLANNED,
        version: 1,
        createdByMembershipId: owner.caseworker.membershipId,
        createdAt: new Date(scheduledAt),
        updatedAt: new Date(scheduledAt),
      };
      event(scheduledAt, owner, EventType.APPOINTMENT_SCHEDULED, 'Appointment', row.id, {
        after: {
          startsAt: row.startsAt.toISOString(),
          durationMinutes,
          withWhom: row.withWhom,
          location: row.location,
          remote,
          status: row.status,
        },
      });
      if (!future) {
        const outcome = random.chance(0.78) ? AppointmentStatus.HONORED : AppointmentStatus.MISSED;
        const when = Math.min(
          startsAt + (durationMinutes + random.int(5, 120)) * MINUTE,
          this.now - 2 * MINUTE,
        );
        event(when, owner, EventType.APPOINTMENT_UPDATED, 'Appointment', row.id, {
          before: { status: row.status },
          after: { status: outcome },
        });
        row.status = outcome;
        row.version = 2;
        row.updatedAt = new Date(when);
        if (outcome === AppointmentStatus.MISSED && random.chance(0.8)) {
          note(when + MINUTE, owner, MISSED_NOTE, NoteVisibility.TEAM);
        } else if (outcome === AppointmentStatus.HONORED && random.chance(0.45)) {
          note(when + MINUTE, owner, random.pick(HONORED_NOTES), NoteVisibility.TEAM);
        }
      }
      file.appointments.push(row);
    }

    // Other notes, the last of them often in the past few days; sensitive ones when the
    // diagnostic holds a sensitive obstacle.
    const sensitiveThemes = obstacles
      .filter((obstacle) => obstacle.sensitive)
      .map((obstacle) => obstacle.row.theme);
    const noteCount = Math.min(4 - file.notes.length, random.pick([0, 0, 1, 1, 2, 3]));
    for (let index = 0; index < noteCount; index += 1) {
      const recent = index === noteCount - 1 && random.chance(0.6);
      const at = this.moment(random.int(0, recent ? Math.min(6, sinceStart) : sinceStart));
      if (at <= start || at >= this.now - MINUTE) continue;
      const sensitiveTheme =
        sensitiveThemes.length && random.chance(0.5) ? random.pick(sensitiveThemes) : null;
      const visibility = sensitiveTheme
        ? random.pick([NoteVisibility.TEAM, NoteVisibility.STRUCTURE])
        : random.pick([
            NoteVisibility.TEAM,
            NoteVisibility.TEAM,
            NoteVisibility.STRUCTURE,
            NoteVisibility.AUTHOR,
          ]);
      const body = sensitiveTheme
        ? (SENSITIVE_NOTES[sensitiveTheme] as string)
        : random.pick(
            visibility === NoteVisibility.TEAM
              ? TEAM_NOTES
              : visibility === NoteVisibility.STRUCTURE
                ? STRUCTURE_NOTES
                : AUTHOR_NOTES,
          );
      note(at, actorAt(at, 0.75), body, visibility, sensitiveTheme !== null);
    }

    file.events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    return file;
  }

  private contractType(type: StructureType): ContractType {
    switch (type) {
      case StructureType.FRANCE_TRAVAIL:
      case StructureType.CAP_EMPLOI:
        return ContractType.PPAE;
      case StructureType.MISSION_LOCALE:
        return this.random.chance(0.6) ? ContractType.CEJ : ContractType.PACEA;
      default:
        return ContractType.CER;
    }
  }

  // --- join requests ------------------------------------------------------------------------

  /** Three pending requests: two to join Claire Moreau's people, one of hers elsewhere. */
  private pendingJoinRequests(): void {
    const requests: [CaseworkerKey, (personId: string) => boolean][] = [
      ['helene', (personId) => this.referentOf.get(personId) === 'claire'],
      ['sandrine', (personId) => this.referentOf.get(personId) === 'claire'],
      ['claire', (personId) => this.referentOf.get(personId) === 'julie'],
    ];
    requests.forEach(([key, wanted], index) => {
      const caseworker = this.caseworkers.get(key);
      if (!caseworker) return;
      const person = this.people.find(
        (candidate) =>
          candidate.territoryId === caseworker.territoryId &&
          wanted(candidate.id) &&
          !this.activeAccounts.get(candidate.id)?.has(caseworker.accountId) &&
          !this.joinRequests.some((request) => request.personId === candidate.id),
      );
      if (!person) return;
      const at = new Date(this.moment(index + 1));
      const request: JoinRequestRow = {
        id: this.ids.uuid(),
        personId: person.id,
        accountId: caseworker.accountId,
        membershipId: caseworker.membershipId,
        structureId: caseworker.structureId,
        reason: JOIN_REASONS[index],
        status: JoinRequestStatus.PENDING,
        createdAt: at,
        decidedAt: null,
        decidedByMembershipId: null,
        decisionReason: null,
      };
      this.joinRequests.push(request);
      // As the API records it: the requester acts, before being in the team.
      this.file.events.push({
        id: this.ids.uuid(),
        personId: person.id,
        occurredAt: at,
        actorAccountId: caseworker.accountId,
        actorMembershipId: caseworker.membershipId,
        actorClientId: null,
        type: EventType.TEAM_JOIN_REQUESTED,
        subjectType: 'JoinRequest',
        subjectId: request.id,
        sensitive: false,
        before: null,
        after: { structureId: request.structureId, reason: request.reason },
      });
      if (at > person.lastActivityAt) person.lastActivityAt = at;
    });
  }
}

// ---------------------------------------------------------------------------------------------
// The step.
// ---------------------------------------------------------------------------------------------

async function ensureColleagues(
  manager: EntityManager,
  structures: ReadonlyMap<string, StructureEntity>,
): Promise<void> {
  const ids = new SeededRandom(SEED ^ 0xc011);
  const emails = DEMO_COLLEAGUES.map((colleague) => colleague.email);
  const known = new Map(
    (await manager.findBy(AccountEntity, { email: In(emails) })).map((account) => [
      account.email.toLowerCase(),
      account.id,
    ]),
  );
  const newAccounts = DEMO_COLLEAGUES.filter(
    (colleague) => !known.has(colleague.email) && structures.has(colleague.structure),
  ).map((colleague) => ({
    id: ids.uuid(),
    email: colleague.email,
    givenName: colleague.givenName,
    familyName: colleague.familyName,
    status: AccountStatus.ACTIVE,
    oidcIssuer: null,
    oidcSubject: null,
  }));
  if (newAccounts.length) await manager.insert(AccountEntity, newAccounts);
  for (const account of newAccounts) known.set(account.email, account.id);

  const accountIds = [...known.values()];
  const memberships = accountIds.length
    ? await manager.findBy(MembershipEntity, {
        accountId: In(accountIds),
        role: Role.PROFESSIONAL,
        revokedAt: IsNull(),
      })
    : [];
  const newMemberships = DEMO_COLLEAGUES.flatMap((colleague) => {
    const accountId = known.get(colleague.email);
    const structure = structures.get(colleague.structure);
    if (!accountId || !structure) return [];
    const held = memberships.some(
      (membership) => membership.accountId === accountId && membership.structureId === structure.id,
    );
    return held
      ? []
      : [
          {
            id: ids.uuid(),
            accountId,
            role: Role.PROFESSIONAL,
            structureId: structure.id,
            territoryId: structure.territoryId,
            revokedAt: null,
          },
        ];
  });
  if (newMemberships.length) await manager.insert(MembershipEntity, newMemberships);
}

/** The active professional memberships of the roster's caseworkers, by roster key. */
async function loadCaseworkers(
  manager: EntityManager,
  territoryIds: readonly string[],
): Promise<Map<CaseworkerKey, Caseworker>> {
  const memberships = await manager.find(MembershipEntity, {
    where: { role: Role.PROFESSIONAL, revokedAt: IsNull(), territoryId: In([...territoryIds]) },
    relations: { account: true, structure: true },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const caseworkers = new Map<CaseworkerKey, Caseworker>();
  for (const [key, wanted] of Object.entries(CASEWORKERS) as [
    CaseworkerKey,
    (typeof CASEWORKERS)[CaseworkerKey],
  ][]) {
    const membership = memberships.find(
      (candidate) =>
        candidate.account?.status === AccountStatus.ACTIVE &&
        candidate.account.email.toLowerCase() === wanted.email &&
        candidate.structure?.name === wanted.structure,
    );
    if (!membership?.account || !membership.structure) continue;
    const { account, structure } = membership;
    caseworkers.set(key, {
      key,
      membershipId: membership.id,
      accountId: account.id,
      structureId: structure.id,
      structureType: structure.type,
      territoryId: structure.territoryId,
      label: `${account.givenName} ${account.familyName} (${structure.name})`,
      location: `${structure.name}, ${structure.city ?? ''}`.replace(/, $/, ''),
    });
  }
  return caseworkers;
}

async function insertAll<T extends object>(
  manager: EntityManager,
  target: new () => T,
  rows: readonly object[],
  chunk = 500,
): Promise<void> {
  for (let index = 0; index < rows.length; index += chunk) {
    await manager.insert(target, rows.slice(index, index + chunk));
  }
}

/**
 * People of Loire-Atlantique and Vendée with their pathway files. Runs once: when either demo
 * territory already holds people, it leaves everything as it is.
 */
export const demoPathwaysSeed: DemoSeedStep = {
  name: 'people and their pathway files',
  async run(manager) {
    const territoryRows = await manager.findBy(TerritoryEntity, { code: In(['44', '85']) });
    const territories = new Map(territoryRows.map((territory) => [territory.code, territory.id]));
    if (territories.size < 2) return;
    if (await manager.existsBy(PersonEntity, { territoryId: In([...territories.values()]) }))
      return;

    const structures = new Map(
      (await manager.findBy(StructureEntity, { territoryId: In([...territories.values()]) })).map(
        (structure) => [structure.name, structure],
      ),
    );
    await ensureColleagues(manager, structures);
    const caseworkers = await loadCaseworkers(manager, [...territories.values()]);

    const builder = new DemoPathwayBuilder(Date.now(), territories, caseworkers);
    builder.build();

    await insertAll(manager, PersonEntity, builder.people);
    await insertAll(manager, TeamMemberEntity, builder.teamMembers);
    await insertAll(manager, JoinRequestEntity, builder.joinRequests);
    await insertAll(manager, ObstacleEntity, builder.file.obstacles);
    await insertAll(manager, ContractEntity, builder.file.contracts);
    await insertAll(manager, GoalEntity, builder.file.goals);
    await insertAll(manager, PlanActionEntity, builder.file.actions);
    await insertAll(manager, AppointmentEntity, builder.file.appointments);
    await insertAll(manager, NoteEntity, builder.file.notes);
    await insertAll(manager, TimelineEventEntity, builder.file.events);
  },
};
