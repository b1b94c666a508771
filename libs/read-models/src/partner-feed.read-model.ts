// Serves the partner systems' event feed: the `events` query and the replay of its subscription.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { forbidden, type ViewerScope } from '@relais/access';
import {
  partnerEventCondition,
  partnerEventPrefixes,
  type PartnerFeedReader,
  type PartnerFeedRow,
} from '@relais/notifications';
import { DataSource } from 'typeorm';

/**
 * The dispatched events a partner client may see (its territory or structure, its scopes, never
 * a person who restricted processing or objected to sharing), by position.
 */
@Injectable()
export class PartnerFeedReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The feed's reader bound to the viewer, for the event feed service. */
  reader(scope: ViewerScope): PartnerFeedReader {
    return (after, types, limit) => this.read(scope, after, types, limit);
  }

  /**
   * The visible events after a position, and the highest position dispatched in the same
   * snapshot (every position up to it is committed: one dispatcher numbers at a time).
   */
  async read(
    scope: ViewerScope,
    after: bigint,
    types: readonly string[] | null | undefined,
    limit: number,
  ): Promise<{ rows: PartnerFeedRow[]; head: bigint }> {
    const client = scope.principal;
    if (client.kind !== 'client') throw forbidden();
    const rows = await this.dataSource.query<
      (Omit<PartnerFeedRow, 'id' | 'position'> & {
        head: string;
        id: string | null;
        position: string | null;
      })[]
    >(
      `SELECT h.head, f.* FROM
         (SELECT COALESCE(max(position), 0)::text AS head FROM outbox_event) h
         LEFT JOIN LATERAL (
           SELECT e.id, e.position, e.type, e.occurred_at, e.territory_id, e.structure_ids,
             e.person_id, e.payload
             FROM outbox_event e LEFT JOIN person p ON p.id = e.person_id
            WHERE e.position > $4
              AND ${partnerEventCondition('$1', '$2', '$3')}
              AND ($5::text[] IS NULL OR e.type = ANY($5::text[]))
            ORDER BY e.position LIMIT $6
         ) f ON true`,
      [
        client.territoryId,
        client.structureId,
        partnerEventPrefixes(client),
        after.toString(),
        types?.length ? [...types] : null,
        limit,
      ],
    );
    return {
      rows: rows.filter((row): row is PartnerFeedRow & { head: string } => !!row.id),
      head: BigInt(rows[0]?.head ?? '0'),
    };
  }
}
