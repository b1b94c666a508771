import { Module } from '@nestjs/common';
import { EventsModule } from '@relais/events';
import { IdentityModule } from '@relais/identity';
import { NotificationsModule } from '../notifications.module.js';
import { WebhookDeliveryRepository } from '../webhook-delivery.repository.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookEndpointService } from './webhook-endpoint.service.js';
import { WebhookWorker } from './webhook-worker.service.js';

/**
 * Webhooks for partner systems (Standard Webhooks): endpoints and secrets per API client, one
 * delivery per event and client queued by the dispatcher's step, a worker that sends and retries
 * them, and the delivery log.
 */
@Module({
  imports: [NotificationsModule, IdentityModule, EventsModule],
  providers: [
    WebhookDeliveryRepository,
    WebhookEndpointService,
    WebhookDeliveryService,
    WebhookWorker,
  ],
  exports: [WebhookDeliveryRepository, WebhookEndpointService, WebhookDeliveryService],
})
export class WebhooksModule {}
