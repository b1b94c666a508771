export { NotificationEntity } from './notification.entity.js';
export { WebhookDeliveryEntity, WebhookDeliveryStatus } from './webhook-delivery.entity.js';

import { NotificationEntity } from './notification.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const notificationEntities = [NotificationEntity, WebhookDeliveryEntity];
export {
  EVENT_FAMILY_SCOPES,
  partnerEventCondition,
  partnerEventPrefixes,
  partnerMaySee,
} from './partner-visibility.js';
export type { PartnerVisibleEvent } from './partner-visibility.js';
