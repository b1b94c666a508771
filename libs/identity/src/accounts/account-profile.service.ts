import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { AccountEntity } from '../account.entity.js';
import { AccountRepository } from '../account.repository.js';
import type { AccountPrincipal } from '../principal.js';

/** What an account sees of itself: its identity and its active memberships, with their places. */
@Injectable()
export class AccountProfileService {
  constructor(private readonly accounts: AccountRepository) {}

  /** One statement: the account, its active memberships, their structures and territories. */
  async profileOf(principal: AccountPrincipal): Promise<AccountEntity> {
    const account = await this.accounts.withActiveMemberships(principal.accountId);
    if (!account)
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.SessionEnded,
        'Sign in again.',
      );
    return account;
  }
}
