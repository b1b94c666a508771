// Serves the caseload screen (Query.caseload): the people whose team the caller is in, most
// recent activity first, with what each row shows of the referent, the plan and open handovers.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ViewerScope } from '@relais/access';
import { encodeCursor, type Page, toPage } from '@relais/core';
import { preparedQuery } from '@relais/database';
import {
  type CaseloadFilter,
  type OrientationType,
  type PersonSummaryView,
  searchText,
  type SummaryRow,
  summaryOf,
  type TeamRole,
  timePosition,
} from '@relais/pathways';
import { REFERENT_JOIN, SUMMARY_COLUMNS } from './person-summary.read-model.js';

export interface CaseloadEntry {
  readonly summary: PersonSummaryView;
  readonly myRole: TeamRole;
  readonly orientationType: OrientationType | null;
  readonly lastActivityAt: Date;
  readonly referentName: string | null;
  readonly nextAppointmentAt: Date | null;
  readonly openGoals: number;
  /** This entry's position, as an `after` cursor. */
  readonly cursor: string;
}

interface CaseloadRow extends SummaryRow {
  my_role: TeamRole;
  orientation_type: OrientationType | null;
  last_activity_at: Date;
  activity_position: string;
  referent_given_name: string | null;
  referent_family_name: string | null;
  next_appointment_at: Date | null;
  open_goals: number;
}

/** The caller's caseload, one page at a time, in one SQL statement per page. */
@Injectable()
export class CaseloadReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async caseload(
    scope: ViewerScope,
    first: number,
    after: string | null | undefined,
    filter: CaseloadFilter,
  ): Promise<Page<CaseloadEntry>> {
    const { principal } = scope;
    // The caller's active memberships by account, not as an array of ids: the prepared plan is
    // generic, and an array of unknown length made it scan in parallel.
    const params: unknown[] = [principal.kind === 'account' ? principal.accountId : null];
    const where: string[] = [];
    if (filter.myRole) {
      params.push(filter.myRole);
      where.push(`me.role = $${params.length}`);
    }
    if (filter.orientationType) {
      params.push(filter.orientationType);
      where.push(`p.orientation_type = $${params.length}`);
    }
    const text = filter.text ? searchText(filter.text) : '';
    if (text) {
      params.push(`%${text}%`);
      where.push(`p.search_name LIKE $${params.length}`);
    }
    if (typeof filter.openHandover === 'boolean') {
      where.push(
        `${filter.openHandover ? '' : 'NOT '}EXISTS (SELECT 1 FROM handover h
           WHERE h.person_id = p.id AND h.status = 'PROPOSED')`,
      );
    }
    if (after) {
      params.push(...timePosition(after));
      where.push(
        `(p.last_activity_at, p.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    // The page first (the caller's stays and their people only), then, for its rows only, the
    // summary, the referent and what each entry shows of the plan.
    const rows = await preparedQuery<CaseloadRow>(
      this.dataSource,
      `WITH page AS (
         SELECT p.id AS person_id, me.role AS my_role, p.last_activity_at
         FROM team_member me
         JOIN person p ON p.id = me.person_id
         WHERE me.membership_id IN (SELECT m.id FROM membership m
                 WHERE m.account_id = $1::uuid AND m.revoked_at IS NULL)
           AND me.left_at IS NULL AND p.status = 'ACTIVE'
           ${where.map((condition) => `AND ${condition}`).join(' ')}
         ORDER BY p.last_activity_at DESC, p.id DESC
         LIMIT $${params.length})
       SELECT ${SUMMARY_COLUMNS}, true AS is_member, page.my_role, p.orientation_type,
         p.last_activity_at, p.last_activity_at::text AS activity_position,
         ra.given_name AS referent_given_name, ra.family_name AS referent_family_name,
         (SELECT min(a.starts_at) FROM appointment a
           WHERE a.person_id = p.id AND a.status = 'PLANNED' AND a.starts_at >= now())
           AS next_appointment_at,
         (SELECT count(*)::int FROM goal g WHERE g.person_id = p.id AND g.status = 'IN_PROGRESS')
           AS open_goals
       FROM page
       JOIN person p ON p.id = page.person_id
       ${REFERENT_JOIN}
       LEFT JOIN account ra ON ra.id = r.account_id
       ORDER BY page.last_activity_at DESC, page.person_id DESC`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.activity_position, row.id]);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        summary: summaryOf(row),
        myRole: row.my_role,
        orientationType: row.orientation_type,
        lastActivityAt: row.last_activity_at,
        referentName:
          row.referent_given_name && row.referent_family_name
            ? `${row.referent_given_name} ${row.referent_family_name}`
            : null,
        nextAppointmentAt: row.next_appointment_at,
        openGoals: row.open_goals,
        cursor: encodeCursor([row.activity_position, row.id]),
      })),
    };
  }
}
