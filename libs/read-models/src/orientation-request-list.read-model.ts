// Serves the orientation screen: the requests of the territories the caller manages
// orientations for (Query.orientationRequests), and the request a mutation returns once it
// committed (requestOrientation, decideOrientation).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, type ViewerScope } from '@relais/access';
import { encodeCursor, type Page, toPage } from '@relais/core';
import type { OrientationRequestStatus, OrientationRequestView } from '@relais/handovers';
import { Role } from '@relais/identity';
import { type OrientationType, type SummaryRow, summaryOf, timePosition } from '@relais/pathways';
import { ACCOUNT_NAME, namedRef } from './handover-list.read-model.js';
import {
  activeMembershipIds,
  REFERENT_JOIN,
  SUMMARY_COLUMNS,
} from './person-summary.read-model.js';

/** An orientation request with the person's minimal view ($1: the caller's membership ids). */
const ORIENTATION_REQUEST_SELECT = `SELECT ${SUMMARY_COLUMNS},
    EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
              AND m.membership_id = ANY($1)) AS is_member,
    o.id AS request_id, o.territory_id, o.orientation_type AS requested_orientation_type,
    o.reason, o.status AS request_status, o.created_at, o.created_at::text AS created_position,
    o.decided_at, o.decision_reason, o.handover_id,
    ra.id AS requested_by_id, ${ACCOUNT_NAME('ra')} AS requested_by_name,
    rqs.id AS requester_structure_id, rqs.name AS requester_structure_name,
    tgs.id AS target_structure_id, tgs.name AS target_structure_name
  FROM orientation_request o
  JOIN person p ON p.id = o.person_id
  ${REFERENT_JOIN}
  JOIN account ra ON ra.id = o.requested_by_account_id
  LEFT JOIN membership rqm ON rqm.id = o.requested_by_membership_id
  LEFT JOIN structure rqs ON rqs.id = rqm.structure_id
  LEFT JOIN structure tgs ON tgs.id = o.target_structure_id`;

interface OrientationRequestRow extends SummaryRow {
  request_id: string;
  territory_id: string;
  requested_orientation_type: OrientationType;
  reason: string;
  request_status: OrientationRequestStatus;
  created_at: Date;
  created_position: string;
  decided_at: Date | null;
  decision_reason: string | null;
  handover_id: string | null;
  requested_by_id: string;
  requested_by_name: string;
  requester_structure_id: string | null;
  requester_structure_name: string | null;
  target_structure_id: string | null;
  target_structure_name: string | null;
}

function orientationRequestOf(row: OrientationRequestRow): OrientationRequestView {
  return {
    id: row.request_id,
    person: summaryOf(row),
    territoryId: row.territory_id,
    requestedBy: { id: row.requested_by_id, name: row.requested_by_name },
    requesterStructure: namedRef(row.requester_structure_id, row.requester_structure_name),
    orientationType: row.requested_orientation_type,
    reason: row.reason,
    status: row.request_status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    targetStructure: namedRef(row.target_structure_id, row.target_structure_name),
    handoverId: row.handover_id,
    cursor: encodeCursor([row.created_position, row.request_id]),
  };
}

/** Orientation requests as the orientation managers (and, after a change, its author) see them. */
@Injectable()
export class OrientationRequestListReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The requests of the territories the caller manages orientations for, oldest first. */
  async list(
    scope: ViewerScope,
    status: OrientationRequestStatus | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<OrientationRequestView>> {
    const { principal } = scope;
    const territories = principal.memberships
      .filter((m) => m.role === Role.ORIENTATION_MANAGER)
      .map((m) => m.territoryId)
      .filter((id): id is string => id !== null);
    if (principal.kind !== 'account' || territories.length === 0) throw forbidden();
    const params: unknown[] = [activeMembershipIds(principal), territories];
    const where = ['o.territory_id = ANY($2::uuid[])'];
    if (status) {
      params.push(status);
      where.push(`o.status = $${params.length}`);
    }
    if (after) {
      params.push(...timePosition(after));
      where.push(
        `(o.created_at, o.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    const rows = await this.dataSource.query<OrientationRequestRow[]>(
      `${ORIENTATION_REQUEST_SELECT}
       WHERE ${where.join(' AND ')}
       ORDER BY o.created_at, o.id
       LIMIT $${params.length}`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.created_position, row.request_id]);
    return { ...page, nodes: page.nodes.map(orientationRequestOf) };
  }

  /**
   * The request the caller has just made or decided (the service checked their right to), as
   * the mutation returns it.
   */
  async changedBy(scope: ViewerScope, requestId: string): Promise<OrientationRequestView> {
    const rows = await this.dataSource.query<OrientationRequestRow[]>(
      `${ORIENTATION_REQUEST_SELECT} WHERE o.id = $2`,
      [activeMembershipIds(scope.principal), requestId],
    );
    return orientationRequestOf(rows[0]);
  }
}
