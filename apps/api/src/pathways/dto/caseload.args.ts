import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OrientationType, TeamRole } from '@relais/pathways';
import { CaseloadSortField, SortDirection } from '@relais/read-models';
import { PageArgs } from './person.inputs.js';

/** "Sans activité depuis N mois": up to the 24 months after which a file is archived. */
export const MAX_INACTIVE_MONTHS = 24;

@InputType()
export class CaseloadFilterInput {
  @Field(() => TeamRole, { nullable: true, description: 'Your role in the team.' })
  @IsOptional()
  @IsEnum(TeamRole)
  myRole?: TeamRole | null;

  @Field(() => OrientationType, { nullable: true })
  @IsOptional()
  @IsEnum(OrientationType)
  orientationType?: OrientationType | null;

  @Field(() => String, { nullable: true, description: 'Part of a name.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  text?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only people with an open (proposed) handover, passage de relais en cours; false: only those without.',
  })
  @IsOptional()
  @IsBoolean()
  openHandover?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: `Sans activité depuis N mois: only people without activity for this many months (1 to ${MAX_INACTIVE_MONTHS}).`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INACTIVE_MONTHS)
  inactiveForMonths?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Contrat échu ou à échéance. true: only people whose current contract has ended or ends within 30 days; false: only the others.',
  })
  @IsOptional()
  @IsBoolean()
  contractEnding?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Action en retard. true: only people with an action past its due date, neither done nor dropped; false: only the others.',
  })
  @IsOptional()
  @IsBoolean()
  overdueAction?: boolean | null;
}

@InputType()
export class CaseloadOrderInput {
  @Field(() => CaseloadSortField)
  @IsEnum(CaseloadSortField)
  field!: CaseloadSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  @IsEnum(SortDirection)
  direction!: SortDirection;
}

@ArgsType()
export class CaseloadArgs extends PageArgs {
  @Field(() => CaseloadFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseloadFilterInput)
  filter?: CaseloadFilterInput | null;

  @Field(() => CaseloadOrderInput, {
    nullable: true,
    description: 'The order; most recent activity first when absent.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseloadOrderInput)
  orderBy?: CaseloadOrderInput | null;
}

/** `true`/`false` in a query string, as booleans; anything else stays and fails @IsBoolean. */
const booleanParam = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** A number in a query string; what is not one stays and fails @IsInt. */
const intParam = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value;

/**
 * `GET /people/caseload.csv`: the caseload's filter and order as query parameters, the same
 * names and rules as the GraphQL `caseload(filter:, orderBy:)`.
 */
export class CaseloadExportQuery {
  @IsOptional()
  @IsEnum(TeamRole)
  myRole?: TeamRole;

  @IsOptional()
  @IsEnum(OrientationType)
  orientationType?: OrientationType;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  text?: string;

  @IsOptional()
  @Transform(booleanParam)
  @IsBoolean()
  openHandover?: boolean;

  @IsOptional()
  @Transform(intParam)
  @IsInt()
  @Min(1)
  @Max(MAX_INACTIVE_MONTHS)
  inactiveForMonths?: number;

  @IsOptional()
  @Transform(booleanParam)
  @IsBoolean()
  contractEnding?: boolean;

  @IsOptional()
  @Transform(booleanParam)
  @IsBoolean()
  overdueAction?: boolean;

  @IsOptional()
  @IsEnum(CaseloadSortField)
  sort?: CaseloadSortField;

  @IsOptional()
  @IsEnum(SortDirection)
  direction?: SortDirection;
}
