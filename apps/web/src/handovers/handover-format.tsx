import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { graphql, type ResultOf } from '../api/graphql';
import { TEXT_MAX } from '../forms/field-check';

/** The fields every screen shows of a handover; mutations return them so the cache stays fresh. */
export const HANDOVER_FIELDS = graphql(`
  fragment HandoverFields on Handover @_unmask {
    id
    status
    createdAt
    expiresAt
    decidedAt
    reason
    summary {
      situation
      done
      expected
    }
    previewParts
    personInformed
    declineReason
    orientationRequestId
    person {
      id
      givenName
      familyName
      birthYear
      isMember
    }
    fromStructure {
      id
      name
    }
    fromReferent {
      id
      name
    }
    toStructure {
      id
      name
    }
    toAccount {
      id
      name
    }
    proposedBy {
      id
      name
    }
    decidedBy {
      id
      name
    }
    newReferent {
      id
      name
    }
  }
`);

export type HandoverFields = ResultOf<typeof HANDOVER_FIELDS>;
export type HandoverStatus = HandoverFields['status'];

export const STATUS_LABELS: Record<HandoverStatus, string> = {
  PROPOSED: 'Proposé',
  ACCEPTED: 'Accepté',
  DECLINED: 'Refusé',
  CANCELLED: 'Annulé',
  EXPIRED: 'Expiré',
};

const STATUS_SEVERITY = {
  PROPOSED: 'new',
  ACCEPTED: 'success',
  DECLINED: 'error',
  CANCELLED: undefined,
  EXPIRED: 'warning',
} as const satisfies Record<HandoverStatus, string | undefined>;

export const STATUSES = Object.keys(STATUS_LABELS) as HandoverStatus[];

/** The status as a word (its colour only repeats it). */
export function HandoverStatusBadge({ status }: { status: HandoverStatus }) {
  return (
    <Badge as="span" severity={STATUS_SEVERITY[status]} small noIcon>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

// The handover screens spell the month out ("3 mars 2026").
export {
  formatLongDate as formatDate,
  formatLongDateTime as formatDateTime,
  personName,
} from '../components/format';

/** Reason fields: the bounds the API checks (3 to 1000 characters). */
export const REASON_MIN = 3;
export const REASON_MAX = TEXT_MAX.handoverReason;

/** A French problem with a free-text reason, or nothing when it is acceptable. */
export function reasonProblem(value: string, label: string): string | undefined {
  const length = value.trim().length;
  if (length === 0) return `Le champ « ${label} » est obligatoire.`;
  if (length < REASON_MIN) {
    return `Le champ « ${label} » doit compter au moins ${REASON_MIN} caractères.`;
  }
  if (length > REASON_MAX) {
    return `Le champ « ${label} » ne doit pas dépasser ${REASON_MAX.toLocaleString('fr-FR')} caractères.`;
  }
  return undefined;
}

/**
 * The professionals of a structure a handover may name, or who may become referent on
 * acceptance: names only, readable by the caseworkers of its territory (`memberships` is for
 * admins).
 */
export const HANDOVER_RECIPIENTS = graphql(`
  query HandoverRecipients($structureId: ID!) {
    handoverRecipients(structureId: $structureId) {
      id
      name
    }
  }
`);

/**
 * The design system draws a checkbox's box on its label, laid over the real input: raised
 * above it, the input takes clicks itself (automated browsers click an input's centre), with
 * no visible change.
 */
export const CHECKBOX_INPUT_STYLE = { zIndex: 1 } as const;
