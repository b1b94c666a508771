export { NotificationEntity } from './notification.entity.js';
export { WebhookDeliveryEntity, WebhookDeliveryStatus } from './webhook-delivery.entity.js';

import { NotificationEntity } from './notification.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { EmailDeliveryEntity } from './email/email-delivery.entity.js';
import { EmailPreferenceEntity } from './email/email-preference.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const notificationEntities = [
  NotificationEntity,
  WebhookDeliveryEntity,
  EmailDeliveryEntity,
  EmailPreferenceEntity,
];
export {
  EVENT_FAMILY_SCOPES,
  partnerEventCondition,
  partnerEventPrefixes,
  partnerMaySee,
} from './partner-visibility.js';
export type { PartnerVisibleEvent } from './partner-visibility.js';
export { WebhooksModule } from './webhooks/webhook.module.js';
export { WebhookDeliveryService } from './webhooks/webhook-delivery.service.js';
export { WebhookDeliveryRepository } from './webhook-delivery.repository.js';
export type { WebhookDeliveryView } from './webhooks/webhook-delivery.service.js';
export { WebhookEndpointService } from './webhooks/webhook-endpoint.service.js';
export type { ApiClientWebhook } from './webhooks/webhook-endpoint.service.js';
export { WEBHOOK_OPTIONS } from './webhooks/webhook-options.js';
export type { WebhookOptions } from './webhooks/webhook-options.js';
export { NotificationsModule } from './notifications.module.js';
export { NotificationPurgeRepository } from './notification-purge.repository.js';
export {
  DISPATCH_BATCH_SIZE,
  OUTBOX_DISPATCH_LOCK,
  OutboxDispatcherService,
  SHARED_OUTBOX_WITHOUT_REDIS,
} from './outbox-dispatcher.service.js';
export type {
  DispatchedEvent,
  DispatchResult,
  DispatchStep,
  NotificationViewReader,
} from './outbox-dispatch.types.js';
export { InMemoryLiveBus, LiveBus, RedisLiveBus } from './live-bus.js';
export type { LiveTopic } from './live-bus.js';
export type {
  EventsMessage,
  LiveEventJson,
  LiveTopics,
  NotificationsMessage,
  RevocationMessage,
} from './live-messages.js';
export { NotificationFanout } from './notification-fanout.js';
export { InboxService, MAX_MARKED_IDS } from './inbox.service.js';
export { NotificationRepository } from './notification.repository.js';
export type { NotifiedEvent } from './notification.repository.js';
export type { InboxOrder, InboxQuery, ReadMarks } from './inbox.service.js';
export { EventFeedService, partnerPayload } from './event-feed.service.js';
export type {
  EventFeedQuery,
  EventStreamQuery,
  PartnerFeedReader,
  PartnerFeedRow,
} from './event-feed.service.js';
export { notificationFromJson } from './notification.views.js';
export type {
  NotificationActorView,
  NotificationJson,
  NotificationPersonView,
  NotificationView,
  PartnerEventView,
} from './notification.views.js';
