import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MAX_PAGE_SIZE } from '@relais/core';
import { WebhookDeliveryStatus } from '@relais/notifications';

@ArgsType()
export class SetApiClientWebhookArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'clientId must be an id' })
  clientId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'An https:// URL whose host is a public address (http:// to a loopback address only with WEBHOOK_ALLOW_PRIVATE_ADDRESSES); null removes it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  url?: string | null;
}

@ArgsType()
export class ApiClientIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'clientId must be an id' })
  clientId!: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends ApiClientIdArgs {
  @Field(() => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  after?: string | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus)
  status?: WebhookDeliveryStatus | null;
}

@ArgsType()
export class DeliveryIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'deliveryId must be an id' })
  deliveryId!: string;
}
