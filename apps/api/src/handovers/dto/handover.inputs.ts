import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  IsArray,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import {
  HANDOVER_SUMMARY_MAX_LENGTH,
  HandoverDirection,
  HandoverPreviewPart,
  HandoverStatus,
  OrientationRequestStatus,
} from '@relais/handovers';
import { TEXT_MAX } from '@relais/core';
import { ContractType, OrientationType } from '@relais/pathways';
import { IsPlanDate } from '../../pathways/dto/plausible.validators.js';
import { PageArgs } from '../../pathways/dto/person.inputs.js';

@InputType()
export class ProposeHandoverInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => ID, { description: 'A structure of the person’s territory, not the referent’s.' })
  @IsUUID('all', { message: 'toStructureId must be an id' })
  toStructureId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A professional of the target structure proposed as new referent.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'toAccountId must be an id' })
  toAccountId?: string | null;

  @Field({ description: 'Why the person is handed over (3 to 1000 characters).' })
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT_MAX.handoverReason)
  reason!: string;

  @Field({ description: 'The person was told of the handover: must be true.' })
  @IsBoolean()
  personInformed!: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      'Summary for the receiving structure: the person’s situation (at most 2000 characters).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(HANDOVER_SUMMARY_MAX_LENGTH)
  summarySituation?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Summary: what was done with the person (at most 2000 characters).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(HANDOVER_SUMMARY_MAX_LENGTH)
  summaryDone?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Summary: what is expected of the receiving structure (at most 2000 characters).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(HANDOVER_SUMMARY_MAX_LENGTH)
  summaryExpected?: string | null;

  @Field(() => [HandoverPreviewPart], {
    nullable: true,
    description:
      'The parts of the file the target structure may preview before accepting (never notes, never sensitive obstacles).',
  })
  @IsOptional()
  @IsArray()
  @IsEnum(HandoverPreviewPart, { each: true })
  previewParts?: HandoverPreviewPart[] | null;
}

@InputType()
export class AcceptHandoverInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'handoverId must be an id' })
  handoverId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The new referent, a professional of the target structure. Defaults to the named professional; required when none was named.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'newReferentAccountId must be an id' })
  newReferentAccountId?: string | null;

  @Field({
    defaultValue: false,
    description:
      'The former referent stays in the team as a follower; otherwise they read the file for 30 days.',
  })
  @IsBoolean()
  formerReferentStaysAsFollower!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'The person agreed to the new referent: required when they objected to sharing (RGPD).',
  })
  @IsOptional()
  @IsBoolean()
  personAgreed?: boolean | null;

  @Field(() => OrientationType, {
    nullable: true,
    description:
      'The orientation confirmed or changed; omitted keeps the person’s (or the one their orientation request asked for).',
  })
  @IsOptional()
  @IsEnum(OrientationType)
  orientationType?: OrientationType | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The structure of orientation, of the person’s territory; defaults to the target structure when an orientation is set.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'orientationStructureId must be an id' })
  orientationStructureId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Ends the person’s running contracts today.',
  })
  @IsOptional()
  @IsBoolean()
  closeCurrentContract?: boolean | null;

  @Field(() => ContractType, {
    nullable: true,
    description: 'Opens a contract starting today: CER, PPAE, CEJ or PACEA.',
  })
  @IsOptional()
  @IsEnum(ContractType)
  newContractType?: ContractType | null;

  @Field(() => String, {
    nullable: true,
    description: 'The new contract’s end, YYYY-MM-DD after today; omitted for open-ended.',
  })
  @IsOptional()
  @IsPlanDate()
  newContractEndsOn?: string | null;
}

@InputType()
export class DeclineHandoverInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'handoverId must be an id' })
  handoverId!: string;

  @Field({ description: 'Why the target structure declines (3 to 1000 characters).' })
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT_MAX.handoverReason)
  reason!: string;
}

@InputType()
export class CancelHandoverInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'handoverId must be an id' })
  handoverId!: string;
}

@ArgsType()
export class HandoversArgs extends PageArgs {
  @Field(() => HandoverDirection)
  @IsEnum(HandoverDirection)
  direction!: HandoverDirection;

  @Field(() => HandoverStatus, { nullable: true })
  @IsOptional()
  @IsEnum(HandoverStatus)
  status?: HandoverStatus | null;
}

@ArgsType()
export class HandoverRecipientsArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'structureId must be an id' })
  structureId!: string;
}

@ArgsType()
export class HandoverIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be an id' })
  id!: string;
}

@InputType()
export class RequestOrientationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => OrientationType)
  @IsEnum(OrientationType)
  orientationType!: OrientationType;

  @Field({ description: 'Why (3 to 1000 characters).' })
  @IsString()
  @MinLength(3)
  @MaxLength(TEXT_MAX.handoverReason)
  reason!: string;
}

@InputType()
export class DecideOrientationInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be an id' })
  requestId!: string;

  @Field()
  @IsBoolean()
  accept!: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'Required to accept: the structure the person is handed over to.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'targetStructureId must be an id' })
  targetStructureId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A professional of the target structure proposed as referent.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'referentAccountId must be an id' })
  referentAccountId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required to deny (up to 1000 characters).' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.handoverReason)
  reason?: string | null;
}

@ArgsType()
export class OrientationRequestsArgs extends PageArgs {
  @Field(() => OrientationRequestStatus, { nullable: true })
  @IsOptional()
  @IsEnum(OrientationRequestStatus)
  status?: OrientationRequestStatus | null;
}
