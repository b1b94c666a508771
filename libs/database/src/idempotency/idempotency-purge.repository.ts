import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Why the system touches these rows without a viewer. This lib sits below access (whose
 * `SystemScope` names the reasons), so it takes the reason itself: retention only.
 */
export type IdempotencyPurgeReason = 'retention';

/**
 * The responses kept for Idempotency-Key replays (24 hours) that show one of the people: any
 * string of the stored response (status and GraphQL body, at any depth) equal to one of their
 * ids, as the API gives ids. One JSON path per row, against all the ids at once (its comparison
 * holds when any of them matches); the table holds one day of keys.
 */
const NAMING_THEM = `jsonb_path_exists(response, '$.** ? (@ == $ids[*])',
  jsonb_build_object('ids', to_jsonb($1::uuid[]::text[])))`;

/**
 * The purge of people (DOMAIN.md rule 7) on the idempotency keys' side: the kept responses that
 * show them go with them. Lifecycle runs these in its transaction.
 */
@Injectable()
export class IdempotencyPurgeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** How many kept responses show one of the people. */
  async countNaming(
    reason: IdempotencyPurgeReason,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [row] = await manager.query<{ i: number }[]>(
      `SELECT count(*)::int AS i FROM idempotency_key WHERE ${NAMING_THEM}`,
      [[...personIds]],
    );
    return row.i;
  }

  /** Deletes the kept responses that show one of the people; how many. */
  async deleteNaming(
    reason: IdempotencyPurgeReason,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `DELETE FROM idempotency_key WHERE ${NAMING_THEM}`,
      [[...personIds]],
    );
    return affected;
  }
}
