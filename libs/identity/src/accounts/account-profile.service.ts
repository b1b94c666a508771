import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { AccountEntity } from '../account.entity.js';
import type { AccountPrincipal } from '../principal.js';

/** What an account sees of itself: its identity and its active memberships, with their places. */
@Injectable()
export class AccountProfileService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement: the account, its active memberships, their structures and territories. */
  async profileOf(principal: AccountPrincipal): Promise<AccountEntity> {
    const account = await this.dataSource
      .createQueryBuilder(AccountEntity, 'account')
      .leftJoinAndSelect('account.memberships', 'membership', 'membership.revoked_at IS NULL')
      .leftJoinAndSelect('membership.structure', 'structure')
      .leftJoinAndSelect('membership.territory', 'territory')
      .where('account.id = :id', { id: principal.accountId })
      .orderBy('membership.created_at', 'ASC')
      .getOne();
    if (!account)
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        DomainErrorReason.SessionEnded,
        'Sign in again.',
      );
    return account;
  }
}
