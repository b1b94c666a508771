import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity.module.js';
import { OidcClient } from './oidc-client.js';
import { OidcSignInService } from './oidc-sign-in.service.js';

/** Sign-in with the configured OpenID provider (ProConnect); off unless OIDC_* are set. */
@Module({
  imports: [IdentityModule],
  providers: [OidcClient, OidcSignInService],
  exports: [OidcSignInService],
})
export class OidcModule {}
