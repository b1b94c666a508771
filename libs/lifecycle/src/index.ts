export { LifecycleModule } from './lifecycle.module.js';
export { NotConcernedReason } from './lifecycle.enums.js';
export {
  ACCESS_LOG_MONTHS,
  ARCHIVE_AFTER_MONTHS,
  ARCHIVED_REASON,
  PURGE_AFTER_MONTHS,
  RetentionService,
} from './retention.service.js';
export type {
  AccessLogPurgeCounts,
  ArchiveCounts,
  RetentionOptions,
  RetentionReport,
} from './retention.service.js';
export type { PurgeCounts } from './person-purge.js';
export { describeRetention } from './retention-report.js';
export { NOT_CONCERNED_ACTION, NotConcernedService } from './not-concerned.service.js';
export type { NotConcernedPurge } from './not-concerned.service.js';
export { RETENTION_CRON, RETENTION_TIME_ZONE, RetentionScheduler } from './retention.scheduler.js';
