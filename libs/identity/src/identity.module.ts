import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessRevocations } from './access-revocations.js';
import { AccountEntity } from './account.entity.js';
import { AccountProfileService } from './accounts/account-profile.service.js';
import { MembershipEntity } from './membership.entity.js';
import { RefreshTokenEntity, SessionEntity } from './session.entity.js';
import { AccessTokenService } from './sessions/access-token.service.js';
import { DevSignInService } from './sessions/dev-sign-in.service.js';
import { SessionService } from './sessions/session.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([AccountEntity, MembershipEntity, SessionEntity, RefreshTokenEntity]),
  ],
  providers: [
    AccessTokenService,
    SessionService,
    DevSignInService,
    AccountProfileService,
    AccessRevocations,
  ],
  exports: [
    AccessTokenService,
    SessionService,
    DevSignInService,
    AccountProfileService,
    AccessRevocations,
  ],
})
export class IdentityModule {}
