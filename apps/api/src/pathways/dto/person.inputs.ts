import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MAX_PAGE_SIZE, NUMBER_RANGES, TEXT_FORMATS, TEXT_MAX } from '@relais/core';
import { ContractSought, Gender, OrientationType, PersonRight, TeamRole } from '@relais/pathways';
import { IsNir, IsPlausibleBirthDate } from './plausible.validators.js';

/** Identity, contact, identifiers and rights. */
@InputType()
export class PersonFieldsInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX.name)
  givenName!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX.name)
  familyName!: string;

  @Field(() => String, { nullable: true, description: 'Nom de naissance.' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.name)
  birthName?: string | null;

  @Field({ description: 'YYYY-MM-DD' })
  @IsPlausibleBirthDate()
  birthDate!: string;

  @Field(() => Gender, { nullable: true })
  @IsOptional()
  @IsEnum(Gender)
  gender?: Gender | null;

  @Field(() => String, {
    nullable: true,
    description: 'Code INSEE (COG) de la commune de naissance: 5 caractères (2A/2B en Corse).',
  })
  @IsOptional()
  @Matches(TEXT_FORMATS.birthplace, {
    message: 'birthplace must be the 5-character INSEE code of a town',
  })
  birthplace?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Code INSEE (COG) du pays de naissance: 99 et 3 chiffres, 99100 pour la France.',
  })
  @IsOptional()
  @Matches(TEXT_FORMATS.birthCountry, {
    message: 'birthCountry must be the INSEE code of a country: 99 followed by 3 digits',
  })
  birthCountry?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(TEXT_MAX.email)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'French number, e.g. 06 12 34 56 78.' })
  @IsOptional()
  @Matches(TEXT_FORMATS.phone, {
    message: 'phone must be a French phone number such as 06 12 34 56 78',
  })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.addressLine)
  addressLine?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(TEXT_FORMATS.postalCode, { message: 'postalCode must be five digits' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.city)
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'Numéro d’allocataire CAF: 7 digits.' })
  @IsOptional()
  @Matches(TEXT_FORMATS.cafNumber, { message: 'cafNumber must be 7 digits' })
  cafNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Identifiant France Travail: 7 digits and a letter or digit.',
  })
  @IsOptional()
  @Matches(TEXT_FORMATS.franceTravailId, {
    message: 'franceTravailId must be 7 digits followed by a letter or a digit',
  })
  franceTravailId?: string | null;

  @Field(() => String, { nullable: true, description: 'NIR with its key (15 characters).' })
  @IsOptional()
  @IsNir()
  nir?: string | null;

  @Field(() => [PersonRight], { nullable: true })
  @IsOptional()
  @IsEnum(PersonRight, { each: true })
  @ArrayMaxSize(5)
  rights?: PersonRight[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Soumis aux droits et devoirs.' })
  @IsOptional()
  @IsBoolean()
  rightsAndDuties?: boolean | null;
}

@InputType()
export class CreatePersonInput extends PersonFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'territoryId must be an id' })
  territoryId!: string;

  @Field(() => TeamRole, {
    nullable: true,
    description: 'A professional creating the file joins its team: REFERENT by default.',
  })
  @IsOptional()
  @IsEnum(TeamRole)
  teamRole?: TeamRole | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Which of your structures you follow the person with, if you work for several.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'structureId must be an id' })
  structureId?: string | null;

  @Field(() => OrientationType, { nullable: true })
  @IsOptional()
  @IsEnum(OrientationType)
  orientationType?: OrientationType | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'orientationStructureId must be an id' })
  orientationStructureId?: string | null;
}

/** A change to an existing file names the version it read. */
@InputType()
export class VersionedInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class UpdatePersonInput extends PersonFieldsInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class UpdateProfessionalProjectInput extends VersionedInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.targetJob)
  targetJob?: string | null;

  @Field(() => String, { nullable: true, description: 'ROME code: a letter and four digits.' })
  @IsOptional()
  @Matches(TEXT_FORMATS.romeCode, { message: 'romeCode must be a ROME code such as K1302' })
  romeCode?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(NUMBER_RANGES.mobilityRadiusKm.min)
  @Max(NUMBER_RANGES.mobilityRadiusKm.max)
  mobilityRadiusKm?: number | null;

  @Field(() => [ContractSought], { nullable: true })
  @IsOptional()
  @IsEnum(ContractSought, { each: true })
  @ArrayMaxSize(7)
  contractsSought?: ContractSought[] | null;
}

@InputType()
export class SetOrientationInput extends VersionedInput {
  @Field(() => OrientationType)
  @IsEnum(OrientationType)
  orientationType!: OrientationType;

  @Field(() => ID)
  @IsUUID('all', { message: 'structureId must be an id' })
  structureId!: string;
}

@InputType()
export class SetProcessingLimitsInput extends VersionedInput {
  @Field({ description: 'Limitation du traitement: the file becomes read-only.' })
  @IsBoolean()
  restricted!: boolean;

  @Field({ description: 'Opposition: no sharing with partners, no new member without agreement.' })
  @IsBoolean()
  objection!: boolean;
}

@ArgsType()
export class PersonIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id!: string;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  after?: string | null;
}

@ArgsType()
export class SearchPeopleArgs extends PageArgs {
  @Field({ description: 'A name (typos forgiven), a CAF number or a France Travail identifier.' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  query!: string;
}

@InputType()
export class RequestToJoinTeamInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field()
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT_MAX.teamReason)
  reason!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'structureId must be an id' })
  structureId?: string | null;
}

@InputType()
export class DecideJoinRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be an id' })
  requestId!: string;

  @Field()
  @IsBoolean()
  accept!: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.teamReason)
  reason?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The person agreed: required to accept when they objected to sharing.',
  })
  @IsOptional()
  @IsBoolean()
  personAgreed?: boolean | null;
}

@InputType()
export class LeaveTeamInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.teamReason)
  comment?: string | null;
}

@ArgsType()
export class TeamArgs {
  @Field({ defaultValue: false, description: 'Include those who left.' })
  @IsBoolean()
  includeFormer!: boolean;
}
