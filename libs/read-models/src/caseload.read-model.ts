// Serves the caseload screen (Query.caseload) and its CSV export: the people whose team the
// caller is in, in the order the caller chose, filtered, with the total and what each row shows
// of the referent, the contract, the plan, the appointments and open handovers.
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ViewerScope } from '@relais/access';
import { encodeCursor, type Page } from '@relais/core';
import { preparedQuery } from '@relais/database';
import {
  type CaseloadFilter,
  type ContractType,
  type OrientationType,
  type PersonSummaryView,
  searchText,
  type SummaryRow,
  summaryOf,
  type TeamRole,
} from '@relais/pathways';
import {
  CURRENT_CONTRACT_END,
  type CaseloadOrder,
  caseloadAfter,
  caseloadPosition,
  DEFAULT_CASELOAD_ORDER,
  NEXT_APPOINTMENT,
  sortKeyOf,
} from './caseload-order.js';
import { REFERENT_JOIN, SUMMARY_COLUMNS } from './person-summary.read-model.js';

/** At most this many people in one CSV export; more must be filtered first. */
export const MAX_CASELOAD_EXPORT_ROWS = 5000;

/** Days before its end when a contract counts as "à échéance". */
export const CONTRACT_ENDING_DAYS = 30;

/** The caseload's filters: the person-level ones and those of the working list. */
export interface CaseloadQuery extends CaseloadFilter {
  /** Only people without activity for this many months. */
  readonly inactiveForMonths?: number | null;
  /** true: only people whose current contract has ended or ends within 30 days. */
  readonly contractEnding?: boolean | null;
  /** true: only people with an action past its due date and not done. */
  readonly overdueAction?: boolean | null;
}

export interface CaseloadEntry {
  readonly summary: PersonSummaryView;
  readonly myRole: TeamRole;
  readonly orientationType: OrientationType | null;
  readonly lastActivityAt: Date;
  readonly referentName: string | null;
  readonly nextAppointmentAt: Date | null;
  readonly openGoals: number;
  readonly contractType: ContractType | null;
  /** The current contract's end, `YYYY-MM-DD`; null when it has none or there is no contract. */
  readonly contractEndsOn: string | null;
  readonly overdueActions: number;
  readonly openHandover: boolean;
  /** The caller's membership in the team and the person's territory, for the access log. */
  readonly membershipId: string;
  readonly territoryId: string;
  /** This entry's position, as an `after` cursor. */
  readonly cursor: string;
}

/**
 * What of an entry the caller asks for beyond the person, the role and the referent, and whether
 * the total is asked: what is not asked is not computed (each costs a subquery per row, the total
 * a count of everyone the filter keeps). Every column is asked unless said otherwise.
 */
export interface CaseloadColumns {
  readonly totalCount: boolean;
  readonly nextAppointmentAt: boolean;
  readonly openGoals: boolean;
  readonly contract: boolean;
  readonly overdueActions: boolean;
  readonly openHandover: boolean;
}

export const ALL_CASELOAD_COLUMNS: CaseloadColumns = {
  totalCount: true,
  nextAppointmentAt: true,
  openGoals: true,
  contract: true,
  overdueActions: true,
  openHandover: true,
};

export interface CaseloadPage extends Page<CaseloadEntry> {
  /** Everyone the filter keeps, on every page. */
  readonly totalCount: number;
}

interface CaseloadRow extends SummaryRow {
  total_count: number | null;
  my_role: TeamRole;
  membership_id: string;
  territory_id: string;
  sort_position: string;
  orientation_type: OrientationType | null;
  last_activity_at: Date;
  referent_given_name: string | null;
  referent_family_name: string | null;
  next_appointment_at: Date | null;
  open_goals: number | null;
  contract_type: ContractType | null;
  contract_ends_on: string | null;
  overdue_actions: number | null;
  open_handover: boolean | null;
}

const OVERDUE = `a.due_on < current_date AND a.status IN ('PLANNED', 'IN_PROGRESS')`;

const OPEN_GOALS = `(SELECT count(*)::int FROM goal g WHERE g.person_id = p.id AND g.status = 'IN_PROGRESS')`;
const OVERDUE_ACTIONS = `(SELECT count(*)::int FROM plan_action a WHERE a.person_id = p.id AND ${OVERDUE})`;
const OPEN_HANDOVER = `EXISTS (SELECT 1 FROM handover h WHERE h.person_id = p.id AND h.status = 'PROPOSED')`;
const CURRENT_CONTRACT_JOIN = `LEFT JOIN LATERAL (SELECT c.type, c.ends_on FROM contract c WHERE c.person_id = p.id
           ORDER BY c.starts_on DESC, c.created_at DESC, c.id DESC LIMIT 1) contract ON true`;

/** A column's SQL when it is asked, else a typed NULL in its place (the row keeps its shape). */
function asked(asks: boolean, sql: string, type: string): string {
  return asks ? sql : `NULL::${type}`;
}

