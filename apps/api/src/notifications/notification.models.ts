import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { EventType, eventTypeOfSource } from '../events/event-type.enum.js';
import { connectionOf } from '../graphql/connection.js';
import { PersonSummary, StructureRef } from '../pathways/person.models.js';

export enum NotificationOrder {
  NEWEST_FIRST = 'NEWEST_FIRST',
  OLDEST_FIRST = 'OLDEST_FIRST',
}

registerEnumType(NotificationOrder, {
  name: 'NotificationOrder',
  description:
    'NEWEST_FIRST to read the inbox; OLDEST_FIRST with `after: lastCursor` to catch up on what arrived since.',
});

@ObjectType({ description: 'Who did what a notification reports.' })
export class NotificationActor {
  @Field({ description: 'A caseworker’s name, or a partner system’s.' })
  name!: string;

  @Field(() => StructureRef, { nullable: true, description: 'The structure they acted for.' })
  structure!: StructureRef | null;
}

@ObjectType({
  description:
    'One row of your inbox: at most one per event, also pushed live (socket.io `notification`, `notificationAdded`).',
})
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, {
    description: 'The event’s stable id: the same event is never notified twice.',
  })
  eventId!: string;

  @Field({ description: 'e.g. `handover.proposed`, `team.join_requested`.' })
  type!: string;

  @Field(() => EventType, {
    description: '`type` as the catalogue’s enum, e.g. `HANDOVER_PROPOSED`.',
    middleware: [eventTypeOfSource],
  })
  eventType?: EventType;

  @Field(() => GraphQLISODateTime, { description: 'When the event happened.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  readAt!: Date | null;

  @Field({
    description: 'The inbox position: `notifications(order: OLDEST_FIRST, after: cursor)`.',
  })
  cursor!: string;

  @Field(() => PersonSummary, {
    nullable: true,
    description: 'The person (minimal view); null when not of a territory you work in.',
  })
  person!: PersonSummary | null;

  @Field(() => ID, { nullable: true })
  handoverId!: string | null;

  @Field(() => ID, { nullable: true })
  joinRequestId!: string | null;

  @Field(() => ID, { nullable: true })
  orientationRequestId!: string | null;

  @Field(() => NotificationActor, { nullable: true })
  actor!: NotificationActor | null;
}

export const NotificationConnection = connectionOf(Notification, 'Notification');

@ObjectType()
export class NotificationsReadResult {
  @Field(() => Int, { description: 'How many were unread and are now read.' })
  marked!: number;

  @Field(() => Int)
  unreadCount!: number;
}

@ObjectType({
  description:
    'A domain event as partner systems read it: ids and states, never a free text nor a person who restricted processing or objected.',
})
export class PartnerEvent {
  @Field(() => ID, { description: 'Stable: deduplicate on it (delivery is at least once).' })
  id!: string;

  @Field({ description: 'The public cursor: pass it as `after` to resume.' })
  position!: string;

  @Field()
  type!: string;

  @Field(() => EventType, {
    description: '`type` as the catalogue’s enum, e.g. `HANDOVER_PROPOSED`.',
    middleware: [eventTypeOfSource],
  })
  eventType?: EventType;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => ID)
  territoryId!: string;

  @Field(() => [ID])
  structureIds!: string[];

  @Field(() => ID, { nullable: true })
  personId!: string | null;

  @Field(() => GraphQLJSONObject)
  payload!: Record<string, unknown>;
}

export const PartnerEventConnection = connectionOf(PartnerEvent, 'PartnerEvent');
