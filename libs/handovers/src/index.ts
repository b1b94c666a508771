export * from './handover.enums.js';
export { HandoverEntity } from './handover.entity.js';
export { OrientationRequestEntity } from './orientation-request.entity.js';

import { HandoverEntity } from './handover.entity.js';
import { OrientationRequestEntity } from './orientation-request.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const handoverEntities = [HandoverEntity, OrientationRequestEntity];
