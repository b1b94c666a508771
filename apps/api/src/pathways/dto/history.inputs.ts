import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { TIMELINE_KINDS, TimelineKind } from '@relais/events';
import { TimelineKindEnum } from '../history.models.js';
import { AccessLogArgs } from './note.inputs.js';
import { PageArgs } from './person.inputs.js';

@ArgsType()
export class TimelineArgs extends PageArgs {
  @Field(() => [TimelineKindEnum], {
    nullable: true,
    description: 'Only the changes of these kinds; every kind when absent or empty.',
  })
  @IsOptional()
  @IsEnum(TimelineKind, {
    each: true,
    message: `kinds must be among ${TIMELINE_KINDS.join(', ')}`,
  })
  kinds?: TimelineKind[] | null;
}

@ArgsType()
export class AccessLogDaysArgs extends AccessLogArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only this reader’s reads: an account’s id, or a partner system’s.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'readerId must be an id' })
  readerId?: string | null;
}

@ArgsType()
export class AccessLogPeopleArgs {
  @Field({ description: 'Words of the person’s name, or the person’s id.' })
  @IsString()
  @Length(1, 200, { message: 'query must hold 1 to 200 characters' })
  query!: string;
}
