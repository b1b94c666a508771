import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  type AppConfig,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
} from '@relais/core';
import { type AccountEntity, AccountStatus } from '../account.entity.js';
import { AccountRepository } from '../account.repository.js';
import { MembershipRepository } from '../membership.repository.js';
import { type IssuedTokens, SessionService } from '../sessions/session.service.js';
import { amrShowsMfa } from './amr.js';
import { LoginAttemptSeal } from './login-attempt.js';
import { OidcClient, type OidcIdentity } from './oidc-client.js';
import type { OidcSignInStart } from './openid-relying-party.js';

const askYourAdmin = 'ask an administrator of your structure';

/**
 * Sign-in with the configured OpenID provider (ProConnect). An account is found by the
 * provider's (issuer, sub); the first time, by the email the provider vouches for, and then
 * linked to that (issuer, sub) for good. Nobody gets an account by signing in: admins invite.
 * A refused sign-in writes nothing: the link and the session are one transaction, after every
 * check.
 */
@Injectable()
export class OidcSignInService {
  private readonly seal: LoginAttemptSeal;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly memberships: MembershipRepository,
    private readonly sessions: SessionService,
    private readonly client: OidcClient,
  ) {
    this.seal = new LoginAttemptSeal(config.authTokenSecret);
  }

  start(): Promise<OidcSignInStart> {
    return this.client.start(this.seal);
  }

  /** The provider's redirect back: its query parameters and the browser's sealed attempt. */
  async complete(
    callback: URLSearchParams,
    sealedAttempt: string | undefined,
  ): Promise<IssuedTokens> {
    const attempt = await this.seal.open(sealedAttempt);
    if (!attempt) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.SignInNotStarted,
        'No sign-in is in progress in this browser, or it took longer than 10 minutes: start again from /auth/oidc/login.',
      );
    }
    const identity = await this.client.identityFrom(callback, attempt);
    return this.dataSource.transaction(async (manager) => {
      const account = await this.accountOf(manager, identity);
      await this.checkMfa(manager, account, identity);
      if (account.oidcSubject === null) {
        await this.accounts.linkOidcIdentity(
          account.id,
          identity.issuer,
          identity.subject,
          manager,
        );
      }
      return this.sessions.startWithin(manager, account.id, identity.amr, {
        provider: 'proconnect',
        idToken: identity.rawIdToken,
      });
    });
  }

  /**
   * Signs an account's session out: Relais' session ends first, whatever the provider; then,
   * for a session opened through ProConnect, the URL of ProConnect's logout, where the browser
   * goes to end its session there too (undefined otherwise, or when ProConnect's metadata
   * names no logout or cannot be read).
   */
  async signOut(sessionId: string): Promise<string | undefined> {
    const ended = await this.sessions.signOut(sessionId);
    if (ended?.provider !== 'proconnect') return undefined;
    return this.client.endSessionUrl(ended.idToken);
  }

  private async accountOf(manager: EntityManager, identity: OidcIdentity): Promise<AccountEntity> {
    const linked = await this.accounts.byOidcIdentity(identity.issuer, identity.subject, manager);
    if (linked) return this.active(linked);

    // First sign-in: only an email the provider vouches for finds the invited account.
    // ProConnect sends no email_verified: its emails are the professional addresses its
    // identity providers manage, and it tells service providers to reconcile on them; so an
    // absent claim is trusted, an explicit false never is.
    if (!identity.email) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.SignInEmailMissing,
        `The sign-in provider did not share your email address, so Relais cannot find your account: ${askYourAdmin}.`,
      );
    }
    if (identity.emailVerified === false) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.SignInEmailUnverified,
        `The sign-in provider has not verified your email address, so Relais cannot link it to an account: verify it there, or ${askYourAdmin}.`,
      );
    }
    const invited = await this.accounts.lockByEmail(identity.email, manager);
    if (!invited) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.AccountNotFound,
        `No Relais account has this email address: accounts are opened by invitation, ${askYourAdmin}.`,
      );
    }
    if (invited.oidcSubject !== null) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.AccountLinkedElsewhere,
        `The Relais account with this email address is linked to another sign-in identity: ${askYourAdmin}.`,
      );
    }
    return this.active(invited);
  }

  private active(account: AccountEntity): AccountEntity {
    if (account.status !== AccountStatus.ACTIVE) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.AccountDisabled,
        `This Relais account is disabled: ${askYourAdmin}.`,
      );
    }
    return account;
  }

  /** With OIDC_MFA_REQUIRED_FOR_ADMINS, an account holding an admin role needs two factors. */
  private async checkMfa(
    manager: EntityManager,
    account: AccountEntity,
    identity: OidcIdentity,
  ): Promise<void> {
    if (!this.config.oidc?.mfaRequiredForAdmins || amrShowsMfa(identity.amr)) return;
    const isAdmin = await this.memberships.holdsAdminRole(account.id, manager);
    if (isAdmin) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        DomainErrorReason.MfaRequired,
        'Your account holds an administrator role, which requires two-factor authentication (MFA): sign in again with a second factor at your sign-in provider.',
      );
    }
  }
}
