import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
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

@Module({
  imports: [
    TypeOrmModule.forFeature([
      AccountEntity,
      MembershipEntity,
      SessionEntity,
      RefreshTokenEntity,
      ApiClientEntity,
    ]),
  ],
  providers: [
    AccessTokenService,
    SessionService,
    DevSignInService,
    AccountProfileService,
    AccessRevocations,
    ClientCredentialsService,
    PrincipalResolver,
  ],
  exports: [
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
