import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType } from '@relais/events';
import type { Principal } from '@relais/identity';
import { ObstacleRepository } from '../diagnostic/obstacle.repository.js';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import { changedFields } from '../file/versioned-update.js';
import { ActionStatus, GoalStatus, isSensitiveTheme } from '../pathway.enums.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import type { ContractEntity } from './contract.entity.js';
import type { GoalEntity } from './goal.entity.js';
import type { PlanActionEntity } from './plan-action.entity.js';
import { PlanRepository } from './plan.repository.js';
import {
  canReadAction,
  type ContractChanges,
  type ContractView,
  type GoalChanges,
  type GoalView,
  type NewContract,
  type NewGoal,
  type NewPlanAction,
  type PlanActionChanges,
  type PlanActionRecord,
  planActionView,
  type PlanActionView,
} from './plan.views.js';

function contractViewOf(contract: ContractEntity): ContractView {
  return {
    id: contract.id,
    type: contract.type,
    startsOn: contract.startsOn,
    endsOn: contract.endsOn,
    version: contract.version,
    createdAt: contract.createdAt,
    updatedAt: contract.updatedAt,
  };
}

function goalViewOf(goal: GoalEntity): GoalView {
  return {
    id: goal.id,
    title: goal.title,
    status: goal.status,
    version: goal.version,
    createdAt: goal.createdAt,
    updatedAt: goal.updatedAt,
  };
}

/** A title with its surrounding spaces removed, which must keep some text. */
function titleOf(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.BlankText,
      'title must not be blank',
      {
        field: 'title',
      },
    );
  }
  return trimmed;
}

/** A period whose end (when it has one) is not before its start; `field` is the one at fault. */
function requireOrdered(
  start: string | null,
  end: string | null,
  field: string,
  message: string,
): void {
  if (start && end && end < start) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.DatesOutOfOrder,
      message,
      { field },
    );
  }
}

