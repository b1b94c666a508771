import { Injectable } from '@nestjs/common';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import type { AccountEntity } from '../account.entity.js';
import { AccountRepository } from '../account.repository.js';
import type { AccountPrincipal } from '../principal.js';

/** A French number: 0X or +33 X, then four pairs of digits, optionally spaced or dotted. */
export const FRENCH_PHONE_PATTERN = /^(\+33\s?|0)[1-9]([\s.]?\d{2}){4}$/;

function sessionEnded(): DomainError {
  return new DomainError(
    DomainErrorCode.Unauthenticated,
    DomainErrorReason.SessionEnded,
    'Sign in again.',
  );
}

/** What an account sees of itself: its identity and its active memberships, with their places. */
@Injectable()
export class AccountProfileService {
  constructor(private readonly accounts: AccountRepository) {}

  /** One statement: the account, its active memberships, their structures and territories. */
  async profileOf(principal: AccountPrincipal): Promise<AccountEntity> {
    const account = await this.accounts.withActiveMemberships(principal.accountId);
    if (!account) throw sessionEnded();
    return account;
  }

  /**
   * The signed-in professional sets (or, with null or blank, clears) their own work phone, which
   * the teams of the files they follow show. A number that is not French is refused, nothing
   * written.
   */
  async setWorkPhone(
    principal: AccountPrincipal,
    workPhone: string | null,
  ): Promise<AccountEntity> {
    const phone = workPhone?.trim() || null;
    if (phone !== null && !FRENCH_PHONE_PATTERN.test(phone)) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.ValidationFailed,
        'workPhone must be a French phone number such as 01 23 45 67 89',
        { field: 'workPhone', fields: [{ field: 'workPhone', rule: 'FORMAT' }] },
      );
    }
    if (!(await this.accounts.setWorkPhone(principal.accountId, phone))) throw sessionEnded();
    return this.profileOf(principal);
  }
}
