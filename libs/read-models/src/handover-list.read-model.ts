// Serves the handover screens: the lists of the parties (Query.handovers, INCOMING or OUTGOING),
// one handover for its parties (Query.handover), and the handover a mutation returns once it
// committed (propose, accept, decline, cancel).
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden, type ViewerScope } from '@relais/access';
import { encodeCursor, type Page, toPage } from '@relais/core';
import {
  HandoverDirection,
  type HandoverPreviewPart,
  type HandoverStatus,
  type HandoverView,
  type NamedRef,
} from '@relais/handovers';
import { type Principal, Role } from '@relais/identity';
import { type SummaryRow, summaryOf, timePosition } from '@relais/pathways';
import {
  activeMembershipIds,
  REFERENT_JOIN,
  SUMMARY_COLUMNS,
} from './person-summary.read-model.js';

/** A name joined from an account or structure, null when the join found nothing. */
export function namedRef(id: string | null, name: string | null): NamedRef | null {
  return id && name ? { id, name } : null;
}

/** An account's display name, with the account joined as `alias`. */
export const ACCOUNT_NAME = (alias: string) => `${alias}.given_name || ' ' || ${alias}.family_name`;

/**
 * A handover with everything its views show, in one statement: the person's minimal view (with
 * the caller's active membership ids as $1), the structures and the people by name.
 */
const HANDOVER_SELECT = `SELECT ${SUMMARY_COLUMNS},
    EXISTS (SELECT 1 FROM team_member m WHERE m.person_id = p.id AND m.left_at IS NULL
              AND m.membership_id = ANY($1)) AS is_member,
    h.id AS handover_id, h.territory_id, h.status AS handover_status, h.reason, h.person_informed,
    h.orientation_request_id, h.created_at, h.created_at::text AS created_position, h.expires_at,
    h.decided_at, h.decline_reason, h.summary_situation, h.summary_done, h.summary_expected,
    h.preview_parts,
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

interface HandoverRow extends SummaryRow {
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
  summary_situation: string | null;
  summary_done: string | null;
  summary_expected: string | null;
  preview_parts: HandoverPreviewPart[];
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

function handoverOf(row: HandoverRow): HandoverView {
  return {
    id: row.handover_id,
    person: summaryOf(row),
    territoryId: row.territory_id,
    status: row.handover_status,
    fromStructure: namedRef(row.from_structure_id, row.from_structure_name),
    fromReferent: namedRef(row.from_referent_id, row.from_referent_name),
    toStructure: { id: row.to_structure_id, name: row.to_structure_name },
    toAccount: namedRef(row.to_account_id, row.to_account_name),
    proposedBy: { id: row.proposed_by_id, name: row.proposed_by_name },
    reason: row.reason,
    summary: {
      situation: row.summary_situation,
      done: row.summary_done,
      expected: row.summary_expected,
    },
    previewParts: row.preview_parts,
    personInformed: row.person_informed,
    orientationRequestId: row.orientation_request_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    decidedBy: namedRef(row.decided_by_id, row.decided_by_name),
    declineReason: row.decline_reason,
    newReferent: namedRef(row.new_referent_id, row.new_referent_name),
    cursor: encodeCursor([row.created_position, row.handover_id]),
  };
}

/** Who the caller is in the lists and the party checks, as SQL parameters $1..$4. */
interface PartyParams {
  readonly membershipIds: string[];
  readonly accountId: string;
  /** Structures where the caller is a professional or an admin. */
  readonly structureIds: string[];
  /** Territories where the caller is an orientation manager. */
  readonly managedTerritoryIds: string[];
}

function partyParams(principal: Principal): PartyParams {
  if (principal.kind !== 'account') throw forbidden();
  const structureIds = principal.memberships
    .filter((m) => m.role === Role.PROFESSIONAL || m.role === Role.STRUCTURE_ADMIN)
    .map((m) => m.structureId)
    .filter((id): id is string => id !== null);
  const managedTerritoryIds = principal.memberships
    .filter((m) => m.role === Role.ORIENTATION_MANAGER)
    .map((m) => m.territoryId)
    .filter((id): id is string => id !== null);
  if (structureIds.length === 0 && managedTerritoryIds.length === 0) throw forbidden();
  return {
    membershipIds: activeMembershipIds(principal),
    accountId: principal.accountId,
    structureIds,
    managedTerritoryIds,
  };
}

/** The handovers of the caller's structures, and one handover as its parties see it. */
@Injectable()
export class HandoverListReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The handovers of the caller's structures, newest first, one SQL statement per page. */
  async list(
    scope: ViewerScope,
    direction: HandoverDirection,
    status: HandoverStatus | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<HandoverView>> {
    const party = partyParams(scope.principal);
    const incoming = direction === HandoverDirection.INCOMING;
    const params: unknown[] = [
      party.membershipIds,
      party.structureIds,
      incoming ? party.managedTerritoryIds : party.accountId,
    ];
    const where = [
      incoming
        ? `(h.to_structure_id = ANY($2::uuid[]) OR h.territory_id = ANY($3::uuid[]))`
        : `(h.from_structure_id = ANY($2::uuid[]) OR h.proposed_by_account_id = $3)`,
    ];
    if (status) {
      params.push(status);
      where.push(`h.status = $${params.length}`);
    }
    if (after) {
      params.push(...timePosition(after));
      where.push(
        `(h.created_at, h.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(first + 1);
    const rows = await this.dataSource.query<HandoverRow[]>(
      `${HANDOVER_SELECT}
       WHERE ${where.join(' AND ')}
       ORDER BY h.created_at DESC, h.id DESC
       LIMIT $${params.length}`,
      params,
    );
    const page = toPage(rows, first, (row) => [row.created_position, row.handover_id]);
    return { ...page, nodes: page.nodes.map(handoverOf) };
  }

  /**
   * One handover, for its parties: the proposer's and target structures (professionals and
   * admins), the named professional, the former and new referents, orientation managers.
   */
  async forParty(scope: ViewerScope, handoverId: string): Promise<HandoverView> {
    const party = partyParams(scope.principal);
    const rows = await this.dataSource.query<HandoverRow[]>(
      `${HANDOVER_SELECT}
           WHERE h.id = $5 AND (h.to_structure_id = ANY($3::uuid[])
             OR h.from_structure_id = ANY($3::uuid[]) OR h.territory_id = ANY($4::uuid[])
             OR $2 IN (h.proposed_by_account_id, h.to_account_id, h.from_referent_account_id,
                       h.new_referent_account_id))`,
      [
        activeMembershipIds(scope.principal),
        party.accountId,
        party.structureIds,
        party.managedTerritoryIds,
        handoverId,
      ],
    );
    if (!rows[0]) throw forbidden();
    return handoverOf(rows[0]);
  }

  /**
   * The handover the caller has just proposed or answered (the service checked their right to
   * act on it), as the mutation returns it.
   */
  async changedBy(scope: ViewerScope, handoverId: string): Promise<HandoverView> {
    const rows = await this.dataSource.query<HandoverRow[]>(`${HANDOVER_SELECT} WHERE h.id = $2`, [
      activeMembershipIds(scope.principal),
      handoverId,
    ]);
    if (!rows[0]) throw forbidden();
    return handoverOf(rows[0]);
  }
}
