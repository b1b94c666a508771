import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  ContractSought,
  Gender,
  JoinRequestStatus,
  OrientationType,
  PersonRight,
  PersonStatus,
  TeamLeaveReason,
  TeamRole,
} from '@relais/pathways';
import { AccessGround } from '@relais/access';
import { StructureType } from '@relais/organizations';
import { connectionOf } from '../graphql/connection.js';
import '../identity/identity.enums.js';
import './pathway.enums.graphql.js';

@ObjectType({ description: 'A structure, as a file names it.' })
export class StructureRef {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType({
  description:
    'The minimal view of a person (name, birth year, referent structure), what search shows to professionals of the territory.',
})
export class PersonSummary {
  @Field(() => ID)
  id!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => Int)
  birthYear!: number;

  @Field(() => PersonStatus)
  status!: PersonStatus;

  @Field(() => StructureRef, { nullable: true, description: 'The active referent’s structure.' })
  referentStructure!: StructureRef | null;

  @Field({ description: 'Whether you are an active member of the person’s team.' })
  isMember!: boolean;
}

@ObjectType({ description: 'How you stand on this file.' })
export class FileAccess {
  @Field(() => AccessGround)
  ground!: AccessGround;

  @Field(() => TeamRole, { nullable: true })
  teamRole!: TeamRole | null;

  @Field({ description: 'Whether you may change the file.' })
  canWrite!: boolean;

  @Field({ description: 'Whether you read sensitive obstacles, notes and rights.' })
  canReadSensitive!: boolean;
}

@ObjectType({ description: 'Projet professionnel.' })
export class ProfessionalProject {
  @Field(() => String, { nullable: true })
  targetJob!: string | null;

  @Field(() => String, { nullable: true, description: 'ROME code of the target job.' })
  romeCode!: string | null;

  @Field(() => Int, { nullable: true })
  mobilityRadiusKm!: number | null;

  @Field(() => [ContractSought])
  contractsSought!: ContractSought[];
}

@ObjectType({
  description:
    'A shared pathway file (carnet de parcours). Opening it is logged. Sensitive data you are not entitled to is redacted: never silently absent.',
})
export class Person {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  territoryId!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => String, { nullable: true })
  birthName!: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  birthDate!: string;

  @Field(() => Gender, { nullable: true })
  gender!: Gender | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Code INSEE (COG) de la commune de naissance; vide pour une naissance à l’étranger.',
  })
  birthplace!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Code INSEE (COG) du pays de naissance: 99100 pour la France.',
  })
  birthCountry!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  addressLine!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'Numéro d’allocataire CAF.' })
  cafNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Identifiant France Travail.' })
  franceTravailId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Identifiant dans le logiciel du département, donné par l'import en masse.",
  })
  externalId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'NIR, for the referent and the bodies entitled to it; null otherwise.',
  })
  nir!: string | null;

  @Field({ description: 'A NIR is recorded but hidden from you.' })
  nirRedacted!: boolean;

  @Field(() => [PersonRight])
  rights!: PersonRight[];

  @Field({ description: 'A sensitive right (RQTH) is recorded but hidden from you.' })
  sensitiveRightsRedacted!: boolean;

  @Field({ description: 'Soumis aux droits et devoirs.' })
  rightsAndDuties!: boolean;

  @Field(() => OrientationType, { nullable: true })
  orientationType!: OrientationType | null;

  @Field(() => ID, { nullable: true })
  orientationStructureId!: string | null;

  @Field(() => PersonStatus)
  status!: PersonStatus;

  @Field({ description: 'RGPD restriction: read-only, hidden from partner systems.' })
  restricted!: boolean;

  @Field({ description: 'RGPD objection: no sharing with partner systems.' })
  objection!: boolean;

  @Field(() => Int, { description: 'Send it back with a change: a stale one is a CONFLICT.' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  lastActivityAt!: Date;

  @Field(() => FileAccess)
  access!: FileAccess;
}

@ObjectType()
export class TeamMember {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  accountId!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => ID)
  structureId!: string;

  @Field()
  structureName!: string;

  @Field(() => StructureType)
  structureType!: StructureType;

  @Field(() => TeamRole)
  role!: TeamRole;

  @Field(() => GraphQLISODateTime)
  joinedAt!: Date;

  @Field(() => String, { nullable: true })
  joinReason!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  leftAt!: Date | null;

  @Field(() => TeamLeaveReason, { nullable: true })
  leftReason!: TeamLeaveReason | null;

  @Field(() => String, { nullable: true, description: 'Professional email (their account’s).' })
  workEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'Professional phone, if they set one.' })
  workPhone?: string | null;
}

@ObjectType({ description: 'The handover open for a person, as the file’s summary shows it.' })
export class OpenHandover {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  toStructureId!: string;

  @Field()
  toStructureName!: string;

  @Field(() => String, { nullable: true, description: 'The professional named, if any.' })
  toAccountName!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field({ description: 'You are one of its parties and may open it (/passages/:id).' })
  canOpen!: boolean;
}

@ObjectType({ description: 'A professional’s request to join a team.' })
export class JoinRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => PersonSummary)
  person!: PersonSummary;

  @Field(() => ID)
  requesterAccountId!: string;

  @Field()
  requesterName!: string;

  @Field(() => ID)
  structureId!: string;

  @Field()
  structureName!: string;

  @Field()
  reason!: string;

  @Field(() => JoinRequestStatus)
  status!: JoinRequestStatus;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;
}

@ObjectType()
export class CreatePersonPayload {
  @Field(() => PersonSummary)
  summary!: PersonSummary;

  @Field(() => Person, {
    nullable: true,
    description: 'The file, when you joined its team by creating it.',
  })
  person!: Person | null;
}

export const PersonSummaryConnection = connectionOf(PersonSummary, 'PersonSummary');
export const JoinRequestConnection = connectionOf(JoinRequest, 'JoinRequest');
