/** The kinds of body that follow people (DOMAIN.md glossary). */
export enum StructureType {
  ConseilDepartemental = 'CONSEIL_DEPARTEMENTAL',
  FranceTravail = 'FRANCE_TRAVAIL',
  MissionLocale = 'MISSION_LOCALE',
  CapEmploi = 'CAP_EMPLOI',
  Caf = 'CAF',
  Msa = 'MSA',
  Ccas = 'CCAS',
  Association = 'ASSOCIATION',
  Siae = 'SIAE',
  Other = 'OTHER',
}

/** How users name each type, in French. */
export const STRUCTURE_TYPE_LABELS: Readonly<Record<StructureType, string>> = {
  [StructureType.ConseilDepartemental]: 'Conseil départemental',
  [StructureType.FranceTravail]: 'France Travail (ex Pôle emploi)',
  [StructureType.MissionLocale]: 'Mission locale',
  [StructureType.CapEmploi]: 'Cap emploi',
  [StructureType.Caf]: "Caisse d'allocations familiales (CAF)",
  [StructureType.Msa]: 'Mutualité sociale agricole (MSA)',
  [StructureType.Ccas]: "Centre (inter)communal d'action sociale (CCAS/CIAS)",
  [StructureType.Association]: 'Association',
  [StructureType.Siae]: "Structure d'insertion par l'activité économique (SIAE)",
  [StructureType.Other]: 'Autre',
};
