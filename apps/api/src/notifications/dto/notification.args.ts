import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { MAX_PAGE_SIZE } from '@relais/core';
import { MAX_MARKED_IDS } from '@relais/notifications';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NotificationOrder } from '../notification.models.js';

/** At most this many event types in a filter. */
const MAX_TYPES = 30;

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  after?: string | null;

  @Field({ defaultValue: false })
  @IsBoolean()
  unreadOnly!: boolean;

  @Field(() => NotificationOrder, { defaultValue: NotificationOrder.NEWEST_FIRST })
  @IsEnum(NotificationOrder)
  order!: NotificationOrder;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], {
    description: `At most ${MAX_MARKED_IDS}. Ids that are not of your inbox are ignored.`,
  })
  @ArrayMaxSize(MAX_MARKED_IDS)
  @IsUUID('all', { each: true, message: 'ids must be ids' })
  ids!: string[];
}

@ArgsType()
export class EventStreamArgs {
  @Field(() => String, {
    nullable: true,
    description: 'The position to resume after; none for the whole history.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,18}$/, { message: 'after must be an event position' })
  after?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only these event types.' })
  @IsOptional()
  @ArrayMaxSize(MAX_TYPES)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  types?: string[] | null;
}

@ArgsType()
export class EventsArgs extends EventStreamArgs {
  @Field(() => Int, { defaultValue: 100, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;
}
