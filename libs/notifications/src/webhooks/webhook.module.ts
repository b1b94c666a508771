import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications.module.js';
import { WebhookDeliveryService } from './webhook-delivery.service.js';
import { WebhookEndpointService } from './webhook-endpoint.service.js';
import { WebhookWorker } from './webhook-worker.service.js';

/**
 * Webhooks for partner systems (Standard Webhooks): endpoints and secrets per API client, one
 * delivery per event and client queued by the dispatcher's step, a worker that sends and retries
 * them, and the delivery log.
 */
@Module({
  imports: [NotificationsModule],
  providers: [WebhookEndpointService, WebhookDeliveryService, WebhookWorker],
  exports: [WebhookEndpointService, WebhookDeliveryService],
})
export class WebhooksModule {}
