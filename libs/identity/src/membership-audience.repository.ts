import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The memberships an event's audience names (its structure admins, its orientation managers),
 * for the notifications lib, which resolves the recipients of events.
 */
@Injectable()
export class MembershipAudienceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The accounts with an active STRUCTURE_ADMIN membership of one of these structures, or an
   * active ORIENTATION_MANAGER membership of this territory, in one statement.
   */
  async adminsAndOrientationManagers(
    structureAdminsOf: readonly string[],
    orientationManagersOf: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = await manager.query<{ account_id: string }[]>(
      `SELECT m.account_id FROM membership m
        WHERE m.revoked_at IS NULL AND m.role = 'STRUCTURE_ADMIN' AND m.structure_id = ANY($1::uuid[])
       UNION SELECT m.account_id FROM membership m
        WHERE m.revoked_at IS NULL AND m.role = 'ORIENTATION_MANAGER' AND m.territory_id = $2`,
      [structureAdminsOf, orientationManagersOf],
    );
    return rows.map((row) => row.account_id);
  }

  /**
   * These accounts' addresses and names, for emails, in one statement: `emailable` when the
   * account is ACTIVE with at least one active membership (a revoked or disabled professional
   * receives nothing more). Actors are named from the same rows.
   */
  async emailContacts(
    accountIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EmailContact[]> {
    if (accountIds.length === 0) return [];
    const rows = await manager.query<
      { id: string; email: string; given_name: string; family_name: string; emailable: boolean }[]
    >(
      `SELECT a.id, a.email, a.given_name, a.family_name,
              a.status = 'ACTIVE' AND EXISTS (
                SELECT 1 FROM membership m WHERE m.account_id = a.id AND m.revoked_at IS NULL
              ) AS emailable
         FROM account a WHERE a.id = ANY($1::uuid[])`,
      [[...new Set(accountIds)]],
    );
    return rows.map((row) => ({
      accountId: row.id,
      email: row.email,
      givenName: row.given_name,
      familyName: row.family_name,
      emailable: row.emailable,
    }));
  }
}

/** An account as emails address and name it. */
export interface EmailContact {
  readonly accountId: string;
  readonly email: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly emailable: boolean;
}
