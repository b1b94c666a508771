import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Get, Header, Inject, Logger, Redirect, Req, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import { FranceConnectSignInService } from '@relais/person-space';
import { Public } from '../auth/access.decorators.js';
import {
  clearedProviderAttemptCookie,
  cookieOf,
  providerAttemptCookie,
} from '../auth/oidc-attempt.cookie.js';
import { refreshCookie } from '../auth/refresh-cookie.js';
import { AuthRateLimit } from '../security/auth-rate-limit.decorator.js';

/** The cookie that carries a sealed FranceConnect attempt from the redirect to the callback. */
export const FRANCECONNECT_ATTEMPT_COOKIE = 'relais_fc_attempt';
/** The person's space on the web client, signed in (its page takes the session from the cookie). */
export const PERSON_SPACE_PATH = '/mon-espace';
/** The person's sign-in page, saying it found no file and how to ask the referent. */
export const FRANCECONNECT_REFUSED_PATH = '/mon-espace/connexion?erreur=franceconnect';

interface ExpressResponse extends ServerResponse {
  redirect(status: number, url: string): void;
}

/**
 * The person's sign-in with FranceConnect (issue 22, ADR 0028), in the browser: the first route
 * sends it to FranceConnect, which sends it back to the callback. The callback ends on the web
 * client, signed in (the refresh token in the cookie every tab shares, ADR 0017) or on the
 * sign-in page with one answer whatever went wrong. Public and rate-limited like every
 * credential check (ADR 0004).
 */
@AuthRateLimit()
@Controller('auth/person/franceconnect')
export class FranceConnectController {
  private readonly logger = new Logger(FranceConnectController.name);

  constructor(
    private readonly signIn: FranceConnectSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @Redirect()
  @Header('Cache-Control', 'no-store')
  async start(
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<{ url: string; statusCode: number }> {
    const start = await this.signIn.start();
    response.setHeader(
      'Set-Cookie',
      providerAttemptCookie(
        FRANCECONNECT_ATTEMPT_COOKIE,
        this.config.franceConnect?.redirectUri,
        start.sealedAttempt,
        start.maxAgeSeconds,
      ),
    );
    return { url: start.authorizationUrl, statusCode: 302 };
  }

  /** The attempt is over, whatever the outcome. */
  @Public()
  @Get('callback')
  async callback(
    @Req() request: IncomingMessage & { originalUrl?: string; secure?: boolean },
    @Res() response: ExpressResponse,
  ): Promise<void> {
    const cleared = clearedProviderAttemptCookie(
      FRANCECONNECT_ATTEMPT_COOKIE,
      this.config.franceConnect?.redirectUri,
    );
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Set-Cookie', cleared);
    const url = request.originalUrl ?? request.url ?? '';
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    try {
      const outcome = await this.signIn.complete(
        query,
        cookieOf(request.headers.cookie, FRANCECONNECT_ATTEMPT_COOKIE),
      );
      if (outcome.refusal) {
        response.redirect(303, FRANCECONNECT_REFUSED_PATH);
        return;
      }
      response.setHeader('Set-Cookie', [
        cleared,
        refreshCookie(
          this.config,
          request,
          outcome.tokens.refreshToken,
          outcome.tokens.sessionExpiresAt,
        ),
      ]);
      response.redirect(303, PERSON_SPACE_PATH);
    } catch (error) {
      // The person gets the same answer; the operator gets the failure.
      this.logger.error(`A FranceConnect sign-in failed: ${String(error)}`);
      response.redirect(303, FRANCECONNECT_REFUSED_PATH);
    }
  }
}
