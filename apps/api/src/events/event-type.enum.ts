import { type FieldMiddleware, registerEnumType } from '@nestjs/graphql';
import { EVENT_TYPE_LABELS, EventType } from '@relais/events';

// The catalogue's types as a GraphQL enum: its values are the catalogue's keys (a GraphQL enum
// value cannot hold a dot), each serialized from the stored string, e.g. `handover.proposed`
// is `HANDOVER_PROPOSED`. The `type: String!` fields stay as they are for partners.
registerEnumType(EventType, {
  name: 'EventType',
  description: 'What happened: one value per type of the event catalogue.',
  valuesMap: Object.fromEntries(
    Object.entries(EventType).map(([key, type]) => [
      key,
      { description: `\`${type}\`: ${EVENT_TYPE_LABELS[type]}.` },
    ]),
  ),
});

/** Resolves an `eventType` field from the object's stored `type` string. */
export const eventTypeOfSource: FieldMiddleware = ({ source }) =>
  (source as { readonly type: string }).type;

export { EventType };
