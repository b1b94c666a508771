import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SystemScope, ViewerScope } from '@relais/access';
import { DataSource, type EntityManager } from 'typeorm';

/** A caller's current stay in a file's team, by one of their memberships. */
export interface CallerStayRow {
  readonly membership_id: string;
  readonly role: string;
}

/**
 * The person-side steps of a purge (DOMAIN.md rule 7): who may purge a file not concerned, and
 * the deletion of people, whose team, join requests, diagnostic, plan, appointments, notes and
 * timeline go with them by their `ON DELETE CASCADE` foreign keys. Lifecycle runs them in its
 * transaction, beside the purge of what other libs keep about the people.
 */
@Injectable()
export class PersonPurgeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The file's territory, its row locked until the purge's transaction ends; null if none. */
  async lockForPurge(
    scope: ViewerScope,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ territory_id: string } | null> {
    const [person] = await manager.query<{ territory_id: string }[]>(
      `SELECT territory_id FROM person WHERE id = $1 FOR UPDATE`,
      [personId],
    );
    return person ?? null;
  }

  /** The caller's current stays in the file's team, by the memberships they act with. */
  async callerStays(
    scope: ViewerScope,
    personId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CallerStayRow[]> {
    const memberships = scope.principal.memberships.map((membership) => membership.id);
    return manager.query<CallerStayRow[]>(
      `SELECT membership_id, role FROM team_member
        WHERE person_id = $1 AND left_at IS NULL AND membership_id = ANY($2::uuid[])`,
      [personId, memberships],
    );
  }

  /** Deletes the people (and what cascades from them); how many. */
  async deletePeople(
    scope: SystemScope,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `DELETE FROM person WHERE id = ANY($1::uuid[])`,
      [[...personIds]],
    );
    return affected;
  }
}
