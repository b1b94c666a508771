export * from './handover.enums.js';
export { HandoverEntity } from './handover.entity.js';
export { OrientationRequestEntity } from './orientation-request.entity.js';

import { HandoverEntity } from './handover.entity.js';
import { OrientationRequestEntity } from './orientation-request.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const handoverEntities = [HandoverEntity, OrientationRequestEntity];

export { HandoversModule } from './handovers.module.js';
export { HandoverRetentionRepository } from './handover-retention.repository.js';
export type { ArchivedFileHandoverRow } from './handover-retention.repository.js';
export { HandoverAnswerService } from './handover-answer.service.js';
export { HANDOVER_EXPIRY_OPTIONS, HandoverExpiryService } from './handover-expiry.service.js';
export type { HandoverExpiryOptions } from './handover-expiry.service.js';
export { HandoverProposalService } from './handover-proposal.service.js';
export { HandoverPreviewService } from './handover-preview.service.js';
export { HANDOVER_CONTRACT_TYPES } from './handover-context.js';
export type { AcceptanceContext, HandoverSummary } from './handover-context.js';
export { HandoverQueryService } from './handover-query.service.js';
export { HandoverRepository } from './handover.repository.js';
export type { ExpiredHandover, HandoverDecider, NewHandover } from './handover.repository.js';
export { OrientationRequestRepository } from './orientation-request.repository.js';
export type {
  NewOrientationRequest,
  OrientationDecision,
} from './orientation-request.repository.js';
export { HandoverExpiryJob } from './handover-expiry.job.js';
export { OrientationService } from './orientation.service.js';
export { HandoverDirection } from './handover.views.js';
export type {
  AcceptHandover,
  DecideOrientation,
  HandoverView,
  NamedRef,
  OrientationRequestView,
  ProposeHandover,
  StoredSummaryView,
} from './handover.views.js';
