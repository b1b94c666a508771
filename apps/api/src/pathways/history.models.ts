import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AccessGround } from '@relais/access';
import { TIMELINE_KIND_LABELS, TimelineKind } from '@relais/events';
import { Role } from '@relais/identity';
import { connectionOf } from '../graphql/connection.js';
import '../identity/identity.enums.js';
import './pathway.enums.graphql.js';

export const TimelineKindEnum = TimelineKind;

registerEnumType(TimelineKindEnum, {
  name: 'TimelineKind',
  description: 'The kinds of a file’s changes, for the timeline’s filter.',
  valuesMap: Object.fromEntries(
    Object.values(TimelineKind).map((kind) => [kind, { description: TIMELINE_KIND_LABELS[kind] }]),
  ),
});

@ObjectType({
  description:
    'One reader’s reads of the full file on one day (Europe/Paris), with one membership, on one ground.',
})
export class AccessLogDay {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The day, YYYY-MM-DD.' })
  day!: string;

  @Field(() => Int, { description: 'How many times the file was read.' })
  reads!: number;

  @Field(() => GraphQLISODateTime)
  firstAt!: Date;

  @Field(() => GraphQLISODateTime)
  lastAt!: Date;

  @Field(() => AccessGround)
  ground!: AccessGround;

  @Field(() => ID, { description: 'The reader’s account id, or the partner system’s id.' })
  readerId!: string;

  @Field({ description: 'The reader’s name, or the partner system’s.' })
  readerName!: string;

  @Field()
  partnerSystem!: boolean;

  @Field(() => Role, { nullable: true, description: 'The role of the membership they read with.' })
  role!: Role | null;

  @Field(() => String, { nullable: true, description: 'The structure of that membership.' })
  structureName!: string | null;
}

export const AccessLogDayConnection = connectionOf(AccessLogDay, 'AccessLogDay');

@ObjectType({ description: 'Someone who read the file: a professional or a partner system.' })
export class AccessLogReader {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  partnerSystem!: boolean;
}

@ObjectType({ description: 'A person of your territory, for the access-log screen: a name.' })
export class AccessLogPerson {
  @Field(() => ID)
  id!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field()
  territoryName!: string;
}

@ObjectType({ description: 'Someone you handed over, whose file you still read (read-only).' })
export class FormerCaseloadEntry {
  @Field(() => ID)
  personId!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => GraphQLISODateTime)
  handedOverAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'The file is yours to read until then.' })
  readableUntil!: Date;

  @Field(() => String, { nullable: true, description: 'The structure of the referent now.' })
  referentStructureName!: string | null;

  @Field(() => String, { nullable: true, description: 'The referent now.' })
  referentName!: string | null;
}
