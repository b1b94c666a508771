import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { DevSignInService, type IssuedTokens, SessionService } from '@relais/identity';
import type { AccountPrincipal } from '@relais/identity';
import { AuthRateLimit, RateLimitedBy } from '../security/auth-rate-limit.decorator.js';
import { Authenticated, Public } from './access.decorators.js';
import { CurrentAccount } from './current-principal.decorator.js';
import { DevSignInBody, RefreshBody } from './dto/auth.bodies.js';
import { refreshTokenHash, signInEmail } from './rate-limit-subjects.js';

// Every route here is a credential check: rate-limited per client address, and per the email
// or refresh token tried where there is one (ADR 0004).
@AuthRateLimit()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly devSignIn: DevSignInService,
    private readonly sessions: SessionService,
  ) {}

  /** Sign-in by email alone, when DEV_SIGN_IN=true (the demo); never in production. */
  @Public()
  @RateLimitedBy(signInEmail)
  @Post('dev/sign-in')
  @HttpCode(200)
  signInForDevelopment(@Body() body: DevSignInBody): Promise<IssuedTokens> {
    return this.devSignIn.signIn(body.email);
  }

  /** Public: the refresh token is the credential. */
  @Public()
  @RateLimitedBy(refreshTokenHash)
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() body: RefreshBody): Promise<IssuedTokens> {
    return this.sessions.refresh(body.refreshToken);
  }

  @Authenticated()
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@CurrentAccount() principal: AccountPrincipal): Promise<void> {
    await this.sessions.signOut(principal.sessionId);
  }
}
