/** The kinds of body that follow people (DOMAIN.md glossary). */
export enum StructureType {
  CONSEIL_DEPARTEMENTAL = 'CONSEIL_DEPARTEMENTAL',
  FRANCE_TRAVAIL = 'FRANCE_TRAVAIL',
  MISSION_LOCALE = 'MISSION_LOCALE',
  CAP_EMPLOI = 'CAP_EMPLOI',
  CAF = 'CAF',
  MSA = 'MSA',
  CCAS = 'CCAS',
  ASSOCIATION = 'ASSOCIATION',
  SIAE = 'SIAE',
  OTHER = 'OTHER',
}

/** How users name each type, in French. */
export const STRUCTURE_TYPE_LABELS: Readonly<Record<StructureType, string>> = {
  [StructureType.CONSEIL_DEPARTEMENTAL]: 'Conseil départemental',
  [StructureType.FRANCE_TRAVAIL]: 'France Travail (ex Pôle emploi)',
  [StructureType.MISSION_LOCALE]: 'Mission locale',
  [StructureType.CAP_EMPLOI]: 'Cap emploi',
  [StructureType.CAF]: 'Caisse d’allocations familiales (CAF)',
  [StructureType.MSA]: 'Mutualité sociale agricole (MSA)',
  [StructureType.CCAS]: 'Centre (inter)communal d’action sociale (CCAS/CIAS)',
  [StructureType.ASSOCIATION]: 'Association',
  [StructureType.SIAE]: 'Structure d’insertion par l’activité économique (SIAE)',
  [StructureType.OTHER]: 'Autre',
};
