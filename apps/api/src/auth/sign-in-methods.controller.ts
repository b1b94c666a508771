import { Controller, Get, Header, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import { DEMO_PERSONAS } from '../demo/demo-personas.js';
import { Public } from './access.decorators.js';

export interface SignInMethods {
  /** "S'identifier avec ProConnect": GET /auth/oidc/login?client=web. */
  readonly oidc: boolean;
  /** The person's "S'identifier avec FranceConnect": GET /auth/person/franceconnect. */
  readonly franceConnect: boolean;
  /** POST /auth/dev/sign-in with an email alone (the demo). */
  readonly devSignIn: boolean;
  /** The demo's accounts, when the development sign-in is on; else none. */
  readonly demoPersonas: readonly { email: string; name: string; description: string }[];
  /** A session unused this long ends: the web client warns before and signs out then. */
  readonly sessionIdleMinutes: number;
}

/** What the web client's sign-in page offers. */
@Controller('auth')
export class SignInMethodsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  // Public: it is read before signing in, and says nothing the sign-in page would not show.
  @Public()
  @Get('methods')
  @Header('Cache-Control', 'no-store')
  methods(): SignInMethods {
    const devSignIn = this.config.devSignIn && this.config.nodeEnv !== 'production';
    return {
      oidc: this.config.oidc !== undefined,
      franceConnect: this.config.franceConnect !== undefined,
      devSignIn,
      demoPersonas: devSignIn
        ? DEMO_PERSONAS.map((persona) => ({
            email: persona.email,
            name: `${persona.givenName} ${persona.familyName}`,
            description: persona.descriptionFr,
          }))
        : [],
      sessionIdleMinutes: this.config.sessionIdleMinutes,
    };
  }
}
