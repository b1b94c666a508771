import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Header, Inject, Redirect, Req, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import { type IssuedTokens, OidcSignInService } from '@relais/identity';
import { AuthRateLimit } from '../security/auth-rate-limit.decorator.js';
import { Public } from './access.decorators.js';
import { attemptCookie, attemptOf, clearedAttemptCookie } from './oidc-attempt.cookie.js';

/**
 * Sign-in with the configured OpenID provider (ProConnect), in the browser: `login` sends it
 * to the provider, which sends it back to `callback`. Both are public (signing in is how one
 * stops being anonymous) and rate-limited like every credential check (ADR 0004).
 */
@AuthRateLimit()
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly signIn: OidcSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  @Redirect()
  @Header('Cache-Control', 'no-store')
  async login(
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<{ url: string; statusCode: number }> {
    const start = await this.signIn.start();
    response.setHeader(
      'Set-Cookie',
      attemptCookie(this.config, start.sealedAttempt, start.maxAgeSeconds),
    );
    return { url: start.authorizationUrl, statusCode: 302 };
  }

  /** Answers the same tokens as the other sign-ins; the attempt is over, whatever the outcome. */
  @Public()
  @Get('callback')
  @Header('Cache-Control', 'no-store')
  callback(
    @Req() request: IncomingMessage & { originalUrl?: string },
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<IssuedTokens> {
    response.setHeader('Set-Cookie', clearedAttemptCookie(this.config));
    const url = request.originalUrl ?? request.url ?? '';
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    return this.signIn.complete(query, attemptOf(request.headers.cookie));
  }
}
