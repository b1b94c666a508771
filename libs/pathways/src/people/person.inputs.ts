import type {
  ContractSought,
  Gender,
  OrientationType,
  PersonRight,
  TeamRole,
} from '../pathway.enums.js';

/** Identity, contact, identifiers and rights: what `createPerson` and `updatePerson` carry. */
export interface PersonFields {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthName?: string | null;
  readonly birthDate: string;
  readonly gender?: Gender | null;
  /** INSEE (COG) code of the town of birth. */
  readonly birthplace?: string | null;
  /** INSEE (COG) code of the country of birth (99100: France). */
  readonly birthCountry?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly addressLine?: string | null;
  readonly postalCode?: string | null;
  readonly city?: string | null;
  readonly cafNumber?: string | null;
  readonly franceTravailId?: string | null;
  readonly nir?: string | null;
  readonly rights?: PersonRight[] | null;
  readonly rightsAndDuties?: boolean | null;
}

export interface NewPerson extends PersonFields {
  readonly territoryId: string;
  /** A professional creating the file joins its team in this role (REFERENT by default). */
  readonly teamRole?: TeamRole | null;
  /** Which of the caller's structures they follow the person with, when they have several. */
  readonly structureId?: string | null;
  readonly orientationType?: OrientationType | null;
  readonly orientationStructureId?: string | null;
}

export interface ProfessionalProject {
  readonly targetJob?: string | null;
  readonly romeCode?: string | null;
  readonly mobilityRadiusKm?: number | null;
  readonly contractsSought?: ContractSought[] | null;
}

export interface CaseloadFilter {
  readonly myRole?: TeamRole | null;
  readonly orientationType?: OrientationType | null;
  readonly text?: string | null;
  /** true: only people with a proposed handover; false: only those without. */
  readonly openHandover?: boolean | null;
}
