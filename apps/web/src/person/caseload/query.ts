import { graphql, type ResultOf, type VariablesOf } from '../../api/graphql';
import type { EnumOf } from '../labels';

/** Its name is the one RealtimeProvider refetches when a notification arrives. */
export const CASELOAD = graphql(`
  query Caseload(
    $first: Int!
    $after: String
    $filter: CaseloadFilterInput
    $orderBy: CaseloadOrderInput
  ) {
    caseload(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          myRole
          referentName
          orientationType
          nextAppointmentAt
          openGoals
          lastActivityAt
          contractType
          contractEndsOn
          overdueActions
          openHandover
          person {
            id
            givenName
            familyName
            birthYear
            status
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export type CaseloadFilter = NonNullable<VariablesOf<typeof CASELOAD>['filter']>;
export type CaseloadEntry = ResultOf<typeof CASELOAD>['caseload']['edges'][number]['node'];
export type SortField = EnumOf<'CaseloadSortField'>;
export type SortDirection = EnumOf<'SortDirection'>;

export interface CaseloadOrder {
  readonly field: SortField;
  readonly direction: SortDirection;
}

export const DEFAULT_ORDER: CaseloadOrder = { field: 'LAST_ACTIVITY', direction: 'DESC' };

/** The columns one can sort on, and the direction a first click gives. */
export const SORT_FIELDS: Record<SortField, { label: string; first: SortDirection }> = {
  NAME: { label: 'Nom', first: 'ASC' },
  LAST_ACTIVITY: { label: 'Dernière activité', first: 'DESC' },
  CONTRACT_END: { label: 'Fin du contrat', first: 'ASC' },
  NEXT_APPOINTMENT: { label: 'Prochain rendez-vous', first: 'ASC' },
};

/** How each order reads out, after the column's name. */
const ORDER_WORDS: Record<SortField, Record<SortDirection, string>> = {
  NAME: { ASC: 'de A à Z', DESC: 'de Z à A' },
  LAST_ACTIVITY: {
    ASC: 'de la plus ancienne à la plus récente',
    DESC: 'de la plus récente à la plus ancienne',
  },
  CONTRACT_END: {
    ASC: 'de la plus proche à la plus lointaine',
    DESC: 'de la plus lointaine à la plus proche',
  },
  NEXT_APPOINTMENT: {
    ASC: 'du plus proche au plus lointain',
    DESC: 'du plus lointain au plus proche',
  },
};

/** How an order reads out: "Nom, de A à Z". */
export function orderLabel(order: CaseloadOrder): string {
  return `${SORT_FIELDS[order.field].label}, ${ORDER_WORDS[order.field][order.direction]}`;
}

/** The same, inside a sentence: "triées par nom, de A à Z". */
export function orderPhrase(order: CaseloadOrder): string {
  const label = orderLabel(order);
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** A contract's short name: "CER", not the whole "CER (contrat d’engagements réciproques)". */
export function contractShortName(label: string): string {
  return label.split(' (')[0];
}

/** A contract that has ended, or ends within 30 days: what the "à échéance" filter keeps. */
export function contractFlag(endsOn: string | null): 'ended' | 'ending' | null {
  if (!endsOn) return null;
  // Calendar days where the caseworker is ("sv-SE" writes YYYY-MM-DD).
  const day = (offsetDays: number) =>
    new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE');
  if (endsOn < day(0)) return 'ended';
  return endsOn <= day(30) ? 'ending' : null;
}

/** The sortable columns, in the order the phone's "Trier par" lists them. */
export function keysOfSort(): SortField[] {
  return Object.keys(SORT_FIELDS) as SortField[];
}
