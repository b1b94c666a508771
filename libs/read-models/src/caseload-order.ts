// The orders of the caseload screen and their keyset cursors: each order sorts on one key and the
// person's id, so a page boundary is exact whatever the order, and a cursor names its order.
import { decodeCursor, DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';

/** The columns the caseload sorts on. */
export enum CaseloadSortField {
  NAME = 'NAME',
  LAST_ACTIVITY = 'LAST_ACTIVITY',
  CONTRACT_END = 'CONTRACT_END',
  NEXT_APPOINTMENT = 'NEXT_APPOINTMENT',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export interface CaseloadOrder {
  readonly field: CaseloadSortField;
  readonly direction: SortDirection;
}

/** Most recent activity first, as the caseload has always been listed. */
export const DEFAULT_CASELOAD_ORDER: CaseloadOrder = {
  field: CaseloadSortField.LAST_ACTIVITY,
  direction: SortDirection.DESC,
};

/** The current contract: the one that started last. */
export const CURRENT_CONTRACT_END = `(SELECT c.ends_on FROM contract c WHERE c.person_id = p.id
    ORDER BY c.starts_on DESC, c.created_at DESC, c.id DESC LIMIT 1)`;

/** The next planned appointment. */
export const NEXT_APPOINTMENT = `(SELECT min(a.starts_at) FROM appointment a
    WHERE a.person_id = p.id AND a.status = 'PLANNED' AND a.starts_at >= now())`;

interface SortKey {
  /** The key, never null: missing dates sort last in either direction. */
  sql(direction: SortDirection): string;
  /** The SQL type the cursor's key is cast to. */
  type: 'timestamptz' | 'date' | 'text';
  /** What a key of this order looks like, as the database prints it. */
  pattern: RegExp;
}

const TIME = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?|-?infinity)$/;
const DATE = /^(\d{4}-\d{2}-\d{2}|-?infinity)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Missing dates last: after every date going up, before every date going down... reversed. */
const last = (direction: SortDirection): string =>
  direction === SortDirection.ASC ? "'infinity'" : "'-infinity'";

const SORT_KEYS: Record<CaseloadSortField, SortKey> = {
  [CaseloadSortField.NAME]: {
    // search_name: family, given and birth names, lower case, without accents.
    sql: () => 'p.search_name::text',
    type: 'text',
    pattern: /^[\s\S]{0,310}$/,
  },
  [CaseloadSortField.LAST_ACTIVITY]: {
    sql: () => 'p.last_activity_at',
    type: 'timestamptz',
    pattern: TIME,
  },
  [CaseloadSortField.CONTRACT_END]: {
    sql: (direction) => `COALESCE(${CURRENT_CONTRACT_END}, ${last(direction)}::date)`,
    type: 'date',
    pattern: DATE,
  },
  [CaseloadSortField.NEXT_APPOINTMENT]: {
    sql: (direction) => `COALESCE(${NEXT_APPOINTMENT}, ${last(direction)}::timestamptz)`,
    type: 'timestamptz',
    pattern: TIME,
  },
};

/** The key's SQL expression (person as `p`), its cast, and the comparison that follows a cursor. */
export function sortKeyOf(order: CaseloadOrder): {
  sql: string;
  type: string;
  after: '>' | '<';
  direction: 'ASC' | 'DESC';
} {
  const key = SORT_KEYS[order.field];
  return {
    sql: key.sql(order.direction),
    type: key.type,
    after: order.direction === SortDirection.ASC ? '>' : '<',
    direction: order.direction,
  };
}

/** A cursor names its order, so a cursor of another order is refused rather than misread. */
export function caseloadPosition(order: CaseloadOrder, key: string, id: string): string[] {
  return [order.field, order.direction, key, id];
}

/** The (key, id) a cursor of this order holds; BAD_USER_INPUT for any other. */
export function caseloadAfter(order: CaseloadOrder, after: string): [string, string] {
  const [field, direction, key, id] = decodeCursor(after);
  if (
    field !== order.field ||
    direction !== order.direction ||
    typeof key !== 'string' ||
    !SORT_KEYS[order.field].pattern.test(key) ||
    typeof id !== 'string' ||
    !UUID.test(id)
  ) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.InvalidCursor,
      'after is not a cursor this API gave for this order',
      { field: 'after' },
    );
  }
  return [key, id];
}
