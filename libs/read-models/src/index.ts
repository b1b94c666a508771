export { ReadModelsModule } from './read-models.module.js';
export { HandoverListReadModel } from './handover-list.read-model.js';
export { OrientationRequestListReadModel } from './orientation-request-list.read-model.js';
export { CaseloadReadModel } from './caseload.read-model.js';
export type { CaseloadEntry } from './caseload.read-model.js';
export { SearchReadModel } from './search.read-model.js';
export {
  PersonSummaryReadModel,
  REFERENT_JOIN,
  SUMMARY_COLUMNS,
} from './person-summary.read-model.js';
export { AccessLogReadModel } from './access-log.read-model.js';
export type { AccessLogEntryView } from './access-log.read-model.js';
export { EmailDeliveryLogReadModel } from './email-delivery-log.read-model.js';
export type {
  EmailDeliveryLogEntry,
  EmailDeliveryLogQuery,
} from './email-delivery-log.read-model.js';
export { TimelineReadModel } from './timeline.read-model.js';
export type { TimelineEntryView, TimelineNames, TimelineReference } from './timeline.read-model.js';
export { AccessLogDaysReadModel } from './access-log-days.read-model.js';
export type {
  AccessLogDayView,
  AccessLogPersonView,
  AccessLogReach,
  AccessLogReaderView,
} from './access-log-days.read-model.js';
export { FormerCaseloadReadModel } from './former-caseload.read-model.js';
export type { FormerCaseloadEntryView } from './former-caseload.read-model.js';
export { TeamReadModel } from './team.read-model.js';
export { OpenHandoverReadModel } from './open-handover.read-model.js';
export type { OpenHandoverView } from './open-handover.read-model.js';
export { JoinRequestReadModel } from './join-request.read-model.js';
export { InboxReadModel } from './inbox.read-model.js';
export { PartnerFeedReadModel } from './partner-feed.read-model.js';
export { DailyDigestReadModel } from './daily-digest.read-model.js';
export type { DigestNotificationRow, UnassignedRow } from './daily-digest.read-model.js';
export { CaseloadSortField, DEFAULT_CASELOAD_ORDER, SortDirection } from './caseload-order.js';
export type { CaseloadOrder } from './caseload-order.js';
export {
  ALL_CASELOAD_COLUMNS,
  CONTRACT_ENDING_DAYS,
  MAX_CASELOAD_EXPORT_ROWS,
} from './caseload.read-model.js';
export type { CaseloadColumns, CaseloadPage, CaseloadQuery } from './caseload.read-model.js';
export { CaseloadExportService } from './caseload-export.service.js';
export { WorkQueueReadModel, WORK_SECTIONS } from './work-queue.read-model.js';
export type {
  WorkItemView,
  WorkQueueView,
  WorkSectionName,
  WorkSectionView,
} from './work-queue.read-model.js';
