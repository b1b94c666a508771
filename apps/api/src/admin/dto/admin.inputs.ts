import { ArgsType, Field, ID, InputType, OmitType, PartialType } from '@nestjs/graphql';
import {
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { TEXT_FORMATS, TEXT_MAX } from '@relais/core';
import { Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';

@InputType({ description: 'Someone to invite.' })
export class InviteeInput {
  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(TEXT_MAX.email)
  email!: string;

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
}

@InputType()
export class CreateTerritoryInput {
  @Field({ description: '01..95, 2A, 2B, 971..976.' })
  @IsString()
  @Matches(TEXT_FORMATS.territoryCode, {
    message: 'code must be a département code such as 44, 2A or 974',
  })
  code!: string;

  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(TEXT_MAX.territoryName)
  name!: string;

  @Field(() => InviteeInput, { description: 'The first territory admin, invited at once.' })
  @ValidateNested()
  @Type(() => InviteeInput)
  firstAdmin!: InviteeInput;
}

@InputType()
export class CreateStructureInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'territoryId must be an id' })
  territoryId!: string;

  @Field(() => StructureType)
  @IsEnum(StructureType)
  type!: StructureType;

  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(TEXT_MAX.structureName)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(TEXT_FORMATS.siret, { message: 'siret must be 14 digits' })
  siret?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.addressLine)
  addressLine?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(TEXT_FORMATS.postalCode, { message: 'postalCode must be 5 digits' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.city)
  city?: string | null;
}

@InputType()
export class UpdateStructureInput extends PartialType(
  OmitType(CreateStructureInput, ['territoryId'] as const),
) {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id!: string;
}

@InputType()
export class InviteAccountInput {
  @Field(() => InviteeInput)
  @ValidateNested()
  @Type(() => InviteeInput)
  invitee!: InviteeInput;

  @Field(() => Role)
  @IsEnum(Role)
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'For PROFESSIONAL, ORIENTATION_MANAGER, STRUCTURE_ADMIN.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'structureId must be an id' })
  structureId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For TERRITORY_ADMIN.' })
  @IsOptional()
  @IsUUID('all', { message: 'territoryId must be an id' })
  territoryId?: string | null;
}

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id!: string;
}

@ArgsType()
export class TerritoryIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'territoryId must be an id' })
  territoryId!: string;
}
