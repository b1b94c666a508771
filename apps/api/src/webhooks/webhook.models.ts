import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { WebhookDeliveryStatus } from '@relais/notifications';
import { ApiClient } from '../admin/api-client.models.js';
import { connectionOf } from '../graphql/connection.js';

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands.',
  valuesMap: {
    PENDING: { description: 'Waiting for its first or next attempt.' },
    DELIVERED: { description: 'The endpoint answered 2xx.' },
    FAILED: { description: 'Out of attempts, or the client or its endpoint is gone.' },
  },
});

@ObjectType({ description: 'One event sent, or to send, to a partner’s webhook endpoint.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  clientId!: string;

  @Field(() => ID, { description: 'Also the `webhook-id` header: the same on every attempt.' })
  eventId!: string;

  @Field()
  eventType!: string;

  @Field(() => String, { nullable: true, description: 'The event’s position in the feed.' })
  eventPosition!: string | null;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made since it was queued or last redelivered.' })
  attempts!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer.' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  deliveredAt!: Date | null;
}

export const WebhookDeliveryConnection = connectionOf(WebhookDelivery, 'WebhookDelivery');

@ObjectType({
  description: 'A client’s webhook endpoint and, when one was just made, its signing secret.',
})
export class ApiClientWebhook {
  @Field(() => ApiClient)
  client!: ApiClient;

  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret (`whsec_…`), shown this once when a new one is made; null otherwise.',
  })
  webhookSecret!: string | null;
}
