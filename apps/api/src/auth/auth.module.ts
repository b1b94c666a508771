import { Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { IdentityModule, OidcModule } from '@relais/identity';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { OidcController } from './oidc.controller.js';
import { SignInMethodsController } from './sign-in-methods.controller.js';
import { TokenController } from './token.controller.js';

@Module({
  // Discovery lets operationsWithoutAccessRule() list the app's operations.
  imports: [IdentityModule, OidcModule, DiscoveryModule],
  controllers: [AuthController, OidcController, SignInMethodsController, TokenController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
