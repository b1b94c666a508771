import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import {
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  ActionStatus,
  AppointmentStatus,
  ContractType,
  GoalStatus,
  ObstacleStatus,
  ObstacleTheme,
} from '@relais/pathways';
import { NUMBER_RANGES, TEXT_MAX } from '@relais/core';
import { IsAppointmentTime, IsPlanDate } from './plausible.validators.js';

/** In a change, a field left out stays as it is; null is refused where the field has no "none". */
const Given = () => ValidateIf((_object, value) => value !== undefined);

const OBSTACLE_COMMENT_MAX = TEXT_MAX.obstacleComment;
const TITLE_MAX = TEXT_MAX.title;

/** A change names the version it read; a stale one is a CONFLICT. */
@InputType({ isAbstract: true })
abstract class VersionInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class AddObstacleInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => ObstacleTheme, { description: 'One obstacle per theme: a second is a CONFLICT.' })
  @IsEnum(ObstacleTheme)
  theme!: ObstacleTheme;

  @Field(() => ObstacleStatus)
  @IsEnum(ObstacleStatus)
  status!: ObstacleStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(OBSTACLE_COMMENT_MAX)
  comment?: string | null;
}

@InputType({ description: 'Fields left out stay as they are; a null comment clears it.' })
export class UpdateObstacleInput extends VersionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'obstacleId must be an id' })
  obstacleId!: string;

  @Field(() => ObstacleStatus, { nullable: true })
  @Given()
  @IsEnum(ObstacleStatus)
  status?: ObstacleStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(OBSTACLE_COMMENT_MAX)
  comment?: string | null;
}

@InputType()
export class AddContractInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => ContractType)
  @IsEnum(ContractType)
  type!: ContractType;

  @Field({ description: 'YYYY-MM-DD' })
  @IsPlanDate()
  startsOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before startsOn.' })
  @IsOptional()
  @IsPlanDate()
  endsOn?: string | null;
}

@InputType({ description: 'Fields left out stay as they are; a null endsOn makes it open-ended.' })
export class UpdateContractInput extends VersionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'contractId must be an id' })
  contractId!: string;

  @Field(() => ContractType, { nullable: true })
  @Given()
  @IsEnum(ContractType)
  type?: ContractType;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Given()
  @IsPlanDate()
  startsOn?: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before startsOn.' })
  @IsOptional()
  @IsPlanDate()
  endsOn?: string | null;
}

@InputType()
export class AddGoalInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX)
  title!: string;

  @Field(() => GoalStatus, { nullable: true, description: 'IN_PROGRESS by default.' })
  @IsOptional()
  @IsEnum(GoalStatus)
  status?: GoalStatus | null;
}

@InputType({ description: 'Fields left out stay as they are.' })
export class UpdateGoalInput extends VersionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'goalId must be an id' })
  goalId!: string;

  @Field(() => String, { nullable: true })
  @Given()
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX)
  title?: string;

  @Field(() => GoalStatus, { nullable: true })
  @Given()
  @IsEnum(GoalStatus)
  status?: GoalStatus;
}

@InputType()
export class AddActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX)
  title!: string;

  @Field(() => ActionStatus, { nullable: true, description: 'PLANNED by default.' })
  @IsOptional()
  @IsEnum(ActionStatus)
  status?: ActionStatus | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsPlanDate()
  startsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before startsOn.' })
  @IsOptional()
  @IsPlanDate()
  dueOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'A goal of the same person.' })
  @IsOptional()
  @IsUUID('all', { message: 'goalId must be an id' })
  goalId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An obstacle of the same person; a sensitive one makes the action sensitive.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'obstacleId must be an id' })
  obstacleId?: string | null;
}

@InputType({
  description: 'Fields left out stay as they are; null clears a date, the goal or the obstacle.',
})
export class UpdateActionInput extends VersionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'actionId must be an id' })
  actionId!: string;

  @Field(() => String, { nullable: true })
  @Given()
  @IsString()
  @MinLength(1)
  @MaxLength(TITLE_MAX)
  title?: string;

  @Field(() => ActionStatus, { nullable: true })
  @Given()
  @IsEnum(ActionStatus)
  status?: ActionStatus;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsPlanDate()
  startsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before startsOn.' })
  @IsOptional()
  @IsPlanDate()
  dueOn?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'goalId must be an id' })
  goalId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'obstacleId must be an id' })
  obstacleId?: string | null;
}

@InputType({ description: 'A place (location) or remote: true is required.' })
export class ScheduleAppointmentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => GraphQLISODateTime)
  @IsAppointmentTime()
  startsAt!: Date;

  @Field(() => Int, { description: 'From 5 to 480 minutes.' })
  @IsInt()
  @Min(NUMBER_RANGES.appointmentMinutes.min)
  @Max(NUMBER_RANGES.appointmentMinutes.max)
  durationMinutes!: number;

  @Field({ description: 'Who the person meets (a professional, a service).' })
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX.title)
  withWhom!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.location)
  location?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false by default.' })
  @IsOptional()
  @IsBoolean()
  remote?: boolean | null;

  @Field(() => AppointmentStatus, { nullable: true, description: 'PLANNED by default.' })
  @IsOptional()
  @IsEnum(AppointmentStatus)
  status?: AppointmentStatus | null;
}

@InputType({
  description:
    'Fields left out stay as they are; a null location clears it (the appointment must then be remote).',
})
export class UpdateAppointmentInput extends VersionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'appointmentId must be an id' })
  appointmentId!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Given()
  @IsAppointmentTime()
  startsAt?: Date;

  @Field(() => Int, { nullable: true, description: 'From 5 to 480 minutes.' })
  @Given()
  @IsInt()
  @Min(NUMBER_RANGES.appointmentMinutes.min)
  @Max(NUMBER_RANGES.appointmentMinutes.max)
  durationMinutes?: number;

  @Field(() => String, { nullable: true })
  @Given()
  @IsString()
  @MinLength(1)
  @MaxLength(TEXT_MAX.title)
  withWhom?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX.location)
  location?: string | null;

  @Field(() => Boolean, { nullable: true })
  @Given()
  @IsBoolean()
  remote?: boolean;

  @Field(() => AppointmentStatus, { nullable: true })
  @Given()
  @IsEnum(AppointmentStatus)
  status?: AppointmentStatus;
}

@ArgsType()
export class AppointmentsArgs {
  @Field({
    defaultValue: false,
    description: 'Only those not over yet and not cancelled, the next one first.',
  })
  @IsBoolean()
  upcomingOnly!: boolean;
}
