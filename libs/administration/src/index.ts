export { AdministrationModule } from './administration.module.js';
export { AdminAuditLogService } from './admin-audit-log.service.js';
export type { AuditScope } from './admin-audit-log.service.js';
export { MembershipAdminService } from './membership-admin.service.js';
export type { Invited, Invitee, MembershipTarget } from './membership-admin.service.js';
export { MembershipChangeService } from './membership-change.service.js';
export { StructureAdminService } from './structure-admin.service.js';
export type { StructureFields } from './structure-admin.service.js';
export { TerritoryAdminService } from './territory-admin.service.js';
export { ApiClientAdminService } from './api-client-admin.service.js';
export type { ApiClientWithSecret, NewApiClient } from './api-client-admin.service.js';
export { DirectoryService } from './directory.service.js';
export type {
  DirectoryPlace,
  InvitationRow,
  MembershipRow,
  MembershipListOptions,
} from './directory.service.js';
