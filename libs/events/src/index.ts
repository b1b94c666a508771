export { OutboxEventEntity } from './outbox-event.entity.js';
export { OUTBOX_CHANNEL, writeOutbox } from './outbox.writer.js';
export type { OutboxEntry } from './outbox.writer.js';
export { resolveAudience } from './audience.js';
export type { AudienceSpec } from './audience.js';

import { OutboxEventEntity } from './outbox-event.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const eventEntities = [OutboxEventEntity];
