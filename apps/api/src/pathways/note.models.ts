import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AccessGround } from '@relais/access';
import { Role } from '@relais/identity';
import { NoteVisibility } from '@relais/pathways';
import { EventType, eventTypeOfSource } from '../events/event-type.enum.js';
import { connectionOf } from '../graphql/connection.js';
import '../identity/identity.enums.js';
import './pathway.enums.graphql.js';

@ObjectType({ description: 'A previous version of a note, kept when its author edited it.' })
export class NoteRevision {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { nullable: true, description: 'Null when redacted for you.' })
  body!: string | null;

  @Field(() => NoteVisibility)
  visibility!: NoteVisibility;

  @Field()
  sensitive!: boolean;

  @Field({ description: 'This version was sensitive and you may not read sensitive notes.' })
  redacted!: boolean;

  @Field(() => GraphQLISODateTime, { description: 'When this version was replaced.' })
  replacedAt!: Date;
}

@ObjectType({
  description:
    'A note of the file. You see the notes shared with the whole team, with one of your structures, and your own; a sensitive one you may not read comes redacted (body null), never silently absent.',
})
export class Note {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Null when redacted for you.' })
  body!: string | null;

  @Field({ description: 'A sensitive note you may not read: you see only that it exists.' })
  redacted!: boolean;

  @Field({ description: 'Health, disability, justice, addictions, violence.' })
  sensitive!: boolean;

  @Field(() => NoteVisibility)
  visibility!: NoteVisibility;

  @Field()
  authorName!: string;

  @Field(() => ID)
  authorStructureId!: string;

  @Field()
  authorStructureName!: string;

  @Field({ description: 'You wrote it.' })
  mine!: boolean;

  @Field({ description: 'You may edit it now: its author, within 24 hours of writing it.' })
  canEdit!: boolean;

  @Field(() => Int, { description: 'Send it back with an edit: a stale one is a CONFLICT.' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType({ description: 'Who made a change.' })
export class TimelineActor {
  @Field({ description: 'The caseworker’s name, or the partner system’s.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The structure they acted for.' })
  structureName!: string | null;

  @Field({ description: 'A partner system made the change.' })
  partnerSystem!: boolean;
}

@ObjectType({
  description: 'A record or a professional a change points to by id, with its name.',
})
export class TimelineReference {
  @Field(() => ID, { description: 'The id as the change’s fields give it.' })
  id!: string;

  @Field({ description: 'A structure’s or a professional’s name, or a goal’s title.' })
  name!: string;
}

@ObjectType({
  description:
    'One change of the file. A sensitive change’s summary is redacted (before and after null) for those not entitled to sensitive data.',
})
export class TimelineEvent {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'What happened, e.g. `note.added`, `obstacle.updated`, `team.joined`.' })
  type!: string;

  @Field(() => EventType, {
    description: '`type` as the catalogue’s enum, e.g. `NOTE_ADDED`.',
    middleware: [eventTypeOfSource],
  })
  eventType?: EventType;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => TimelineActor)
  actor!: TimelineActor;

  @Field(() => ID, { nullable: true, description: 'The membership the change was made with.' })
  actingMembershipId!: string | null;

  @Field()
  subjectType!: string;

  @Field(() => ID)
  subjectId!: string;

  @Field()
  sensitive!: boolean;

  @Field({ description: 'The summary is hidden from you.' })
  redacted!: boolean;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The changed fields before.' })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The changed fields after.' })
  after!: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What the change is about, as it is now: an action’s or a goal’s title, a contract’s type, an obstacle’s theme (codes), an appointment’s time (ISO). Null when redacted, for notes, and for handovers and orientations (named by `references`).',
  })
  subjectName!: string | null;

  @Field(() => [TimelineReference], {
    description:
      'The names of the structures, professionals and goals the changed fields point to; empty when redacted.',
  })
  references!: readonly TimelineReference[];
}

@ObjectType({
  description: 'One read of the full file: who, acting as what, when, on what ground.',
})
export class AccessLogEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  accessedAt!: Date;

  @Field(() => AccessGround)
  ground!: AccessGround;

  @Field({ description: 'The reader’s name, or the partner system’s.' })
  readerName!: string;

  @Field({ description: 'A partner system read the file.' })
  partnerSystem!: boolean;

  @Field(() => Role, { nullable: true, description: 'The role of the membership they read with.' })
  role!: Role | null;

  @Field(() => String, { nullable: true, description: 'The structure of that membership.' })
  structureName!: string | null;
}

export const TimelineEventConnection = connectionOf(TimelineEvent, 'TimelineEvent');
export const AccessLogConnection = connectionOf(AccessLogEntry, 'AccessLog');
