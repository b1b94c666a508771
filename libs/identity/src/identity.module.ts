import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobsModule } from '@relais/core';
import { AccessRevocations } from './access-revocations.js';
import { AccountEntity } from './account.entity.js';
import { ApiClientEntity } from './api-clients/api-client.entity.js';
import { ClientCredentialsService } from './api-clients/client-credentials.service.js';
import { PrincipalResolver } from './principal-resolver.service.js';
import { AccountProfileService } from './accounts/account-profile.service.js';
import { MembershipEntity } from './membership.entity.js';
import { RefreshTokenEntity, SessionEntity } from './session.entity.js';
import { AccessTokenService } from './sessions/access-token.service.js';
import { DevSignInService } from './sessions/dev-sign-in.service.js';
import { SessionService } from './sessions/session.service.js';
import { AccountRepository } from './account.repository.js';
import { AccountNamesRepository } from './account-names.repository.js';
import { ActorNamesRepository } from './actor-names.repository.js';
import { MembershipStatusRepository } from './membership-status.repository.js';
import { MembershipRepository } from './membership.repository.js';
import { SessionRepository } from './session.repository.js';
import { ProviderTokensCleanupJob } from './sessions/provider-tokens-cleanup.job.js';
import { InvitationRepository } from './invitation.repository.js';
import { AccountImportRepository } from './account-import.repository.js';
import { MembershipImportRepository } from './membership-import.repository.js';
import { ApiClientRepository } from './api-clients/api-client.repository.js';
import { ApiClientWebhookRepository } from './api-clients/api-client-webhook.repository.js';
import { MembershipAudienceRepository } from './membership-audience.repository.js';
import { MembershipHandoverRepository } from './membership-handover.repository.js';

@Module({
  imports: [
    JobsModule,
    TypeOrmModule.forFeature([
      AccountEntity,
      MembershipEntity,
      SessionEntity,
      RefreshTokenEntity,
      ApiClientEntity,
    ]),
  ],
  providers: [
    AccountRepository,
    AccountNamesRepository,
    ActorNamesRepository,
    MembershipStatusRepository,
    MembershipRepository,
    SessionRepository,
    InvitationRepository,
    AccountImportRepository,
    MembershipImportRepository,
    ApiClientRepository,
    ApiClientWebhookRepository,
    MembershipAudienceRepository,
    MembershipHandoverRepository,
    AccessTokenService,
    SessionService,
    ProviderTokensCleanupJob,
    DevSignInService,
    AccountProfileService,
    AccessRevocations,
    ClientCredentialsService,
    PrincipalResolver,
  ],
  exports: [
    AccountRepository,
    AccountNamesRepository,
    ActorNamesRepository,
    MembershipStatusRepository,
    MembershipRepository,
    SessionRepository,
    InvitationRepository,
    AccountImportRepository,
    MembershipImportRepository,
    ApiClientRepository,
    ApiClientWebhookRepository,
    MembershipAudienceRepository,
    MembershipHandoverRepository,
    AccessTokenService,
    SessionService,
    DevSignInService,
    AccountProfileService,
    AccessRevocations,
    ClientCredentialsService,
    PrincipalResolver,
  ],
})
export class IdentityModule {}
