// The server's event catalogue (types and their French labels), shared with the RGPD export: a
// module of libs/events with no imports, so the client loads it without the server's libs.
export {
  EVENT_TYPE_LABELS,
  EventType,
  eventTypeLabel,
  isEventType,
} from '../../../../libs/events/src/event-types.js';
export {
  TIMELINE_KIND_LABELS,
  TIMELINE_KINDS,
  TimelineKind,
} from '../../../../libs/events/src/event-kinds.js';
