import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Whether a membership still holds, for a change that needs it to (joining a team). */
@Injectable()
export class MembershipStatusRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the membership exists and is not revoked (one statement, no lock). */
  async isActive(id: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM membership WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return rows.length > 0;
  }
}
