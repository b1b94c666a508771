import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { NotConcernedReason } from '@relais/lifecycle';
import '../lifecycle.enums.graphql.js';

@InputType()
export class PurgePersonNotConcernedInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'personId must be an id' })
  personId!: string;

  @Field(() => NotConcernedReason, {
    description: 'A code, not a free text: the record of the purge keeps no personal data.',
  })
  @IsEnum(NotConcernedReason, { message: 'reason must be a NotConcernedReason' })
  reason!: NotConcernedReason;
}
