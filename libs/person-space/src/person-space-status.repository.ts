import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FileScope } from '@relais/access';

/** A person's space as it stands: the address codes go to, since when, and its latest link. */
export interface PersonSpaceStatusRow {
  readonly personId: string;
  readonly email: string;
  readonly enabledAt: Date;
  readonly revokedAt: Date | null;
  /** When the latest link not yet opened stops working; null when none is left. */
  readonly linkExpiresAt: Date | null;
}

const STATUS_SQL = `SELECT space.person_id AS "personId", space.email::text AS email,
    space.enabled_at AS "enabledAt", space.revoked_at AS "revokedAt",
    (SELECT max(link.expires_at) FROM person_space_link link
      WHERE link.person_id = space.person_id AND link.used_at IS NULL
        AND space.revoked_at IS NULL) AS "linkExpiresAt"
  FROM person_space space WHERE space.person_id = $1`;

/**
 * Reads of the `person_space` and `person_space_link` tables for the space's status, one
 * statement: the person's own settings in their space, the team's view of it on the file. Their
 * writes are PersonSpaceRepository's, in the same lib (the tables' one owner).
 */
@Injectable()
export class PersonSpaceStatusRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The space of the scope's file, live or revoked; null when the person was never invited. */
  async statusOf(
    scope: FileScope,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<PersonSpaceStatusRow | null> {
    const [row] = await manager.query<PersonSpaceStatusRow[]>(STATUS_SQL, [scope.viewer.personId]);
    return row ?? null;
  }
}
