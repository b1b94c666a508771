import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { EventType } from './event-types.js';
import { OUTBOX_CHANNEL } from './outbox.writer.js';

/**
 * Why the system touches these rows without a viewer. The events lib sits below access (whose
 * `SystemScope` names the reasons), so it takes the reason itself: retention only.
 */
export type OutboxRetentionReason = 'retention';

/** A file just archived, with its team: who hears of it. */
export interface ArchivedFileTeam {
  readonly id: string;
  readonly territory_id: string;
  readonly structure_ids: readonly string[];
  readonly account_ids: readonly string[];
}

/**
 * Retention's side of the outbox (DOMAIN.md rule 7, decision 0014): the events announcing the
 * files archived, and the events about people being purged. Every event about a person has its
 * `person_id` (writeOutbox), which its payload only repeats. Lifecycle runs these in its
 * transaction.
 */
@Injectable()
export class OutboxRetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One `PERSON_ARCHIVED` event per file, for its team's inbox and partners in scope (ids
   * only), then wakes the dispatcher (delivered at commit).
   */
  async writeArchived(
    reason: OutboxRetentionReason,
    teams: readonly ArchivedFileTeam[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO outbox_event (type, territory_id, structure_ids, person_id,
         recipient_account_ids, payload)
       SELECT '${EventType.PERSON_ARCHIVED}', team.territory_id, team.structure_ids, team.id,
              team.account_ids, jsonb_build_object('personId', team.id, 'status', 'ARCHIVED')
         FROM jsonb_to_recordset($1::jsonb)
           AS team(id uuid, territory_id uuid, structure_ids uuid[], account_ids uuid[])`,
      [JSON.stringify(teams)],
    );
    await manager.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
  }

  /** The ids of the events about the people. */
  async idsAbout(
    reason: OutboxRetentionReason,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT e.id FROM outbox_event e WHERE e.person_id = ANY($1::uuid[])`,
      [[...personIds]],
    );
    return rows.map((row) => row.id);
  }

  /** Deletes the events about the people; how many. */
  async deleteAbout(
    reason: OutboxRetentionReason,
    personIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [, affected] = await manager.query<[unknown[], number]>(
      `DELETE FROM outbox_event WHERE person_id = ANY($1::uuid[])`,
      [[...personIds]],
    );
    return affected;
  }
}
