import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SystemScope } from '@relais/access';
import { DataSource, type EntityManager } from 'typeorm';

/** A handover closed by the archiving of its file. */
export interface ArchivedFileHandoverRow {
  readonly id: string;
  readonly person_id: string;
  readonly to_structure_id: string;
}

/**
 * Retention's side of handovers and orientation requests (DOMAIN.md rule 7): what is still open
 * on files being archived is closed as the domain would close it, without an actor. Lifecycle
 * runs these in its transaction with `systemScope('retention')`.
 */
@Injectable()
export class HandoverRetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The open handovers and pending orientation requests on the files, without changing them. */
  async countOpen(
    scope: SystemScope,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ handovers: number; orientationRequests: number }> {
    const [row] = await manager.query<{ handovers: number; orientationRequests: number }[]>(
      `SELECT
         (SELECT count(*)::int FROM handover
           WHERE status = 'PROPOSED' AND person_id = ANY($1::uuid[])) AS handovers,
         (SELECT count(*)::int FROM orientation_request
           WHERE status = 'PENDING' AND person_id = ANY($1::uuid[])) AS "orientationRequests"`,
      [[...personIds]],
    );
    return row;
  }

  /** Expires the proposals on the files; the handovers expired. */
  async expireProposed(
    scope: SystemScope,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ArchivedFileHandoverRow[]> {
    const [closed] = await manager.query<[ArchivedFileHandoverRow[], number]>(
      `UPDATE handover SET status = 'EXPIRED', decided_at = now()
        WHERE person_id = ANY($1::uuid[]) AND status = 'PROPOSED'
        RETURNING id, person_id, to_structure_id`,
      [[...personIds]],
    );
    return closed;
  }

  /** Denies the pending orientation requests on the files, with the reason; how many. */
  async denyPendingOrientations(
    scope: SystemScope,
    personIds: readonly string[],
    reason: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, denied] = await manager.query<[unknown[], number]>(
      `UPDATE orientation_request SET status = 'DENIED', decided_at = now(), decision_reason = $2
        WHERE person_id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [[...personIds], reason],
    );
    return denied;
  }
}
