// Serves a file's timeline (Person.timeline): every change, newest first, with each author's name
// and structure (or the partner system's name), read with the other parts of the file.
import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { type FileScope, noteVisibleSql } from '@relais/access';
import { encodeCursor, MAX_PAGE_SIZE, type Page, toPage } from '@relais/core';
import { EVENT_TYPES, eventTypesOfKinds, type TimelineKind } from '@relais/events';
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
  subject_name: string | null;
  refs: TimelineReference[] | null;
}

/**
 * Which of an entry's names a reader shows: the timeline screen both, a partner or the bench
 * asking neither leaves their lookups out of the statement (they were two thirds of a file's).
 */
export interface TimelineNames {
  readonly subjectName: boolean;
  readonly references: boolean;
}

/** Both names: the default, for a reader that shows every field of an entry. */
export const EVERY_TIMELINE_NAME: TimelineNames = { subjectName: true, references: true };

/** A record or a person an entry's fields point to by id, with its name. */
export interface TimelineReference {
  readonly id: string;
  readonly name: string;
}

/**
 * One entry as the timeline screen shows it: the change, with the name of its object (an
 * action's or a goal's title, a contract's type, an obstacle's theme, an appointment's time)
 * and the names of the structures, professionals and goals its fields point to. Both are null
 * or empty when the change is redacted for the viewer: the entry names only what they may read.
 */
export interface TimelineEntryView extends TimelineEventView {
  readonly subjectName: string | null;
  readonly references: readonly TimelineReference[];
}

/**
 * The name of each entry's object, as it is now (a title changed later shows the new one):
 * its title, or for a contract its type, an obstacle its theme, an appointment its time (codes
 * and ISO text the client puts in words). Handovers and orientations are named by references.
 */
const SUBJECT_NAME_SQL = `CASE e.subject_type
    WHEN 'PlanAction' THEN (SELECT x.title FROM plan_action x WHERE x.id = e.subject_id)
    WHEN 'Goal' THEN (SELECT x.title FROM goal x WHERE x.id = e.subject_id)
    WHEN 'Contract' THEN (SELECT x.type::text FROM contract x WHERE x.id = e.subject_id)
    WHEN 'Obstacle' THEN (SELECT x.theme::text FROM obstacle x WHERE x.id = e.subject_id)
    WHEN 'Appointment' THEN (SELECT to_json(x.starts_at) #>> '{}' FROM appointment x
                              WHERE x.id = e.subject_id)
  END`;

/** A uuid in its canonical text (lower case, as `uuid::text` gives it). */
const UUID_TEXT = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/** The uuids of the entry's before and after under the keys `keyCondition` keeps. */
const referencedIds = (keyCondition: string): string => `ARRAY(SELECT j.value::uuid FROM (
      SELECT key, value FROM jsonb_each_text(COALESCE(e.before, '{}'::jsonb))
      UNION SELECT key, value FROM jsonb_each_text(COALESCE(e.after, '{}'::jsonb))) j
     WHERE ${keyCondition} AND j.value ~ ${UUID_TEXT})`;

/**
 * The names the entry's fields point to: structures ("…StructureId"), professionals
 * ("…AccountId") and goals ("goalId") of its before and after. Each kind is looked up by its
 * primary key among the entry's uuids (`= ANY(ARRAY(...))`, an index scan whatever the table's
 * size): joining the values to the tables let the planner hash every account and structure of
 * the database for each file (2.8 ms at bench size L, 11,505 accounts, where a file's statement
 * costs 1.4 ms without it); comparing `id::text` before that read them for every entry.
 */
const REFERENCES_SQL = `(SELECT json_agg(DISTINCT r.reference) FROM (
    SELECT jsonb_build_object('id', x.id::text, 'name', x.name) AS reference FROM structure x
     WHERE x.id = ANY(${referencedIds(`lower(j.key) LIKE '%structureid'`)})
    UNION ALL SELECT jsonb_build_object('id', x.id::text,
        'name', NULLIF(trim(concat_ws(' ', x.given_name, x.family_name)), '')) FROM account x
     WHERE x.id = ANY(${referencedIds(`lower(j.key) LIKE '%accountid'`)})
    UNION ALL SELECT jsonb_build_object('id', x.id::text, 'name', x.title) FROM goal x
     WHERE x.id = ANY(${referencedIds(`j.key = 'goalId'`)}) AND x.person_id = e.person_id) r)`;

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

  /**
   * One page of the timeline, read with the other parts of the file asked beside it; only the
   * entries of the given kinds when some are given, and of the names only those asked (the
   * others are null and empty).
   */
  timeline(
    scope: FileScope,
    first: number,
    after: string | null | undefined,
    kinds: readonly TimelineKind[] = [],
    names: TimelineNames = EVERY_TIMELINE_NAME,
  ): Promise<Page<TimelineEntryView>> {
    const size = Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
    const { viewer, ability } = scope;
    const params: unknown[] = [viewer.personId, [...viewer.structureIds], viewer.accountId];
    let keyset = '';
    if (after) {
      params.push(...timePosition(after));
      keyset = 'AND (e.occurred_at, e.id) < ($4::timestamptz, $5::uuid)';
    }
    let kindFilter = '';
    const kindKey = [...new Set(kinds)].sort().join(',');
    if (kinds.length > 0) {
      params.push(eventTypesOfKinds(EVENT_TYPES, kinds));
      kindFilter = `AND e.type = ANY($${params.length}::text[])`;
    }
    params.push(size + 1);
    return this.parts.read(scope, {
      key: `timeline:${size}:${after ?? ''}:${kindKey}:${names.subjectName}:${names.references}`,
      sql: `SELECT e.id, e.type, e.occurred_at, e.occurred_at::text AS position, e.actor_account_id,
         e.actor_membership_id, e.actor_client_id, e.subject_type, e.subject_id, e.sensitive,
         e.before, e.after, a.given_name AS actor_given_name, a.family_name AS actor_family_name,
         s.name AS actor_structure_name, c.name AS client_name,
         ${names.subjectName ? SUBJECT_NAME_SQL : 'NULL::text'} AS subject_name,
         ${names.references ? REFERENCES_SQL : 'NULL::json'} AS refs
       FROM timeline_event e
       LEFT JOIN account a ON a.id = e.actor_account_id
       LEFT JOIN membership m ON m.id = e.actor_membership_id
       LEFT JOIN structure s ON s.id = m.structure_id
       LEFT JOIN api_client c ON c.id = e.actor_client_id
       WHERE e.person_id = $1 ${keyset} ${kindFilter}
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
              subjectName: readable && row.subject_type !== 'Note' ? row.subject_name : null,
              references: readable ? (row.refs ?? []) : [],
              cursor: encodeCursor([row.position, row.id]),
            };
          }),
        };
      },
    });
  }
}
