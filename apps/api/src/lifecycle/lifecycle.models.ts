import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { NotConcernedReason } from '@relais/lifecycle';
import './lifecycle.enums.graphql.js';

@ObjectType({
  description:
    'A file purged at once: its id names nobody any more (the access log and the admin audit keep it).',
})
export class PurgedPerson {
  @Field(() => ID)
  personId!: string;

  @Field(() => NotConcernedReason)
  reason!: NotConcernedReason;

  @Field(() => GraphQLISODateTime)
  purgedAt!: Date;
}
