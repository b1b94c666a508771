export { abilityFor } from './ability.js';
export type {
  Action,
  RelaisAbility,
  SubjectName,
  SubjectRecord,
  SubjectShapes,
} from './ability.js';
export { actingMembership, forbidden } from './acting-membership.js';
export { readableMembershipRoles } from './membership-list.policy.js';
export type { MembershipListPlace } from './membership-list.policy.js';
export { fileScope, systemScope, SYSTEM_REASONS, viewerScope } from './scope.js';
export type { FileScope, ReadScope, SystemReason, SystemScope, ViewerScope } from './scope.js';
export { AccessModule } from './access.module.js';
export { AccessGround } from './access-log/access-ground.js';
export { AccessLogWriter, appendAccessLogRows } from './access-log/access-log.writer.js';
export { AccessLogRetentionRepository } from './access-log/access-log-retention.repository.js';
export type { AccessLogPurgeRow } from './access-log/access-log-retention.repository.js';
export type { AccessLogRead } from './access-log/access-log.writer.js';
export {
  fileViewerFor,
  FORMER_REFERENT_READ_DAYS,
  NIR_STRUCTURE_TYPES,
  SOCIAL_STRUCTURE_TYPES,
} from './file-access/file-viewer.js';
export type { FileFacts, FileViewer } from './file-access/file-viewer.js';
export { fileAbilityFor, NOTE_EDIT_WINDOW_MS } from './file-access/file-ability.js';
export type { FileAbility } from './file-access/file-ability.js';
export { noteViewerValues, noteVisibleSql } from './file-access/note-visibility.js';
export type { NoteViewerParams } from './file-access/note-visibility.js';
export { AccessLogEntryEntity } from './access-log/access-log-entry.entity.js';
export { verifyAccessLog } from './access-log/access-log.verifier.js';
export type {
  AccessLogBreak,
  AccessLogReport,
  ChainBreakReason,
  ChainHead,
  TerritoryChainReport,
  VerifyAccessLogOptions,
} from './access-log/access-log.verifier.js';
export { AdminAuditEventEntity } from './audit/admin-audit-event.entity.js';
export { recordAdminChange } from './audit/admin-audit.writer.js';
export { adminAuditCanonical, verifyAdminAudit } from './audit/admin-audit.verifier.js';
export type { AdminAuditChainRow, AdminAuditReport } from './audit/admin-audit.verifier.js';
export type { AdminChange } from './audit/admin-audit.writer.js';
export { AccessLogRepository } from './access-log/access-log.repository.js';
export type {
  AccessLogChainState,
  AccessLogFileRead,
  AccessLogInsertRow,
} from './access-log/access-log.repository.js';
export { AdminAuditRepository } from './audit/admin-audit.repository.js';
export type { AdminAuditInsertRow, AdminAuditPlace } from './audit/admin-audit.repository.js';

import { AdminAuditEventEntity } from './audit/admin-audit-event.entity.js';
import { AccessLogEntryEntity } from './access-log/access-log-entry.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const accessEntities = [AdminAuditEventEntity, AccessLogEntryEntity];