/**
 * The action plan: the contract framing it (CER, PPAE, CEJ, PACEA, contrat d'engagement), its
 * goals, and the actions serving them. An action linked to a sensitive obstacle is sensitive.
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly repository: PlanRepository,
    private readonly obstacleRows: ObstacleRepository,
  ) {}

  /** Contracts of a file, the latest first. */
  contracts(scope: FileScope): Promise<ContractView[]> {
    return this.repository.contracts(scope, contractViewOf);
  }

  /** Goals of a file, in the order they were set. */
  goals(scope: FileScope): Promise<GoalView[]> {
    return this.repository.goals(scope, goalViewOf);
  }

  /** Actions of a file in the order they were planned, redacted for this viewer. */
  actions(scope: FileScope): Promise<PlanActionView[]> {
    return this.repository.actions(scope, (record) => planActionView(record, scope));
  }

  async addContract(principal: Principal, input: NewContract): Promise<ContractView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, input.personId, manager);
      const endsOn = input.endsOn ?? null;
      requireOrdered(input.startsOn, endsOn, 'endsOn', 'endsOn must not be before startsOn');
      const contract = await this.repository.insertContract(manager, {
        personId: input.personId,
        type: input.type,
        startsOn: input.startsOn,
        endsOn,
        createdByMembershipId: scope.viewer.membershipId,
      });
      await appendTimeline(manager, scope.viewer, {
        type: EventType.CONTRACT_ADDED,
        subjectType: 'Contract',
        subjectId: contract.id,
        after: { type: contract.type, startsOn: contract.startsOn, endsOn: contract.endsOn },
      });
      return contractViewOf(await this.repository.writtenContract(scope, contract.id, manager));
    });
  }

  async updateContract(
    principal: Principal,
    contractId: string,
    version: number,
    input: ContractChanges,
  ): Promise<ContractView> {
    return this.dataSource.transaction(async (manager) => {
      const contract = await this.repository.contractForChange(contractId, manager);
      if (!contract) throw forbidden();
      const scope = await this.files.writeScope(principal, contract.personId, manager);
      const changes: Partial<ContractEntity> = {
        type: input.type,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      };
      requireOrdered(
        changes.startsOn ?? contract.startsOn,
        changes.endsOn === undefined ? contract.endsOn : changes.endsOn,
        input.endsOn === undefined ? 'startsOn' : 'endsOn',
        'endsOn must not be before startsOn',
      );
      await this.repository.updateContract(manager, contract.id, version, changes);
      const summary = changedFields(contract as unknown as Record<string, unknown>, changes);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.CONTRACT_UPDATED,
        subjectType: 'Contract',
        subjectId: contract.id,
        before: summary?.before ?? null,
        after: summary?.after ?? null,
      });
      return contractViewOf(await this.repository.writtenContract(scope, contract.id, manager));
    });
  }

  async addGoal(principal: Principal, input: NewGoal): Promise<GoalView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, input.personId, manager);
      const goal = await this.repository.insertGoal(manager, {
        personId: input.personId,
        title: titleOf(input.title),
        status: input.status ?? GoalStatus.IN_PROGRESS,
        createdByMembershipId: scope.viewer.membershipId,
      });
      await appendTimeline(manager, scope.viewer, {
        type: EventType.GOAL_ADDED,
        subjectType: 'Goal',
        subjectId: goal.id,
        after: { title: goal.title, status: goal.status },
      });
      return goalViewOf(await this.repository.writtenGoal(scope, goal.id, manager));
    });
  }

  async updateGoal(
    principal: Principal,
    goalId: string,
    version: number,
    input: GoalChanges,
  ): Promise<GoalView> {
    return this.dataSource.transaction(async (manager) => {
      const goal = await this.repository.goalForChange(goalId, manager);
      if (!goal) throw forbidden();
      const scope = await this.files.writeScope(principal, goal.personId, manager);
      const changes: Partial<GoalEntity> = {
        title: input.title === undefined ? undefined : titleOf(input.title),
        status: input.status,
      };
      await this.repository.updateGoal(manager, goal.id, version, changes);
      const summary = changedFields(goal as unknown as Record<string, unknown>, changes);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.GOAL_UPDATED,
        subjectType: 'Goal',
        subjectId: goal.id,
        before: summary?.before ?? null,
        after: summary?.after ?? null,
      });
      return goalViewOf(await this.repository.writtenGoal(scope, goal.id, manager));
    });
  }

  async addAction(principal: Principal, input: NewPlanAction): Promise<PlanActionView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, input.personId, manager);
      const fields = {
        title: titleOf(input.title),
        status: input.status ?? ActionStatus.PLANNED,
        startsOn: input.startsOn ?? null,
        dueOn: input.dueOn ?? null,
        goalId: input.goalId ?? null,
        obstacleId: input.obstacleId ?? null,
      };
      requireOrdered(fields.startsOn, fields.dueOn, 'dueOn', 'dueOn must not be before startsOn');
      await this.requireGoalOf(manager, scope, fields.goalId);
      const sensitive = await this.obstacleSensitivity(manager, scope, fields.obstacleId);
      // Whoever may not read the obstacle's theme may not plan actions that hang on it.
      if (!canReadAction(scope, sensitive)) throw forbidden();
      const action = await this.repository.insertAction(manager, {
        ...fields,
        personId: input.personId,
        createdByMembershipId: scope.viewer.membershipId,
      });
      await appendTimeline(manager, scope.viewer, {
        type: EventType.ACTION_ADDED,
        subjectType: 'PlanAction',
        subjectId: action.id,
        sensitive,
        after: fields,
      });
      return planActionView(await this.actionById(manager, scope, action.id), scope);
    });
  }

  async updateAction(
    principal: Principal,
    actionId: string,
    version: number,
    input: PlanActionChanges,
  ): Promise<PlanActionView> {
    return this.dataSource.transaction(async (manager) => {
      const action = await this.repository.actionForChange(actionId, manager);
      if (!action) throw forbidden();
      const scope = await this.files.writeScope(principal, action.personId, manager);
      if (!canReadAction(scope, action.record.sensitive)) throw forbidden();
      const current = action.record;
      const changes: Partial<PlanActionEntity> = {
        title: input.title === undefined ? undefined : titleOf(input.title),
        status: input.status,
        startsOn: input.startsOn,
        dueOn: input.dueOn,
        goalId: input.goalId,
        obstacleId: input.obstacleId,
      };
      requireOrdered(
        changes.startsOn === undefined ? current.startsOn : changes.startsOn,
        changes.dueOn === undefined ? current.dueOn : changes.dueOn,
        input.dueOn === undefined ? 'startsOn' : 'dueOn',
        'dueOn must not be before startsOn',
      );
      if (changes.goalId) await this.requireGoalOf(manager, scope, changes.goalId);
      let sensitive = current.sensitive;
      if (changes.obstacleId !== undefined) {
        sensitive = await this.obstacleSensitivity(manager, scope, changes.obstacleId);
        if (!canReadAction(scope, sensitive)) throw forbidden();
      }
      await this.repository.updateAction(manager, current.id, version, changes);
      const summary = changedFields(current as unknown as Record<string, unknown>, changes);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.ACTION_UPDATED,
        subjectType: 'PlanAction',
        subjectId: current.id,
        // Unlinking from a sensitive obstacle still tells something about it.
        sensitive: current.sensitive || sensitive,
        before: summary?.before ?? null,
        after: summary?.after ?? null,
      });
      return planActionView(await this.actionById(manager, scope, current.id), scope);
    });
  }

  private async actionById(
    manager: EntityManager,
    scope: FileScope,
    actionId: string,
  ): Promise<PlanActionRecord> {
    const found = await this.repository.writtenAction(scope, actionId, manager);
    if (!found) throw forbidden();
    return found;
  }

  private async requireGoalOf(
    manager: EntityManager,
    scope: FileScope,
    goalId: string | null,
  ): Promise<void> {
    if (!goalId) return;
    if (!(await this.repository.isGoalOfFile(scope, goalId, manager))) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotOfPerson,
        'goalId must be a goal of this person',
        {
          field: 'goalId',
        },
      );
    }
  }

  /** Whether the obstacle (of this person, else BAD_USER_INPUT) makes an action sensitive. */
  private async obstacleSensitivity(
    manager: EntityManager,
    scope: FileScope,
    obstacleId: string | null,
  ): Promise<boolean> {
    if (!obstacleId) return false;
    const theme = await this.obstacleRows.themeOf(scope, obstacleId, manager);
    if (!theme) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotOfPerson,
        'obstacleId must be an obstacle of this person',
        { field: 'obstacleId' },
      );
    }
    return isSensitiveTheme(theme);
  }
}
