import { Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';

/** The demo's territories: Loire-Atlantique with every kind of structure, Vendée to show isolation. */
export const DEMO_TERRITORIES = [
  { code: '44', name: 'Loire-Atlantique' },
  { code: '85', name: 'Vendée' },
] as const;

export const DEMO_STRUCTURES: readonly {
  territory: string;
  type: StructureType;
  name: string;
  city: string;
}[] = [
  {
    territory: '44',
    type: StructureType.CONSEIL_DEPARTEMENTAL,
    name: 'Département de Loire-Atlantique',
    city: 'Nantes',
  },
  {
    territory: '44',
    type: StructureType.FRANCE_TRAVAIL,
    name: 'France Travail Nantes Centre',
    city: 'Nantes',
  },
  {
    territory: '44',
    type: StructureType.MISSION_LOCALE,
    name: 'Mission locale Nantes Métropole',
    city: 'Nantes',
  },
  { territory: '44', type: StructureType.CAP_EMPLOI, name: 'Cap emploi 44', city: 'Nantes' },
  { territory: '44', type: StructureType.CAF, name: 'CAF de Loire-Atlantique', city: 'Nantes' },
  {
    territory: '44',
    type: StructureType.MSA,
    name: 'MSA Loire-Atlantique – Vendée',
    city: 'Nantes',
  },
  {
    territory: '44',
    type: StructureType.CCAS,
    name: 'CCAS de Saint-Nazaire',
    city: 'Saint-Nazaire',
  },
  {
    territory: '44',
    type: StructureType.ASSOCIATION,
    name: 'Association Les Eaux Vives',
    city: 'Rezé',
  },
  {
    territory: '44',
    type: StructureType.SIAE,
    name: 'Atelier chantier d’insertion Estuaire',
    city: 'Saint-Herblain',
  },
  {
    territory: '44',
    type: StructureType.OTHER,
    name: 'Point information jeunesse Nantes',
    city: 'Nantes',
  },
  {
    territory: '85',
    type: StructureType.CONSEIL_DEPARTEMENTAL,
    name: 'Département de la Vendée',
    city: 'La Roche-sur-Yon',
  },
  {
    territory: '85',
    type: StructureType.MISSION_LOCALE,
    name: 'Mission locale du Pays Yonnais',
    city: 'La Roche-sur-Yon',
  },
];

export interface DemoPersona {
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  /** What the launcher says of them. */
  readonly description: string;
  /** What the web client's sign-in page says of them, in French. */
  readonly descriptionFr: string;
  readonly memberships: readonly (
    | { readonly role: Role; readonly structure: string }
    | { readonly role: Role.TERRITORY_ADMIN; readonly territory: string }
    | { readonly role: Role.PLATFORM_ADMIN }
  )[];
}

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    email: 'claire.moreau@relais.demo',
    givenName: 'Claire',
    familyName: 'Moreau',
    description: 'caseworker (professionnelle), Département de Loire-Atlantique',
    descriptionFr: 'Professionnelle, Département de Loire-Atlantique',
    memberships: [{ role: Role.PROFESSIONAL, structure: 'Département de Loire-Atlantique' }],
  },
  {
    email: 'yanis.benali@relais.demo',
    givenName: 'Yanis',
    familyName: 'Benali',
    description:
      'caseworker at the Mission locale and at the CCAS de Saint-Nazaire (two memberships)',
    descriptionFr: 'Professionnel à la Mission locale Nantes Métropole et au CCAS de Saint-Nazaire',
    memberships: [
      { role: Role.PROFESSIONAL, structure: 'Mission locale Nantes Métropole' },
      { role: Role.PROFESSIONAL, structure: 'CCAS de Saint-Nazaire' },
    ],
  },
  {
    email: 'sophie.lambert@relais.demo',
    givenName: 'Sophie',
    familyName: 'Lambert',
    description: "orientation manager (chargée d'orientation), Loire-Atlantique",
    descriptionFr: 'Chargée d’orientation, Loire-Atlantique',
    memberships: [{ role: Role.ORIENTATION_MANAGER, structure: 'Département de Loire-Atlantique' }],
  },
  {
    email: 'marc.guillou@relais.demo',
    givenName: 'Marc',
    familyName: 'Guillou',
    description: 'structure admin, France Travail Nantes Centre',
    descriptionFr: 'Administrateur de structure, France Travail Nantes Centre',
    memberships: [{ role: Role.STRUCTURE_ADMIN, structure: 'France Travail Nantes Centre' }],
  },
  {
    email: 'nadia.ferreira@relais.demo',
    givenName: 'Nadia',
    familyName: 'Ferreira',
    description: 'territory admin, Loire-Atlantique (44)',
    descriptionFr: 'Administratrice du territoire Loire-Atlantique (44)',
    memberships: [{ role: Role.TERRITORY_ADMIN, territory: '44' }],
  },
  {
    email: 'paul.henry@relais.demo',
    givenName: 'Paul',
    familyName: 'Henry',
    description: 'platform admin',
    descriptionFr: 'Administrateur de la plateforme',
    memberships: [{ role: Role.PLATFORM_ADMIN }],
  },
  {
    email: 'lea.brunet@relais.demo',
    givenName: 'Léa',
    familyName: 'Brunet',
    description: 'caseworker in Vendée (85): sees nothing of Loire-Atlantique',
    descriptionFr: 'Professionnelle en Vendée (85) : ne voit rien de la Loire-Atlantique',
    memberships: [{ role: Role.PROFESSIONAL, structure: 'Mission locale du Pays Yonnais' }],
  },
  {
    email: 'thomas.riviere@relais.demo',
    givenName: 'Thomas',
    familyName: 'Rivière',
    description: 'territory admin, Vendée (85)',
    descriptionFr: 'Administrateur du territoire Vendée (85)',
    memberships: [{ role: Role.TERRITORY_ADMIN, territory: '85' }],
  },
];
