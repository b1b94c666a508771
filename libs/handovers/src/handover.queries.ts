import { encodeCursor } from '@relais/core';
import { REFERENT_JOIN, SUMMARY_COLUMNS, type SummaryRow, summaryOf } from '@relais/pathways';
import type { HandoverStatus, OrientationRequestStatus } from './handover.enums.js';
import type { OrientationType } from '@relais/pathways';
import type { HandoverView, NamedRef, OrientationRequestView } from './handover.views.js';

/** A name joined from an account or structure, null when the join found nothing. */
function ref(id: string | null, name: string | null): NamedRef | null {
  return id && name ? { id, name } : null;
}

const ACCOUNT_NAME = (alias: string) => `${alias}.given_name || ' ' || ${alias}.family_name`;

/**
 * A handover with everything its views show, in one statement: the person's minimal view (with
 * the caller's active membership ids as $1), the structures and the people by name.
 */
export const HANDOVER_SELECT = `SELECT ${SUMMARY_COLUMNS},
    EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
              AND m.membership_id = ANY($1)) AS is_member,
    h.id AS handover_id, h.territory_id, h.status AS handover_status, h.reason, h.person_informed,
    h.orientation_request_id, h.created_at, h.created_at::text AS created_position, h.expires_at,
    h.decided_at, h.decline_reason,
    fs.id AS from_structure_id, fs.name AS from_structure_name,
    ts.id AS to_structure_id, ts.name AS to_structure_name,
    fa.id AS from_referent_id, ${ACCOUNT_NAME('fa')} AS from_referent_name,
    ta.id AS to_account_id, ${ACCOUNT_NAME('ta')} AS to_account_name,
    pa.id AS proposed_by_id, ${ACCOUNT_NAME('pa')} AS proposed_by_name,
    da.id AS decided_by_id, ${ACCOUNT_NAME('da')} AS decided_by_name,
    na.id AS new_referent_id, ${ACCOUNT_NAME('na')} AS new_referent_name
  FROM handover h
  JOIN person p ON p.id = h.person_id
  ${REFERENT_JOIN}
  JOIN structure ts ON ts.id = h.to_structure_id
  JOIN account pa ON pa.id = h.proposed_by_account_id
  LEFT JOIN structure fs ON fs.id = h.from_structure_id
  LEFT JOIN account fa ON fa.id = h.from_referent_account_id
  LEFT JOIN account ta ON ta.id = h.to_account_id
  LEFT JOIN account da ON da.id = h.decided_by_account_id
  LEFT JOIN account na ON na.id = h.new_referent_account_id`;

export interface HandoverRow extends SummaryRow {
  handover_id: string;
  territory_id: string;
  handover_status: HandoverStatus;
  reason: string;
  person_informed: boolean;
  orientation_request_id: string | null;
  created_at: Date;
  created_position: string;
  expires_at: Date;
  decided_at: Date | null;
  decline_reason: string | null;
  from_structure_id: string | null;
  from_structure_name: string | null;
  to_structure_id: string;
  to_structure_name: string;
  from_referent_id: string | null;
  from_referent_name: string | null;
  to_account_id: string | null;
  to_account_name: string | null;
  proposed_by_id: string;
  proposed_by_name: string;
  decided_by_id: string | null;
  decided_by_name: string | null;
  new_referent_id: string | null;
  new_referent_name: string | null;
}

export function handoverOf(row: HandoverRow): HandoverView {
  return {
    id: row.handover_id,
    person: summaryOf(row),
    territoryId: row.territory_id,
    status: row.handover_status,
    fromStructure: ref(row.from_structure_id, row.from_structure_name),
    fromReferent: ref(row.from_referent_id, row.from_referent_name),
    toStructure: { id: row.to_structure_id, name: row.to_structure_name },
    toAccount: ref(row.to_account_id, row.to_account_name),
    proposedBy: { id: row.proposed_by_id, name: row.proposed_by_name },
    reason: row.reason,
    personInformed: row.person_informed,
    orientationRequestId: row.orientation_request_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    decidedBy: ref(row.decided_by_id, row.decided_by_name),
    declineReason: row.decline_reason,
    newReferent: ref(row.new_referent_id, row.new_referent_name),
    cursor: encodeCursor([row.created_position, row.handover_id]),
  };
}

/** An orientation request with the person's minimal view ($1: the caller's membership ids). */
export const ORIENTATION_REQUEST_SELECT = `SELECT ${SUMMARY_COLUMNS},
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

export interface OrientationRequestRow extends SummaryRow {
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

export function orientationRequestOf(row: OrientationRequestRow): OrientationRequestView {
  return {
    id: row.request_id,
    person: summaryOf(row),
    territoryId: row.territory_id,
    requestedBy: { id: row.requested_by_id, name: row.requested_by_name },
    requesterStructure: ref(row.requester_structure_id, row.requester_structure_name),
    orientationType: row.requested_orientation_type,
    reason: row.reason,
    status: row.request_status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    targetStructure: ref(row.target_structure_id, row.target_structure_name),
    handoverId: row.handover_id,
    cursor: encodeCursor([row.created_position, row.request_id]),
  };
}

/** The pg error code of a unique violation, and the index it hit, from a TypeORM failure. */
export function uniqueViolationOf(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  return driverError?.code === '23505' ? (driverError.constraint ?? '') : null;
}
