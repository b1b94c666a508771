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
export { EmailDeliveryEntity, EmailDeliveryStatus } from './email/email-delivery.entity.js';
export { EmailMode, EmailPreferenceEntity } from './email/email-preference.entity.js';
export { EmailDeliveryRepository } from './email/email-delivery.repository.js';
export type {
  ClaimedEmailRow,
  EmailDeliveryRow,
  EmailToEnqueue,
} from './email/email-delivery.repository.js';
export { EmailPreferenceRepository } from './email/email-preference.repository.js';
export { EmailOutbox } from './email/email-outbox.service.js';
export { InvitationEmailRepository } from './email/invitation-email.repository.js';
export { EmailSenderService } from './email/email-sender.service.js';
export type { EmailRoundSummary } from './email/email-sender.service.js';
export { EMAIL_RENDERER, plainEmailRenderer } from './email/email-renderer.js';
export type { EmailRenderer, RenderedEmail } from './email/email-renderer.js';
export {
  DEFAULT_EMAIL_SENDER_OPTIONS,
  EMAIL_SENDER_OPTIONS,
  emailRetryDelayAfter,
} from './email/email-options.js';
export type { EmailSenderOptions } from './email/email-options.js';
export { classifySmtpError } from './email/smtp-error.js';
export type { SmtpFailure } from './email/smtp-error.js';
export { EmailModule } from './email/email.module.js';
export { EventEmailsModule } from './email/event-emails.module.js';
export { EventEmailsService, emailsOf } from './email/event-emails.js';
export {
  CONFIGURABLE_EMAIL_CATEGORIES,
  DEFAULT_EMAIL_MODES,
  effectiveMode,
} from './email/email-defaults.js';
export { renderEmail } from './email/templates/render-email.js';
export {
  EMAIL_CATEGORY_BY_KIND,
  formatShortName,
  relaisLink,
  shortPersonName,
} from './email/templates/email-message.js';
export type {
  AppointmentReminderEmail,
  DailyDigestEmail,
  DigestNotification,
  DigestNotificationType,
  EmailActor,
  EmailCategory,
  EmailKind,
  EmailMessage,
  EmailUnsubscribe,
  HandoverOutcome,
  RenderedTemplate,
  ShortPersonName,
  UnassignedGroup,
  UnassignedPerson,
} from './email/templates/email-message.js';
export { EmailTemplatesRenderer } from './email/templates/email-templates.renderer.js';
export { EmailTemplatesModule } from './email/templates/email-templates.module.js';
export {
  EMAIL_CATEGORY_LABELS,
  isConfigurableEmailCategory,
  makeUnsubscribeToken,
  readUnsubscribeToken,
  unsubscribeUrl,
} from './email/unsubscribe-link.js';
export type { ConfigurableEmailCategory, UnsubscribeClaim } from './email/unsubscribe-link.js';
