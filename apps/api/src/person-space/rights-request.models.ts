import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RightsRequestKind, RightsRequestStatus } from '@relais/person-space';

registerEnumType(RightsRequestKind, {
  name: 'RightsRequestKind',
  description: 'What the person asks about their rights (RGPD).',
  valuesMap: {
    RECTIFICATION: { description: 'Something in their file is wrong: to correct.' },
    OBJECTION: { description: 'No sharing with partner systems, no new team member.' },
    RESTRICTION: { description: 'Processing limited: the file becomes read-only.' },
  },
});

registerEnumType(RightsRequestStatus, {
  name: 'RightsRequestStatus',
  description: 'Where a rights request stands.',
});

@ObjectType({
  description: 'A request the person made from their space, answered by their team within a month.',
})
export class RightsRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => RightsRequestKind)
  kind!: RightsRequestKind;

  @Field({ description: 'In the person’s words.' })
  details!: string;

  @Field(() => RightsRequestStatus)
  status!: RightsRequestStatus;

  @Field(() => GraphQLISODateTime)
  requestedAt!: Date;

  @Field(() => String, { description: 'YYYY-MM-DD (Paris): a month after the request.' })
  dueOn!: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The team’s answer, told to the person.' })
  answer!: string | null;
}
