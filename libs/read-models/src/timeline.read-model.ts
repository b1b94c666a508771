// Serves a file's timeline (Person.timeline): every change, newest first, with each author's name
// and structure (or the partner system's name), read with the other parts of the file.
import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { type FileScope, noteVisibleSql } from '@relais/access';
import { encodeCursor, MAX_PAGE_SIZE, type Page, toPage } from '@relais/core';
import {
  FilePartsReader,
  type TimelineActorView,
  type TimelineEventView,
  timePosition,
} from '@relais/pathways';

interface TimelineRow {
  id: string;
  type: string;
  occurred_at: string;
  position: string;
  actor_account_id: string | null;
  actor_membership_id: string | null;
  actor_client_id: string | null;
  subject_type: string;
  subject_id: string;
  sensitive: boolean;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  actor_given_name: string | null;
  actor_family_name: string | null;
  actor_structure_name: string | null;
  client_name: string | null;
}

function actorOf(row: TimelineRow): TimelineActorView {
  if (row.actor_account_id) {
    return {
      name: `${row.actor_given_name ?? ''} ${row.actor_family_name ?? ''}`.trim(),
      structureName: row.actor_structure_name,
      partnerSystem: false,
    };
  }
  if (row.actor_client_id) {
    return { name: row.client_name ?? 'partner system', structureName: null, partnerSystem: true };
  }
  return { name: 'Relais', structureName: null, partnerSystem: false };
}

/**
 * The timeline of a file in keyset pages on (occurred_at, id) at full precision. Changes of notes
 * the viewer may not see by their visibility are left out, as the notes are (DOMAIN.md rule 3).
 */
@Injectable()
export class TimelineReadModel {
  constructor(private readonly parts: FilePartsReader) {}

  /** One page of the timeline, read with the other parts of the file asked beside it. */
  timeline(
    scope: FileScope,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<TimelineEventView>> {
    const size = Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
    const { viewer, ability } = scope;
    const params: unknown[] = [viewer.personId, [...viewer.structureIds], viewer.accountId];
    let keyset = '';
    if (after) {
      params.push(...timePosition(after));
      keyset = 'AND (e.occurred_at, e.id) < ($4::timestamptz, $5::uuid)';
    }
    params.push(size + 1);
    return this.parts.read(scope, {
      key: `timeline:${size}:${after ?? ''}`,
      sql: `SELECT e.id, e.type, e.occurred_at, e.occurred_at::text AS position, e.actor_account_id,
         e.actor_membership_id, e.actor_client_id, e.subject_type, e.subject_id, e.sensitive,
         e.before, e.after, a.given_name AS actor_given_name, a.family_name AS actor_family_name,
         s.name AS actor_structure_name, c.name AS client_name
       FROM timeline_event e
       LEFT JOIN account a ON a.id = e.actor_account_id
       LEFT JOIN membership m ON m.id = e.actor_membership_id
       LEFT JOIN structure s ON s.id = m.structure_id
       LEFT JOIN api_client c ON c.id = e.actor_client_id
       WHERE e.person_id = $1 ${keyset}
         AND (e.subject_type <> 'Note' OR EXISTS (
           SELECT 1 FROM note n WHERE n.id = e.subject_id AND n.person_id = $1
             AND ${noteVisibleSql('n', { structureIds: 2, accountId: 3 })}))
       ORDER BY e.occurred_at DESC, e.id DESC
       LIMIT $${params.length}`,
      params,
      order: 'r.occurred_at DESC, r.id DESC',
      decode: (json) => {
        const rows = json as unknown as TimelineRow[];
        const page = toPage(rows, size, (row) => [row.position, row.id]);
        return {
          ...page,
          nodes: page.nodes.map((row) => {
            const readable = ability.can(
              'read',
              subject('TimelineEvent', { sensitive: row.sensitive }),
            );
            return {
              id: row.id,
              type: row.type,
              occurredAt: new Date(row.occurred_at),
              actor: actorOf(row),
              actingMembershipId: row.actor_membership_id,
              subjectType: row.subject_type,
              subjectId: row.subject_id,
              sensitive: row.sensitive,
              redacted: !readable,
              before: readable ? row.before : null,
              after: readable ? row.after : null,
              cursor: encodeCursor([row.position, row.id]),
            };
          }),
        };
      },
    });
  }
}
