import { Module } from '@nestjs/common';
import { WebhooksModule } from '@relais/notifications';
import { ApiClientWebhookFieldResolver, WebhookResolver } from './webhook.resolver.js';

/** The GraphQL face of partner webhooks. */
@Module({
  imports: [WebhooksModule],
  providers: [WebhookResolver, ApiClientWebhookFieldResolver],
})
export class WebhooksApiModule {}
