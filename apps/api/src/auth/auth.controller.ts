import type { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import {
  DevSignInService,
  type IssuedTokens,
  OidcSignInService,
  SessionService,
} from '@relais/identity';
import type { AccountPrincipal } from '@relais/identity';
import { AuthRateLimit, RateLimitedBy } from '../security/auth-rate-limit.decorator.js';
import { Authenticated, Public } from './access.decorators.js';
import { CurrentAccount } from './current-principal.decorator.js';
import { DevSignInBody, RefreshBody } from './dto/auth.bodies.js';
import { clearedRefreshCookie, refreshTokenFromCookie } from './refresh-cookie.js';
import { answerSignOut } from './sign-out-answer.js';
import { type AnsweredTokens, answerTokens } from './token-answer.js';

export type { AnsweredTokens } from './token-answer.js';
import { refreshTokenHash, signInEmail } from './rate-limit-subjects.js';

// Every route here is a credential check: rate-limited per client address, and per the email
// or refresh token tried where there is one (ADR 0004).
@AuthRateLimit()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly devSignIn: DevSignInService,
    private readonly sessions: SessionService,
    private readonly oidcSignIn: OidcSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private answer(
    tokens: IssuedTokens,
    inCookie: boolean,
    request: IncomingMessage,
    response: ServerResponse,
  ): AnsweredTokens {
    return answerTokens(this.config, tokens, inCookie, request, response);
  }

  /** Sign-in by email alone, when DEV_SIGN_IN=true (the demo); never in production. */
  @Public()
  @RateLimitedBy(signInEmail)
  @Post('dev/sign-in')
  @HttpCode(200)
  async signInForDevelopment(
    @Body() body: DevSignInBody,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<AnsweredTokens> {
    const tokens = await this.devSignIn.signIn(body.email);
    return this.answer(tokens, body.cookie === true, request, response);
  }

  /** Public: the refresh token is the credential. */
  @Public()
  @RateLimitedBy(refreshTokenHash)
  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Body() body: RefreshBody,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<AnsweredTokens> {
    const fromCookie = body.refreshToken
      ? undefined
      : refreshTokenFromCookie(request.headers.cookie);
    const refreshToken = body.refreshToken ?? fromCookie;
    if (!refreshToken) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.SessionEnded,
        'No session here: sign in.',
      );
    }
    try {
      const tokens = await this.sessions.refresh(refreshToken);
      return this.answer(
        tokens,
        fromCookie !== undefined || body.cookie === true,
        request,
        response,
      );
    } catch (error) {
      // A session that ended takes its cookie with it.
      if (fromCookie) response.setHeader('Set-Cookie', clearedRefreshCookie(this.config, request));
      throw error;
    }
  }

  /**
   * Ends the session; 204, or for a session opened through ProConnect 200 with
   * `{ providerLogoutUrl }`, ProConnect's logout, which the browser follows next.
   */
  @Authenticated()
  @Post('sign-out')
  async signOut(
    @CurrentAccount() principal: AccountPrincipal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const providerLogoutUrl = await this.oidcSignIn.signOut(principal.sessionId);
    answerSignOut(this.config, request, response, providerLogoutUrl);
  }
}
