import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import { AccountStatus } from '../account.entity.js';
import { AccountRepository } from '../account.repository.js';
import { SessionService, type IssuedTokens } from './session.service.js';

/** Sign-in by email alone, for the demo and development: off unless DEV_SIGN_IN=true. */
@Injectable()
export class DevSignInService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionService,
  ) {}

  async signIn(email: string): Promise<IssuedTokens> {
    if (!this.config.devSignIn || this.config.nodeEnv === 'production') {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.SignInMethodOff,
        'The development sign-in is off on this server: sign in with ProConnect.',
      );
    }
    const account = await this.accounts.byEmail(email);
    if (account?.status !== AccountStatus.ACTIVE) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.AccountNotFound,
        'No active account has this email.',
        {
          field: 'email',
        },
      );
    }
    return this.sessions.start(account.id, ['dev']);
  }
}
