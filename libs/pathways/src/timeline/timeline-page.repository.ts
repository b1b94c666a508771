import { Injectable } from '@nestjs/common';
import { type FileScope, noteVisibleSql } from '@relais/access';
import { type Page, toPage } from '@relais/core';
import { timePosition } from '../file/cursor-positions.js';
import { FilePartsReader } from '../file/file-parts.js';

/** A timeline row as the file part gives it (timestamps as ISO text, the cursor's position). */
export interface TimelineEventRow {
  readonly id: string;
  readonly type: string;
  readonly occurred_at: string;
  readonly position: string;
  readonly actor_account_id: string | null;
  readonly actor_membership_id: string | null;
  readonly actor_client_id: string | null;
  readonly subject_type: string;
  readonly subject_id: string;
  readonly sensitive: boolean;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/**
 * The timeline_event rows of a file, newest first, in keyset pages on (occurred_at, id), for the
 * RGPD export (the Person.timeline screen is the timeline read model, which names the actors in
 * the same statement). Changes of notes the viewer may not see by their visibility are left out,
 * as the notes are (DOMAIN.md rule 3).
 */
@Injectable()
export class TimelinePageRepository {
  constructor(private readonly parts: FilePartsReader) {}

  /** One page, read with the other parts of the file asked beside it. */
  page(
    scope: FileScope,
    size: number,
    after: string | null | undefined,
  ): Promise<Page<TimelineEventRow>> {
    const { viewer } = scope;
    const params: unknown[] = [viewer.personId, [...viewer.structureIds], viewer.accountId];
    let keyset = '';
    if (after) {
      params.push(...timePosition(after));
      keyset = 'AND (e.occurred_at, e.id) < ($4::timestamptz, $5::uuid)';
    }
    params.push(size + 1);
    return this.parts.read(scope, {
      key: `timeline-rows:${size}:${after ?? ''}`,
      sql: `SELECT e.id, e.type, e.occurred_at, e.occurred_at::text AS position, e.actor_account_id,
         e.actor_membership_id, e.actor_client_id, e.subject_type, e.subject_id, e.sensitive,
         e.before, e.after
       FROM timeline_event e
       WHERE e.person_id = $1 ${keyset}
         AND (e.subject_type <> 'Note' OR EXISTS (
           SELECT 1 FROM note n WHERE n.id = e.subject_id AND n.person_id = $1
             AND ${noteVisibleSql('n', { structureIds: 2, accountId: 3 })}))
       ORDER BY e.occurred_at DESC, e.id DESC
       LIMIT $${params.length}`,
      params,
      order: 'r.occurred_at DESC, r.id DESC',
      decode: (json) =>
        toPage(json as unknown as TimelineEventRow[], size, (row) => [row.position, row.id]),
    });
  }
}
