import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccountEntity } from './account.entity.js';

/** An account's name as other domains show it beside what the account did. */
export interface AccountName {
  readonly givenName: string;
  readonly familyName: string;
}

/**
 * The names of accounts, read in one statement for a whole list (STYLE.md rule 9): the authors
 * of a file's notes, the members of its team.
 */
@Injectable()
export class AccountNamesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Each account's name, by id (one statement; none for no ids). */
  async namesOf(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, AccountName>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await manager.find(AccountEntity, {
      select: { id: true, givenName: true, familyName: true },
      where: { id: In(unique) },
    });
    return new Map(
      rows.map((row) => [row.id, { givenName: row.givenName, familyName: row.familyName }]),
    );
  }
}