/** The conditions of a filter, on the person as `p` and the caller's stay as `me`. */
function conditionsOf(filter: CaseloadQuery, params: unknown[]): string[] {
  const where: string[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.myRole) where.push(`me.role = ${param(filter.myRole)}`);
  if (filter.orientationType) where.push(`p.orientation_type = ${param(filter.orientationType)}`);
  const text = filter.text ? searchText(filter.text) : '';
  if (text) where.push(`p.search_name LIKE ${param(`%${text}%`)}`);
  if (typeof filter.openHandover === 'boolean') {
    where.push(
      `${filter.openHandover ? '' : 'NOT '}EXISTS (SELECT 1 FROM handover h
         WHERE h.person_id = p.id AND h.status = 'PROPOSED')`,
    );
  }
  if (filter.inactiveForMonths) {
    where.push(
      `p.last_activity_at < now() - make_interval(months => ${param(filter.inactiveForMonths)}::int)`,
    );
  }
  if (typeof filter.contractEnding === 'boolean') {
    const ending = `${CURRENT_CONTRACT_END} <= current_date + ${CONTRACT_ENDING_DAYS}`;
    where.push(filter.contractEnding ? ending : `NOT COALESCE(${ending}, false)`);
  }
  if (typeof filter.overdueAction === 'boolean') {
    where.push(
      `${filter.overdueAction ? '' : 'NOT '}EXISTS (SELECT 1 FROM plan_action a
         WHERE a.person_id = p.id AND ${OVERDUE})`,
    );
  }
  return where;
}

/** The caller's caseload, one page at a time with its total, in one SQL statement per page. */
@Injectable()
export class CaseloadReadModel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async caseload(
    scope: ViewerScope,
    first: number,
    after: string | null | undefined,
    filter: CaseloadQuery,
    order: CaseloadOrder = DEFAULT_CASELOAD_ORDER,
    asks: CaseloadColumns = ALL_CASELOAD_COLUMNS,
  ): Promise<CaseloadPage> {
    const { principal } = scope;
    // The caller's active memberships by account, not as an array of ids: the prepared plan is
    // generic, and an array of unknown length made it scan in parallel.
    const params: unknown[] = [principal.kind === 'account' ? principal.accountId : null];
    const where = conditionsOf(filter, params);
    const key = sortKeyOf(order);
    let following = '';
    if (after) {
      params.push(...caseloadAfter(order, after));
      following = `WHERE (mine.sort_key, mine.person_id)
        ${key.after} ($${params.length - 1}::${key.type}, $${params.length}::uuid)`;
    }
    params.push(first + 1);
    const direction = `${key.direction}`;
    // Everyone the filter keeps (the caller's stays and their people only), with their sort key;
    // their count; the page; then, for the page's rows only, what each entry shows. The total
    // comes even with an empty page (the page is joined to it).
    const rows = await preparedQuery<CaseloadRow>(
      this.dataSource,
      `WITH mine AS (
         SELECT p.id AS person_id, me.role AS my_role, me.membership_id, p.territory_id,
           ${key.sql} AS sort_key
         FROM team_member me
         JOIN person p ON p.id = me.person_id
         WHERE me.membership_id IN (SELECT m.id FROM membership m
                 WHERE m.account_id = $1::uuid AND m.revoked_at IS NULL)
           AND me.left_at IS NULL AND p.status = 'ACTIVE'
           ${where.map((condition) => `AND ${condition}`).join(' ')}
       ), total AS (${asks.totalCount ? 'SELECT count(*)::int AS total_count FROM mine' : 'SELECT NULL::int AS total_count'}),
       page AS (
         SELECT * FROM mine ${following}
         ORDER BY mine.sort_key ${direction}, mine.person_id ${direction}
         LIMIT $${params.length})
       SELECT total.total_count, ${SUMMARY_COLUMNS}, true AS is_member, page.my_role,
         page.membership_id, page.territory_id, page.sort_key::text AS sort_position,
         p.orientation_type, p.last_activity_at,
         ra.given_name AS referent_given_name, ra.family_name AS referent_family_name,
         ${asked(asks.nextAppointmentAt, NEXT_APPOINTMENT, 'timestamptz')} AS next_appointment_at,
         ${asked(asks.openGoals, OPEN_GOALS, 'int')} AS open_goals,
         ${asked(asks.contract, 'contract.type', 'contract_type')} AS contract_type,
         ${asked(asks.contract, 'contract.ends_on::text', 'text')} AS contract_ends_on,
         ${asked(asks.overdueActions, OVERDUE_ACTIONS, 'int')} AS overdue_actions,
         ${asked(asks.openHandover, OPEN_HANDOVER, 'boolean')} AS open_handover
       FROM total
       LEFT JOIN page ON true
       LEFT JOIN person p ON p.id = page.person_id
       ${REFERENT_JOIN}
       LEFT JOIN account ra ON ra.id = r.account_id
       ${asks.contract ? CURRENT_CONTRACT_JOIN : ''}
       ORDER BY page.sort_key ${direction}, page.person_id ${direction}`,
      params,
    );
    // A column not asked comes as NULL and is never shown: GraphQL resolves only what is selected.
    const totalCount = rows[0]?.total_count ?? 0;
    const listed = rows.filter((row) => row.id !== null);
    const nodes = listed.slice(0, first).map((row) => ({
      summary: summaryOf(row),
      myRole: row.my_role,
      orientationType: row.orientation_type,
      lastActivityAt: row.last_activity_at,
      referentName:
        row.referent_given_name && row.referent_family_name
          ? `${row.referent_given_name} ${row.referent_family_name}`
          : null,
      nextAppointmentAt: row.next_appointment_at,
      openGoals: row.open_goals ?? 0,
      contractType: row.contract_type,
      contractEndsOn: row.contract_ends_on,
      overdueActions: row.overdue_actions ?? 0,
      openHandover: row.open_handover ?? false,
      membershipId: row.membership_id,
      territoryId: row.territory_id,
      cursor: encodeCursor(caseloadPosition(order, row.sort_position, row.id)),
    }));
    return {
      nodes,
      hasNextPage: listed.length > first,
      endCursor: nodes.at(-1)?.cursor ?? null,
      totalCount,
    };
  }
}
