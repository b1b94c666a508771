import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Header, Inject, Query, Redirect, Req, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, DomainError } from '@relais/core';
import { type IssuedTokens, OidcSignInService } from '@relais/identity';
import { AuthRateLimit } from '../security/auth-rate-limit.decorator.js';
import { Public } from './access.decorators.js';
import {
  attemptCookie,
  attemptOf,
  clearedAttemptCookie,
  clearedWebReturnCookie,
  startedByWebClient,
  webReturnCookie,
} from './oidc-attempt.cookie.js';
import { refreshCookie } from './refresh-cookie.js';

/** Where the web client takes over after a sign-in with the provider (apps/web, SignInPage). */
export const WEB_SIGN_IN_RETURN_PATH = '/connexion';

interface ExpressResponse extends ServerResponse {
  redirect(status: number, url: string): void;
  json(body: unknown): void;
}

/**
 * Sign-in with the configured OpenID provider (ProConnect), in the browser: `login` sends it
 * to the provider, which sends it back to `callback`. Both are public (signing in is how one
 * stops being anonymous) and rate-limited like every credential check (ADR 0004).
 *
 * `login?client=web` is the web client's way in: the callback then keeps the session's refresh
 * token in the HttpOnly cookie every tab shares and sends the browser back to the web client,
 * which takes its access token from there (ADR 0017); a failure comes back as `#erreur=<code>`.
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
    @Query('client') client?: string,
  ): Promise<{ url: string; statusCode: number }> {
    const start = await this.signIn.start();
    const cookies = [attemptCookie(this.config, start.sealedAttempt, start.maxAgeSeconds)];
    if (client === 'web') cookies.push(webReturnCookie(this.config, start.maxAgeSeconds));
    response.setHeader('Set-Cookie', cookies);
    return { url: start.authorizationUrl, statusCode: 302 };
  }

  /**
   * Answers the same tokens as the other sign-ins (or, for the web client, sends the browser
   * back to it); the attempt is over, whatever the outcome.
   */
  @Public()
  @Get('callback')
  async callback(
    @Req() request: IncomingMessage & { originalUrl?: string; secure?: boolean },
    @Res() response: ExpressResponse,
  ): Promise<void> {
    const forWeb = startedByWebClient(request.headers.cookie);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Set-Cookie', [
      clearedAttemptCookie(this.config),
      clearedWebReturnCookie(this.config),
    ]);
    const url = request.originalUrl ?? request.url ?? '';
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const completing = this.signIn.complete(query, attemptOf(request.headers.cookie));
    if (!forWeb) {
      // An error goes to the exception filter, like any route's.
      response.json(await completing);
      return;
    }
    try {
      const tokens: IssuedTokens = await completing;
      // The session goes into the web client's cookie; the page takes it from there.
      response.setHeader('Set-Cookie', [
        clearedAttemptCookie(this.config),
        clearedWebReturnCookie(this.config),
        refreshCookie(this.config, request, tokens.refreshToken, tokens.sessionExpiresAt),
      ]);
      response.redirect(303, WEB_SIGN_IN_RETURN_PATH);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const fragment = new URLSearchParams({ erreur: error.code });
      response.redirect(303, `${WEB_SIGN_IN_RETURN_PATH}#${fragment.toString()}`);
    }
  }
}
