import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { EmailMode } from './email-preference.entity.js';

/** The `email_preference` table: an account's mode per category (no row: the default). */
@Injectable()
export class EmailPreferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The modes an account chose, by category; categories without a choice are absent. */
  async modesOf(
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, EmailMode>> {
    const rows = await manager.query<{ category: string; mode: EmailMode }[]>(
      `SELECT category, mode FROM email_preference WHERE account_id = $1`,
      [accountId],
    );
    return new Map(rows.map((row) => [row.category, row.mode]));
  }

  /** The modes several accounts chose for one category (one statement for a list of recipients). */
  async modesFor(
    accountIds: readonly string[],
    category: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, EmailMode>> {
    if (accountIds.length === 0) return new Map();
    const rows = await manager.query<{ account_id: string; mode: EmailMode }[]>(
      `SELECT account_id, mode FROM email_preference
       WHERE account_id = ANY($1::uuid[]) AND category = $2`,
      [accountIds, category],
    );
    return new Map(rows.map((row) => [row.account_id, row.mode]));
  }

  /** Sets an account's mode for a category (insert or replace). */
  async setMode(
    accountId: string,
    category: string,
    mode: EmailMode,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO email_preference (account_id, category, mode, updated_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (account_id, category) DO UPDATE SET mode = EXCLUDED.mode, updated_at = now()`,
      [accountId, category, mode],
    );
  }
}
