import { AccessGround, type AccessLogFileRead } from '@relais/access';
import {
  decodeCursor,
  DomainError,
  DomainErrorCode,
  DomainErrorReason,
  encodeCursor,
} from '@relais/core';
import { EventType } from '@relais/events';
import type { ActorNames } from '@relais/identity';
import type {
  ActionStatus,
  ContractType,
  ContractView,
  GoalStatus,
  GoalView,
  PlanActionView,
  TimelineEventView,
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
): PositionedFileRead[] {
  return rows.flatMap((row) => {
    const kind = fileReadKindOf(row.ground);
    if (kind === null) return [];
    const at = row.accessedAt;
    if (row.accountId) {
      const account = names.accounts.get(row.accountId);
      const structureId = row.membershipId
        ? names.membershipStructures.get(row.membershipId)
        : null;
      const who = `${account?.givenName ?? ''} ${account?.familyName ?? ''}`.trim();
      const structureName = (structureId && structureNames.get(structureId)) ?? null;
      return [{ view: { at, kind, who, structureName }, position: row.id }];
    }
    const who = (row.clientId && names.clients.get(row.clientId)) || 'Un service partenaire';
    return [{ view: { at, kind, who, structureName: null }, position: row.id }];
  });
}

/** A change of the file as the person's list shows it: by a professional or a partner system. */
export function fileChangeView(event: TimelineEventView): SpaceFileReadView | null {
  // The export is in the access log already (EXPORT); the person's own answers and the system's
  // changes (no membership, no partner) are not someone else's doing.
  if (event.type === EventType.FILE_EXPORTED) return null;
  if (event.actor.partnerSystem) {
    return {
      at: event.occurredAt,
      kind: SpaceFileReadKind.PARTNER,
      who: event.actor.name,
      structureName: null,
    };
  }
  if (event.actingMembershipId === null) return null;
  return {
    at: event.occurredAt,
    kind: SpaceFileReadKind.CHANGE,
    who: event.actor.name,
    structureName: event.actor.structureName,
  };
}

/** A line of the list with where it stands in its own stream: the access log, or the timeline. */
export interface PositionedFileRead {
  readonly view: SpaceFileReadView;
  readonly position: string;
}

/** Where a `myFileReads` page starts in each stream; null from its newest. */
export interface FileReadsPositions {
  /** The id of the last access-log row shown. */
  readonly read: string | null;
  /** The timeline cursor of the last change shown. */
  readonly change: string | null;
}

/**
 * One page of two streams each newest first (the reads, the changes), merged newest first: the
 * page, and the position reached in each stream; `more` when either has lines left.
 */
export function mergeFileReads(
  reads: readonly PositionedFileRead[],
  changes: readonly PositionedFileRead[],
  size: number,
  from: FileReadsPositions,
): { items: SpaceFileReadView[]; positions: FileReadsPositions; more: boolean } {
  const items: SpaceFileReadView[] = [];
  let read = 0;
  let change = 0;
  while (items.length < size && (read < reads.length || change < changes.length)) {
    const takeRead =
      change >= changes.length ||
      (read < reads.length && reads[read].view.at.getTime() >= changes[change].view.at.getTime());
    items.push(takeRead ? reads[read++].view : changes[change++].view);
  }
  return {
    items,
    positions: {
      read: read > 0 ? reads[read - 1].position : from.read,
      change: change > 0 ? changes[change - 1].position : from.change,
    },
    more: read < reads.length || change < changes.length,
  };
}

function invalidCursor(): DomainError {
  return new DomainError(
    DomainErrorCode.InvalidInput,
    DomainErrorReason.InvalidCursor,
    'after is not a cursor this API gave',
    { field: 'after' },
  );
}

/** The positions a `myFileReads` cursor stands for (from the newest when there is none). */
export function fileReadsPositions(after: string | null | undefined): FileReadsPositions {
  if (!after) return { read: null, change: null };
  const parts = decodeCursor(after);
  const [read, change] = parts.map(String);
  if (parts.length !== 2 || !/^(\d{1,19})?$/.test(read) || change.length > 300) {
    throw invalidCursor();
  }
  return { read: read || null, change: change || null };
}

/** The cursor of the next page. */
export function fileReadsCursor(positions: FileReadsPositions): string {
  return encodeCursor([positions.read ?? '', positions.change ?? '']);
}
