import { subject } from '@casl/ability';
import type { FileScope } from '../file/file-access.service.js';
import type { ActionStatus, ContractType, GoalStatus } from '../pathway.enums.js';

export interface ContractView {
  readonly id: string;
  readonly type: ContractType;
  /** YYYY-MM-DD */
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface GoalView {
  readonly id: string;
  readonly title: string;
  readonly status: GoalStatus;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * An action as one viewer may read it. An action serving a sensitive obstacle is sensitive: for a
 * viewer not entitled its title and obstacle are hidden (`redacted`), its dates and status stay.
 */
export interface PlanActionView {
  readonly id: string;
  readonly sensitive: boolean;
  readonly redacted: boolean;
  readonly title: string | null;
  readonly status: ActionStatus;
  readonly startsOn: string | null;
  readonly dueOn: string | null;
  readonly goalId: string | null;
  readonly obstacleId: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewContract {
  readonly personId: string;
  readonly type: ContractType;
  readonly startsOn: string;
  readonly endsOn?: string | null;
}

/** Omitted fields stay as they are; a null `endsOn` makes the contract open-ended. */
export interface ContractChanges {
  readonly type?: ContractType;
  readonly startsOn?: string;
  readonly endsOn?: string | null;
}

export interface NewGoal {
  readonly personId: string;
  readonly title: string;
  readonly status?: GoalStatus | null;
}

export interface GoalChanges {
  readonly title?: string;
  readonly status?: GoalStatus;
}

export interface NewPlanAction {
  readonly personId: string;
  readonly title: string;
  readonly status?: ActionStatus | null;
  readonly startsOn?: string | null;
  readonly dueOn?: string | null;
  readonly goalId?: string | null;
  readonly obstacleId?: string | null;
}

/** Omitted fields stay as they are; null clears a date, the goal or the obstacle. */
export interface PlanActionChanges {
  readonly title?: string;
  readonly status?: ActionStatus;
  readonly startsOn?: string | null;
  readonly dueOn?: string | null;
  readonly goalId?: string | null;
  readonly obstacleId?: string | null;
}

/** A plan action as the database gives it, with the sensitivity of its obstacle. */
export interface PlanActionRecord {
  readonly id: string;
  readonly title: string;
  readonly status: ActionStatus;
  readonly startsOn: string | null;
  readonly dueOn: string | null;
  readonly goalId: string | null;
  readonly obstacleId: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly sensitive: boolean;
}

/** Whether the viewer reads an action in full (the file's CASL rules). */
export function canReadAction(scope: FileScope, sensitive: boolean): boolean {
  return scope.ability.can('read', subject('PlanAction', { sensitive }));
}

/** The one redaction of a plan action (STYLE.md rule 5). */
export function planActionView(action: PlanActionRecord, scope: FileScope): PlanActionView {
  const redacted = !canReadAction(scope, action.sensitive);
  return {
    id: action.id,
    sensitive: action.sensitive,
    redacted,
    title: redacted ? null : action.title,
    status: action.status,
    startsOn: action.startsOn,
    dueOn: action.dueOn,
    goalId: action.goalId,
    obstacleId: redacted ? null : action.obstacleId,
    version: action.version,
    createdAt: action.createdAt,
    updatedAt: action.updatedAt,
  };
}
