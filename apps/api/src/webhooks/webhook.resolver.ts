import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { encodeCursor } from '@relais/core';
import type { AccountPrincipal, ApiClientEntity } from '@relais/identity';
import { WebhookDeliveryService, WebhookEndpointService } from '@relais/notifications';
import { ApiClient } from '../admin/api-client.models.js';
import { Policy } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import {
  ApiClientIdArgs,
  DeliveryIdArgs,
  SetApiClientWebhookArgs,
  WebhookDeliveriesArgs,
} from './dto/webhook.args.js';
import { ApiClientWebhook, WebhookDelivery, WebhookDeliveryConnection } from './webhook.models.js';

/** Webhook endpoints of partner API clients and their delivery log, for territory admins. */
@Resolver(() => WebhookDelivery)
export class WebhookResolver {
  constructor(
    private readonly endpoints: WebhookEndpointService,
    private readonly deliveries: WebhookDeliveryService,
  ) {}

  @Policy((ability) => ability.can('update', 'ApiClient'))
  @Mutation(() => ApiClientWebhook, {
    description:
      'Sets (or, with url null, removes) where a client receives events; a first endpoint gets a signing secret, shown this once.',
  })
  setApiClientWebhook(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: SetApiClientWebhookArgs,
  ): Promise<ApiClientWebhook> {
    return this.endpoints.setEndpoint(principal, args.clientId, args.url ?? null);
  }

  @Policy((ability) => ability.can('update', 'ApiClient'))
  @Mutation(() => ApiClientWebhook, {
    description: 'A new signing secret, shown this once; deliveries are signed with it at once.',
  })
  rotateApiClientWebhookSecret(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: ApiClientIdArgs,
  ): Promise<ApiClientWebhook> {
    return this.endpoints.rotateSecret(principal, args.clientId);
  }

  @Policy((ability) => ability.can('read', 'ApiClient'))
  @Query(() => WebhookDeliveryConnection, {
    description: 'The webhook deliveries of a client, newest first.',
  })
  async webhookDeliveries(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: WebhookDeliveriesArgs,
  ): Promise<Connection<WebhookDelivery>> {
    const page = await this.deliveries.page(principal, args.clientId, args);
    return toConnection(
      page,
      (delivery) => delivery,
      (delivery) => encodeCursor([delivery.id]),
    );
  }

  @Policy((ability) => ability.can('update', 'ApiClient'))
  @Mutation(() => WebhookDelivery, {
    description: 'Sends a delivery again, with a fresh retry schedule (attempts back to 0).',
  })
  redeliverWebhook(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: DeliveryIdArgs,
  ): Promise<WebhookDelivery> {
    return this.deliveries.redeliver(principal, args.deliveryId);
  }
}

/** The webhook endpoint on the API client type (its secret is never shown again). */
@Resolver(() => ApiClient)
export class ApiClientWebhookFieldResolver {
  @Policy((ability) => ability.can('read', 'ApiClient'))
  @ResolveField(() => String, { nullable: true, description: 'Where events are posted, if set.' })
  webhookUrl(@Parent() client: ApiClientEntity): string | null {
    return client.webhookUrl ?? null;
  }
}
