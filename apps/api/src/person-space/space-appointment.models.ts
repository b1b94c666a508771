import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { AppointmentPresence, AppointmentStatus } from '@relais/pathways';
import '../pathways/pathway.enums.graphql.js';

@ObjectType({
  description:
    'An appointment as the person sees it in their space: when, with whom, where or by phone, and their answer.',
})
export class SpaceAppointment {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  startsAt!: Date;

  @Field(() => Int)
  durationMinutes!: number;

  @Field({ description: 'Who the person meets (a professional, a service).' })
  withWhom!: string;

  @Field(() => String, { nullable: true, description: 'The address; null when remote.' })
  location!: string | null;

  @Field({ description: 'By phone or video: no place to go to.' })
  remote!: boolean;

  @Field(() => AppointmentStatus, { description: 'CANCELLED ones are listed, shown as such.' })
  status!: AppointmentStatus;

  @Field(() => AppointmentPresence, {
    nullable: true,
    description: 'The person’s answer; null while they have not answered.',
  })
  presence!: AppointmentPresence | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  presenceAnsweredAt!: Date | null;
}

@InputType({ description: 'The person says whether they will come to an appointment.' })
export class AnswerAppointmentInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'appointmentId must be an id' })
  appointmentId!: string;

  @Field(() => AppointmentPresence)
  @IsEnum(AppointmentPresence)
  presence!: AppointmentPresence;
}
