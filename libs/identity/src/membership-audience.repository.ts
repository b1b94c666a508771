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
}
