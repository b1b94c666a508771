import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  ActionStatus,
  AppointmentPresence,
  AppointmentStatus,
  ContractType,
  GoalStatus,
  ObstacleStatus,
  ObstacleTheme,
} from '@relais/pathways';
import './pathway.enums.graphql.js';

@ObjectType({
  description:
    'A frein périphérique. A sensitive one (HEALTH, DISABILITY, JUSTICE) you are not entitled to is shown as redacted: its content is null, never silently absent.',
})
export class Obstacle {
  @Field(() => ID)
  id!: string;

  @Field()
  sensitive!: boolean;

  @Field({ description: 'Hidden from you: theme, status, comment and version are null.' })
  redacted!: boolean;

  @Field(() => ObstacleTheme, { nullable: true })
  theme!: ObstacleTheme | null;

  @Field(() => ObstacleStatus, { nullable: true })
  status!: ObstacleStatus | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Send it back with a change: a stale one is a CONFLICT.',
  })
  version!: number | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  updatedAt!: Date | null;
}

@ObjectType({ description: 'CER, PPAE, CEJ, PACEA or contrat d’engagement framing the plan.' })
export class Contract {
  @Field(() => ID)
  id!: string;

  @Field(() => ContractType)
  type!: ContractType;

  @Field({ description: 'YYYY-MM-DD' })
  startsOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when open-ended.' })
  endsOn!: string | null;

  @Field(() => Int, { description: 'Send it back with a change: a stale one is a CONFLICT.' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType({ description: 'An objective of the action plan.' })
export class Goal {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => GoalStatus)
  status!: GoalStatus;

  @Field(() => Int, { description: 'Send it back with a change: a stale one is a CONFLICT.' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType({
  description:
    'An action of the plan. One serving a sensitive obstacle is sensitive: if you are not entitled, its title and obstacle are null (redacted).',
})
export class PlanAction {
  @Field(() => ID)
  id!: string;

  @Field()
  sensitive!: boolean;

  @Field({ description: 'Hidden from you: title and obstacleId are null.' })
  redacted!: boolean;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => ActionStatus)
  status!: ActionStatus;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  startsOn!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueOn!: string | null;

  @Field(() => ID, { nullable: true })
  goalId!: string | null;

  @Field(() => ID, { nullable: true })
  obstacleId!: string | null;

  @Field(() => Int, { description: 'Send it back with a change: a stale one is a CONFLICT.' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType({ description: 'A meeting with the person: when, with whom, where or remote.' })
export class Appointment {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  startsAt!: Date;

  @Field(() => Int)
  durationMinutes!: number;

  @Field({ description: 'Who the person meets (a professional, a service).' })
  withWhom!: string;

  @Field(() => String, { nullable: true })
  location!: string | null;

  @Field()
  remote!: boolean;

  @Field(() => AppointmentStatus)
  status!: AppointmentStatus;

  @Field(() => AppointmentPresence, {
    nullable: true,
    description: 'The person’s answer from their space; null while they have not answered.',
  })
  personPresence!: AppointmentPresence | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the person answered.' })
  personPresenceAnsweredAt!: Date | null;

  @Field(() => Int, { description: 'Send it back with a change: a stale one is a CONFLICT.' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}
