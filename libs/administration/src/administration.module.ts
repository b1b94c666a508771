import { Module } from '@nestjs/common';
import { AccessModule } from '@relais/access';
import { IdentityModule } from '@relais/identity';
import { EmailModule } from '@relais/notifications';
import { OrganizationsModule } from '@relais/organizations';
import { AdminAuditLogService } from './admin-audit-log.service.js';
import { ApiClientAdminService } from './api-client-admin.service.js';
import { DirectoryService } from './directory.service.js';
import { InvitationEmails } from './invitation-emails.service.js';
import { MembershipAdminService } from './membership-admin.service.js';
import { MembershipChangeService } from './membership-change.service.js';
import { StructureAdminService } from './structure-admin.service.js';
import { TerritoryAdminService } from './territory-admin.service.js';

const services = [
  ApiClientAdminService,
  DirectoryService,
  InvitationEmails,
  AdminAuditLogService,
  MembershipAdminService,
  MembershipChangeService,
  StructureAdminService,
  TerritoryAdminService,
];

@Module({
  imports: [IdentityModule, AccessModule, OrganizationsModule, EmailModule],
  providers: services,
  exports: services,
})
export class AdministrationModule {}
