import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A problem found on a staged line (`line`, `column`, `message`). */
export interface StagedLineProblem {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

/**
 * The bulk import of accounts on identity's side: set-based statements between the import's
 * staging table `import_stage` (email, given_name, family_name, structure_id, role, and the
 * account_id, keep_names and has_membership columns the import adds) and the `account`,
 * `membership` and `invitation` tables. Each runs in the import's transaction (its manager).
 */
@Injectable()
export class AccountImportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Each staged line's account by email; whether it works in another territory (its names are
   * then kept) and whether it already holds the line's role in the line's structure.
   */
  async matchStagedAccounts(
    territoryId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE import_stage s SET account_id = a.id,
              keep_names = EXISTS (SELECT 1 FROM membership m WHERE m.account_id = a.id
                 AND m.revoked_at IS NULL AND m.territory_id IS DISTINCT FROM $1),
              has_membership = EXISTS (SELECT 1 FROM membership m WHERE m.account_id = a.id
                 AND m.revoked_at IS NULL AND m.role = s.role AND m.structure_id = s.structure_id)
         FROM account a WHERE a.email = s.email`,
      [territoryId],
    );
  }

  /** Lines granting a membership to a disabled account. */
  async disabledAccountLines(
    manager: EntityManager = this.dataSource.manager,
  ): Promise<StagedLineProblem[]> {
    return manager.query<StagedLineProblem[]>(
      `SELECT s.line, NULL AS "column",
              'this account is disabled: the membership is granted, but its holder cannot sign in until an admin enables it' AS message
         FROM import_stage s JOIN account a ON a.id = s.account_id
        WHERE a.status = 'DISABLED' AND NOT s.has_membership`,
      [],
    );
  }

  /** `import_changes`: the lines whose account's names change (accounts working only here). */
  async stageNameChanges(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `CREATE TEMP TABLE import_changes ON COMMIT DROP AS
     SELECT s.line, s.account_id, s.given_name, s.family_name,
            NOT s.keep_names AND (a.given_name, a.family_name) IS DISTINCT FROM (s.given_name, s.family_name) AS rename
       FROM import_stage s JOIN account a ON a.id = s.account_id
      WHERE NOT s.has_membership
         OR (NOT s.keep_names AND (a.given_name, a.family_name) IS DISTINCT FROM (s.given_name, s.family_name))`,
    );
  }

  /** Renames the accounts `import_changes` marks. */
  async renameChangedAccounts(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE account a SET given_name = c.given_name, family_name = c.family_name, updated_at = now()
         FROM import_changes c WHERE a.id = c.account_id AND c.rename`,
    );
  }

  /** Creates the accounts of the staged emails that have none, and stages their ids. */
  async createStagedAccounts(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `WITH fresh AS (
         SELECT DISTINCT ON (email) email, given_name, family_name FROM import_stage
          WHERE account_id IS NULL ORDER BY email, line),
       created AS (
         INSERT INTO account (email, given_name, family_name, status)
         SELECT email, given_name, family_name, 'ACTIVE' FROM fresh RETURNING id, email)
       UPDATE import_stage s SET account_id = created.id FROM created WHERE s.email = created.email`,
    );
  }

  /**
   * Grants the staged memberships not held yet, in line order, with their invitations when an
   * admin imports (none for an operator's import).
   */
  async grantStagedMemberships(
    territoryId: string,
    invitedByMembershipId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `WITH granted AS (
         INSERT INTO membership (account_id, role, structure_id, territory_id)
         SELECT account_id, role, structure_id, $1 FROM import_stage WHERE NOT has_membership ORDER BY line
         RETURNING id, account_id, structure_id)
       INSERT INTO invitation (account_id, membership_id, invited_by_membership_id, territory_id, structure_id)
       SELECT account_id, id, $2, $1, structure_id FROM granted WHERE $2::uuid IS NOT NULL`,
      [territoryId, invitedByMembershipId],
    );
  }
}
