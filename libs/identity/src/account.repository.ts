import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type DeepPartial, type EntityManager, IsNull } from 'typeorm';
import { AccountEntity } from './account.entity.js';

/** The `account` table: its one owner. */
@Injectable()
export class AccountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byId(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountEntity | null> {
    return manager.findOneBy(AccountEntity, { id });
  }

  /** By email, whatever its case (citext). */
  async byEmail(
    email: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountEntity | null> {
    return manager.findOneBy(AccountEntity, { email });
  }

  /** By email, the row locked until the caller's transaction ends. */
  async lockByEmail(email: string, manager: EntityManager): Promise<AccountEntity | null> {
    return manager.findOne(AccountEntity, {
      where: { email },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The row locked until the caller's transaction ends. */
  async lockById(id: string, manager: EntityManager): Promise<AccountEntity | null> {
    return manager.findOne(AccountEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The account linked to this sign-in identity. */
  async byOidcIdentity(
    issuer: string,
    subject: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountEntity | null> {
    return manager.findOneBy(AccountEntity, { oidcIssuer: issuer, oidcSubject: subject });
  }

  /** Links an account not linked yet to its sign-in identity, for good. */
  async linkOidcIdentity(
    id: string,
    issuer: string,
    subject: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.update(
      AccountEntity,
      { id, oidcSubject: IsNull() },
      { oidcIssuer: issuer, oidcSubject: subject },
    );
  }

  /** One statement: the account, its active memberships, their structures and territories. */
  async withActiveMemberships(accountId: string): Promise<AccountEntity | null> {
    return this.dataSource
      .createQueryBuilder(AccountEntity, 'account')
      .leftJoinAndSelect('account.memberships', 'membership', 'membership.revoked_at IS NULL')
      .leftJoinAndSelect('membership.structure', 'structure')
      .leftJoinAndSelect('membership.territory', 'territory')
      .where('account.id = :id', { id: accountId })
      .orderBy('membership.created_at', 'ASC')
      .getOne();
  }

  async create(
    fields: DeepPartial<AccountEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountEntity> {
    return manager.save(manager.create(AccountEntity, fields));
  }

  /** Sets the account's work phone (null clears it); false when no such account. */
  async setWorkPhone(id: string, workPhone: string | null): Promise<boolean> {
    const result = await this.dataSource.manager.update(AccountEntity, { id }, { workPhone });
    return (result.affected ?? 0) > 0;
  }

  /** Saves an account loaded (and changed) by the caller. */
  async save(
    account: AccountEntity,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountEntity> {
    return manager.save(account);
  }
}
