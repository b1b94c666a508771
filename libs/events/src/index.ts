export { OutboxEventEntity } from './outbox-event.entity.js';
export { OUTBOX_CHANNEL, writeOutbox } from './outbox.writer.js';
export type { OutboxEntry, OutboxEntryOf } from './outbox.writer.js';
export {
  EVENT_TYPE_LABELS,
  EVENT_TYPES,
  EventType,
  eventTypeLabel,
  isEventType,
} from './event-types.js';
export {
  eventTypesOfKinds,
  TIMELINE_KIND_LABELS,
  TIMELINE_KINDS,
  TimelineKind,
  timelineKindOf,
} from './event-kinds.js';
export { EVENT_CATALOGUE } from './event-catalogue.js';
export type {
  EventAudience,
  EventDefinition,
  HandoverAcceptedPayload,
  HandoverPayload,
  JoinDecidedPayload,
  JoinRequestedPayload,
  OrientationDecidedPayload,
  OrientationRequestedPayload,
  OutboxEventType,
  OutboxPayloads,
  PersonArchivedPayload,
} from './event-catalogue.js';
export type { AudienceSpec } from './audience.js';
export { EventsModule } from './events.module.js';
export { OutboxRetentionRepository } from './outbox-retention.repository.js';
export type { ArchivedFileTeam, OutboxRetentionReason } from './outbox-retention.repository.js';
export { OutboxRepository } from './outbox.repository.js';
export type { NumberedOutboxRow, OutboxEventRow, OutboxRowValues } from './outbox.repository.js';

import { OutboxEventEntity } from './outbox-event.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const eventEntities = [OutboxEventEntity];
