import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import type { PersonPrincipal } from '@relais/identity';
import {
  FranceConnectSignInService,
  PersonSignInService,
  type SignInChallenge,
} from '@relais/person-space';
import { PersonSelf, Public } from '../auth/access.decorators.js';
import { CurrentPerson } from '../auth/current-principal.decorator.js';
import { signInEmail } from '../auth/rate-limit-subjects.js';
import { answerSignOut } from '../auth/sign-out-answer.js';
import { type AnsweredTokens, answerTokens } from '../auth/token-answer.js';
import {
  AuthRateLimit,
  RateLimitedBy,
  type RateLimitSubject,
} from '../security/auth-rate-limit.decorator.js';
import {
  OpenPersonLinkBody,
  PersonSignInBody,
  RequestPersonCodeBody,
} from './dto/person-sign-in.bodies.js';

function field(body: unknown, name: string): string | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** The link tried, by its hash (no token is kept, even in a key). */
const linkToken: RateLimitSubject = ({ body }) => {
  const token = field(body, 'token');
  return token && `person-link:${createHash('sha256').update(token).digest('base64url')}`;
};

/** The challenge whose code is tried: 5 tries each, and no more than the subject limit. */
const challengeId: RateLimitSubject = ({ body }) => {
  const challenge = field(body, 'challenge');
  return challenge && `person-challenge:${challenge.toLowerCase()}`;
};

/** What the sign-in page shows after a code was sent: where to type it, until when. */
interface ChallengeAnswer {
  readonly challenge: string;
  readonly expiresAt: Date;
}

const answered = (challenge: SignInChallenge): ChallengeAnswer => ({
  challenge: challenge.challenge,
  expiresAt: challenge.expiresAt,
});

/**
 * The followed person's sign-in to their personal space (issue 22). Public routes: the link and
 * the emailed code are the credentials; rate-limited per address and per link, email or
 * challenge tried (ADR 0004). The session ends like an account's: `POST /auth/refresh` renews
 * it from the same cookie, `POST /auth/person/sign-out` ends it (and gives FranceConnect's
 * logout for a session opened through it).
 */
@AuthRateLimit()
@Controller('auth/person')
export class PersonSignInController {
  constructor(
    private readonly signIns: PersonSignInService,
    private readonly franceConnect: FranceConnectSignInService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Opens the invitation's link (once, 7 days): a code is emailed to the space's address. */
  @Public()
  @RateLimitedBy(linkToken)
  @Post('link')
  @HttpCode(200)
  async openLink(@Body() body: OpenPersonLinkBody): Promise<ChallengeAnswer> {
    return answered(await this.signIns.openLink(body.token));
  }

  /** Asks for a code with the address given to the referent; the answer is the same for any. */
  @Public()
  @RateLimitedBy(signInEmail)
  @Post('code')
  @HttpCode(200)
  async requestCode(@Body() body: RequestPersonCodeBody): Promise<ChallengeAnswer> {
    return answered(await this.signIns.requestCode(body.email.trim()));
  }

  /** The code received: a person session (its refresh token in the cookie for the web client). */
  @Public()
  @RateLimitedBy(challengeId)
  @Post('sign-in')
  @HttpCode(200)
  async signIn(
    @Body() body: PersonSignInBody,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<AnsweredTokens> {
    const tokens = await this.signIns.signIn(body.challenge, body.code);
    return answerTokens(this.config, tokens, body.cookie === true, request, response);
  }

  /**
   * Ends the session; 204, or for a session opened through FranceConnect 200 with
   * `{ providerLogoutUrl }`, FranceConnect's logout ("déconnexion obligatoire"), which the
   * browser follows next.
   */
  @PersonSelf()
  @Post('sign-out')
  async signOut(
    @CurrentPerson() principal: PersonPrincipal,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const providerLogoutUrl = await this.franceConnect.signOut(principal.sessionId);
    answerSignOut(this.config, request, response, providerLogoutUrl);
  }
}
