import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SystemScope } from '@relais/access';
import { DataSource, type EntityManager } from 'typeorm';

/** A person's active team as an event's audience, for the notifications lib. */
@Injectable()
export class TeamAudienceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The accounts of the person's active team (`systemScope('dispatcher')`: the recipients of an
   * event, read in the transaction that writes it).
   */
  async activeMemberAccounts(
    _scope: SystemScope,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = await manager.query<{ account_id: string }[]>(
      `SELECT DISTINCT tm.account_id FROM team_member tm
        WHERE tm.left_at IS NULL AND tm.person_id = $1`,
      [personId],
    );
    return rows.map((row) => row.account_id);
  }
}
