import type { AccessGround } from '@relais/access';
import type { FileScope } from '../file/file-access.service.js';
import {
  type ContractSought,
  type Gender,
  type OrientationType,
  type PersonRight,
  type PersonStatus,
  SENSITIVE_RIGHTS,
  type TeamRole,
} from '../pathway.enums.js';
import type { PersonEntity } from './person.entity.js';

/** What anyone who may search a territory sees of a person (DOMAIN.md, PROFESSIONAL). */
export interface PersonSummaryView {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthYear: number;
  readonly status: PersonStatus;
  readonly referentStructure: { readonly id: string; readonly name: string } | null;
  /** Whether the caller is an active member of the person's team. */
  readonly isMember: boolean;
}

/** The caller's standing on the file, so clients show what they may do. */
export interface FileAccessView {
  readonly ground: AccessGround;
  readonly teamRole: TeamRole | null;
  readonly canWrite: boolean;
  readonly canReadSensitive: boolean;
}

/** The person's own fields as one viewer may read them: NIR and RQTH only when entitled. */
export interface PersonFileView {
  readonly scope: FileScope;
  readonly id: string;
  readonly territoryId: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly birthName: string | null;
  readonly birthDate: string;
  readonly gender: Gender | null;
  readonly birthplace: string | null;
  readonly birthCountry: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly addressLine: string | null;
  readonly postalCode: string | null;
  readonly city: string | null;
  readonly cafNumber: string | null;
  readonly franceTravailId: string | null;
  /** The person's identifier in the département's software (bulk imports). */
  readonly externalId: string | null;
  readonly nir: string | null;
  /** A NIR is recorded but hidden from this viewer. */
  readonly nirRedacted: boolean;
  readonly rights: PersonRight[];
  /** Sensitive rights (RQTH) are recorded but hidden from this viewer. */
  readonly sensitiveRightsRedacted: boolean;
  readonly rightsAndDuties: boolean;
  readonly orientationType: OrientationType | null;
  readonly orientationStructureId: string | null;
  readonly targetJob: string | null;
  readonly romeCode: string | null;
  readonly mobilityRadiusKm: number | null;
  readonly contractsSought: ContractSought[];
  readonly status: PersonStatus;
  readonly restricted: boolean;
  readonly objection: boolean;
  readonly version: number;
  readonly createdAt: Date;
  readonly lastActivityAt: Date;
  readonly access: FileAccessView;
}

/** The one redaction of a person's own fields (STYLE.md rule 5). */
export function personFileView(person: PersonEntity, scope: FileScope): PersonFileView {
  const { ability, viewer } = scope;
  const nirVisible = ability.can('read', 'Person', 'nir');
  const sensitiveVisible = ability.can('read', 'Person', 'sensitiveRights');
  const rights = sensitiveVisible
    ? person.rights
    : person.rights.filter((right) => !SENSITIVE_RIGHTS.includes(right));
  return {
    scope,
    id: person.id,
    territoryId: person.territoryId,
    givenName: person.givenName,
    familyName: person.familyName,
    birthName: person.birthName,
    birthDate: person.birthDate,
    gender: person.gender,
    birthplace: person.birthplace,
    birthCountry: person.birthCountry,
    email: person.email,
    phone: person.phone,
    addressLine: person.addressLine,
    postalCode: person.postalCode,
    city: person.city,
    cafNumber: person.cafNumber,
    franceTravailId: person.franceTravailId,
    externalId: person.externalId,
    nir: nirVisible ? person.nir : null,
    nirRedacted: !nirVisible && person.nir !== null,
    rights,
    sensitiveRightsRedacted: rights.length !== person.rights.length,
    rightsAndDuties: person.rightsAndDuties,
    orientationType: person.orientationType,
    orientationStructureId: person.orientationStructureId,
    targetJob: person.targetJob,
    romeCode: person.romeCode,
    mobilityRadiusKm: person.mobilityRadiusKm,
    contractsSought: person.contractsSought,
    status: person.status,
    restricted: person.restricted,
    objection: person.objection,
    version: person.version,
    createdAt: person.createdAt,
    lastActivityAt: person.lastActivityAt,
    access: {
      ground: viewer.ground,
      teamRole: viewer.teamRole as TeamRole | null,
      canWrite: viewer.canWrite,
      canReadSensitive: viewer.canReadSensitive,
    },
  };
}
