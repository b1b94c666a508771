import { AccessGround, type AccessLogFileRead } from '@relais/access';
import {
  decodeCursor,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  encodeCursor,
} from '@relais/core';
import type { ActorNames } from '@relais/identity';
import type {
  ActionStatus,
  ContractType,
  ContractView,
  GoalStatus,
  GoalView,
  PlanActionView,
} from '@relais/pathways';

/** What the person's plan shows them: their project, goals, actions and contracts. */
export interface SpacePlanView {
  readonly targetJob: string | null;
  readonly goals: readonly { id: string; title: string; status: GoalStatus }[];
  readonly actions: readonly {
    id: string;
    title: string;
    status: ActionStatus;
    startsOn: string | null;
    dueOn: string | null;
    goalId: string | null;
  }[];
  readonly contracts: readonly { type: ContractType; startsOn: string; endsOn: string | null }[];
}

/**
 * The plan as the person reads it, from the views their scope gave: sensitive actions included,
 * as the RGPD export shows them (the ground SELF reads them, file-ability.ts). An action still
 * redacted for them (none today) is left out rather than shown without a title.
 */
export function spacePlanOf(
  targetJob: string | null,
  goals: readonly GoalView[],
  actions: readonly PlanActionView[],
  contracts: readonly ContractView[],
): SpacePlanView {
  return {
    targetJob,
    goals: goals.map(({ id, title, status }) => ({ id, title, status })),
    actions: actions.flatMap((action) =>
      action.redacted || action.title === null
        ? []
        : [
            {
              id: action.id,
              title: action.title,
              status: action.status,
              startsOn: action.startsOn,
              dueOn: action.dueOn,
              goalId: action.goalId,
            },
          ],
    ),
    contracts: contracts.map(({ type, startsOn, endsOn }) => ({ type, startsOn, endsOn })),
  };
}

/** How the person's space tells a read of their file. */
export enum SpaceFileReadKind {
  /** A professional opened the file. */
  READ = 'READ',
  /** A professional changed it. */
  CHANGE = 'CHANGE',
  /** It left Relais: the RGPD export, or a caseload exported with the person's name on it. */
  EXPORT = 'EXPORT',
  /** A partner system (France Travail, the CAF…) read it. */
  PARTNER = 'PARTNER',
}

/** One line of "who read my file". */
export interface SpaceFileReadView {
  readonly at: Date;
  readonly kind: SpaceFileReadKind;
  /** "Claire Moreau", or the partner system's name. */
  readonly who: string;
  readonly structureName: string | null;
}

/** The kind each ground of the access log shows as; the person's own reads are not shown. */
export function fileReadKindOf(ground: AccessGround): SpaceFileReadKind | null {
  switch (ground) {
    case AccessGround.TEAM_MEMBER:
    case AccessGround.FORMER_REFERENT:
    case AccessGround.ORIENTATION_MANAGER:
    case AccessGround.HANDOVER_PREVIEW:
      return SpaceFileReadKind.READ;
    case AccessGround.RGPD_EXPORT:
    case AccessGround.CASELOAD_EXPORT:
      return SpaceFileReadKind.EXPORT;
    case AccessGround.PARTNER_CLIENT:
      return SpaceFileReadKind.PARTNER;
    case AccessGround.SELF:
      return null;
  }
}

/** The reads of a page as the person reads them, named from their owners' names. */
export function fileReadViews(
  rows: readonly AccessLogFileRead[],
  names: ActorNames,
  structureNames: ReadonlyMap<string, string>,
): SpaceFileReadView[] {
  return rows.flatMap((row) => {
    const kind = fileReadKindOf(row.ground);
    if (kind === null) return [];
    if (row.accountId) {
      const account = names.accounts.get(row.accountId);
      const structureId = row.membershipId
        ? names.membershipStructures.get(row.membershipId)
        : null;
      return [
        {
          at: row.accessedAt,
          kind,
          who: `${account?.givenName ?? ''} ${account?.familyName ?? ''}`.trim(),
          structureName: (structureId && structureNames.get(structureId)) ?? null,
        },
      ];
    }
    return [
      {
        at: row.accessedAt,
        kind,
        who: (row.clientId && names.clients.get(row.clientId)) || 'Un service partenaire',
        structureName: null,
      },
    ];
  });
}

/** The position a `myFileReads` cursor stands for: the id of the last read of the page. */
export function fileReadsPosition(after: string | null | undefined): string | null {
  if (!after) return null;
  const [id] = decodeCursor(after);
  if (!/^\d{1,19}$/.test(String(id))) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.InvalidCursor,
      'after is not a cursor this API gave',
      { field: 'after' },
    );
  }
  return String(id);
}

/** The cursor after this read. */
export function fileReadsCursor(row: AccessLogFileRead): string {
  return encodeCursor([row.id]);
}
