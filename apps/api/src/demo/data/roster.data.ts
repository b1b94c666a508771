/*
 * Demo data: who follows people (the demo personas and their colleagues, so that teams span
 * several structures) and the roster of people by profile, referent and followers.
 */
export const STRUCTURE = {
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
export const CASEWORKERS = {
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

export type CaseworkerKey = keyof typeof CASEWORKERS;

export type Profile =
  'RSA_SOCIAL' | 'RSA_SOCIO_PRO' | 'RSA_PRO' | 'JOBSEEKER' | 'YOUTH' | 'DISABILITY' | 'RSA_NEW';

export type Area = 'metropole' | 'saint-nazaire' | 'rural' | 'vendee';

export interface RosterEntry {
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

export const ROSTER: readonly RosterEntry[] = [
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
export const FOLLOWER_POOL: Readonly<Record<Profile, readonly CaseworkerKey[]>> = {
  RSA_SOCIAL: ['helene', 'bruno'],
  RSA_SOCIO_PRO: ['sandrine', 'bruno', 'julie'],
  RSA_PRO: ['sandrine', 'helene'],
  JOBSEEKER: ['sandrine'],
  YOUTH: ['julie', 'bruno', 'damien'],
  DISABILITY: ['julie', 'antoine', 'helene'],
  RSA_NEW: [],
};
