// Serves the requests to join a team: a file's pending requests (Person.pendingJoinRequests), the
// requests the caller may decide (joinRequestsToDecide), and a request as a mutation returns it.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FileScope, ViewerScope } from '@relais/access';
import { encodeCursor, type Page, toPage } from '@relais/core';
import { Role } from '@relais/identity';
import {
  type JoinRequestStatus,
  type JoinRequestView,
  type SummaryRow,
  summaryOf,
  timePosition,
} from '@relais/pathways';
import {
  activeMembershipIds,
  REFERENT_JOIN,
  SUMMARY_COLUMNS,
} from './person-summary.read-model.js';

interface JoinRequestRow extends SummaryRow {
  request_id: string;
  requester_account_id: string;
  requester_given_name: string;
  requester_family_name: string;
  request_structure_id: string;
  request_structure_name: string;
  reason: string;
  request_status: JoinRequestStatus;
  created_at: Date;
  created_position: string;
  decided_at: Date | null;
  decision_reason: string | null;
}

const JOIN_REQUEST_SELECT = `SELECT ${SUMMARY_COLUMNS},
    EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
              AND m.membership_id = ANY($1)) AS is_member,
    jr.id AS request_id, jr.account_id AS requester_account_id,
    ja.given_name AS requester_given_name, ja.family_name AS requester_family_name,
    jr.structure_id AS request_structure_id, js.name AS request_structure_name,
    jr.reason, jr.status AS request_status, jr.created_at, jr.created_at::text AS created_position, jr.decided_at, jr.decision_reason
  FROM join_request jr
  JOIN person p ON p.id = jr.person_id
  JOIN account ja ON ja.id = jr.account_id
  JOIN structure js ON js.id = jr.structure_id
  ${REFERENT_JOIN}`;

function joinRequestOf(row: JoinRequestRow): JoinRequestView {
  return {
    id: row.request_id,
    person: summaryOf(row),
    requesterAccountId: row.requester_account_id,
    requesterName: `${row.requester_given_name} ${row.requester_family_name}`,
    structureId: row.request_structure_id,
    structureName: row.request_structure_name,
    reason: row.reason,
    status: row.request_status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
  };
}

/**
 * Who decides a pending request to join, with `r` the active referent (REFERENT_JOIN) and `p` the
 * person: the referent (one of the caller's memberships), an admin of the referent's structure, an
 * orientation manager of the territory. The placeholders name the caller's membership ids, their
 * admin structures and their managed territories. Shared with the home's work queue.
 */
export function joinRequestDeciders(
  membershipIds: string,
  adminStructureIds: string,
  managedTerritoryIds: string,
): string {
  return `(r.membership_id = ANY(${membershipIds}::uuid[])
    OR r.structure_id = ANY(${adminStructureIds}::uuid[])
    OR p.territory_id = ANY(${managedTerritoryIds}::uuid[]))`;
}

/** Requests to join a team, with the person's summary, the requester and their structure. */
@Injectable()
export class JoinRequestReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Pending requests to join the scope's file, for its team, oldest first. */
  async pending(scope: FileScope): Promise<JoinRequestView[]> {
    const rows = await this.dataSource.query<JoinRequestRow[]>(
      `${JOIN_REQUEST_SELECT} WHERE jr.person_id = $2 AND jr.status = 'PENDING'
       ORDER BY jr.created_at`,
      [activeMembershipIds(scope.viewer.principal), scope.viewer.personId],
    );
    return rows.map(joinRequestOf);
  }

  /**
   * One request, as the mutation that wrote it returns it to its caller (the requester or the
   * decider, whom the mutation checked).
   */
  async byId(scope: ViewerScope, requestId: string): Promise<JoinRequestView> {
    const rows = await this.dataSource.query<JoinRequestRow[]>(
      `${JOIN_REQUEST_SELECT} WHERE jr.id = $2`,
      [activeMembershipIds(scope.principal), requestId],
    );
    return joinRequestOf(rows[0]);
  }

  /**
   * Requests the caller may decide, oldest first: as referent, as admin of the referent's
   * structure, or as orientation manager of the territory.
   */
  async toDecide(
    scope: ViewerScope,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<JoinRequestView & { cursor: string }>> {
    const memberships = scope.principal.memberships;
    const params: unknown[] = [
      memberships.map((m) => m.id),
      memberships.filter((m) => m.role === Role.STRUCTURE_ADMIN).map((m) => m.structureId),
      memberships.filter((m) => m.role === Role.ORIENTATION_MANAGER).map((m) => m.territoryId),
    ];
    let cursor = '';
    if (after) {
      params.push(...timePosition(after));
      cursor = `AND (jr.created_at, jr.id) > ($4::timestamptz, $5::uuid)`;
    }
    params.push(first + 1);
    const rows = await this.dataSource.query<JoinRequestRow[]>(
      `${JOIN_REQUEST_SELECT}
       WHERE jr.status = 'PENDING'
         AND ${joinRequestDeciders('$1', '$2', '$3')}
         ${cursor}
       ORDER BY jr.created_at, jr.id
       LIMIT $${params.length}`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.created_position, row.request_id]);
    return {
      ...page,
      nodes: page.nodes.map((row) => ({
        ...joinRequestOf(row),
        cursor: encodeCursor([row.created_position, row.request_id]),
      })),
    };
  }
}
