import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType } from '@relais/events';
import type { Principal } from '@relais/identity';
import { ObstacleEntity } from '../diagnostic/obstacle.entity.js';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import { FilePartsReader } from '../file/file-parts.js';
import { changedFields, updateVersioned } from '../file/versioned-update.js';
import {
  ActionStatus,
  GoalStatus,
  isSensitiveTheme,
  type ObstacleTheme,
} from '../pathway.enums.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import { ContractEntity } from './contract.entity.js';
import { GoalEntity } from './goal.entity.js';
import { PlanActionEntity } from './plan-action.entity.js';
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

interface ActionRow {
  id: string;
  person_id: string;
  title: string;
  status: ActionStatus;
  starts_on: string | null;
  due_on: string | null;
  goal_id: string | null;
  obstacle_id: string | null;
  version: number;
  /** A Date from a row, ISO text from a file part's JSON. */
  created_at: Date | string;
  updated_at: Date | string;
  obstacle_theme: ObstacleTheme | null;
}

// Dates as text: the driver would make them midnight Dates in the server's zone.
const ACTION_SELECT = `SELECT a.id, a.person_id, a.title, a.status, a.starts_on::text AS starts_on,
    a.due_on::text AS due_on, a.goal_id, a.obstacle_id, a.version, a.created_at, a.updated_at,
    o.theme AS obstacle_theme
  FROM plan_action a LEFT JOIN obstacle o ON o.id = a.obstacle_id`;

function actionRecordOf(row: ActionRow): PlanActionRecord {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    startsOn: row.starts_on,
    dueOn: row.due_on,
    goalId: row.goal_id,
    obstacleId: row.obstacle_id,
    version: row.version,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    sensitive: row.obstacle_theme !== null && isSensitiveTheme(row.obstacle_theme),
  };
}

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
    private readonly parts: FilePartsReader,
  ) {}

  /** Contracts of a file, the latest first. */
  contracts(scope: FileScope): Promise<ContractView[]> {
    return this.parts.readEntities(scope, ContractEntity, {
      key: 'contracts',
      order: 'r.starts_on DESC, r.created_at DESC',
      view: contractViewOf,
    });
  }

  /** Goals of a file, in the order they were set. */
  goals(scope: FileScope): Promise<GoalView[]> {
    return this.parts.readEntities(scope, GoalEntity, {
      key: 'goals',
      order: 'r.created_at, r.id',
      view: goalViewOf,
    });
  }

  /** Actions of a file in the order they were planned, redacted for this viewer. */
  actions(scope: FileScope): Promise<PlanActionView[]> {
    return this.parts.read(scope, {
      key: 'actions',
      sql: `${ACTION_SELECT} WHERE a.person_id = $1`,
      params: [scope.viewer.personId],
      order: 'r.created_at, r.id',
      decode: (rows) =>
        (rows as unknown as ActionRow[]).map((row) => planActionView(actionRecordOf(row), scope)),
    });
  }

  async addContract(principal: Principal, input: NewContract): Promise<ContractView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, input.personId, manager);
      const endsOn = input.endsOn ?? null;
      requireOrdered(input.startsOn, endsOn, 'endsOn', 'endsOn must not be before startsOn');
      const contract = await manager.save(
        manager.create(ContractEntity, {
          personId: input.personId,
          type: input.type,
          startsOn: input.startsOn,
          endsOn,
          createdByMembershipId: scope.viewer.membershipId,
        }),
      );
      await appendTimeline(manager, scope.viewer, {
        type: EventType.CONTRACT_ADDED,
        subjectType: 'Contract',
        subjectId: contract.id,
        after: { type: contract.type, startsOn: contract.startsOn, endsOn: contract.endsOn },
      });
      return contractViewOf(await manager.findOneByOrFail(ContractEntity, { id: contract.id }));
    });
  }

  async updateContract(
    principal: Principal,
    contractId: string,
    version: number,
    input: ContractChanges,
  ): Promise<ContractView> {
    return this.dataSource.transaction(async (manager) => {
      const contract = await manager.findOneBy(ContractEntity, { id: contractId });
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
      await updateVersioned(manager, ContractEntity, contract.id, version, changes);
      const summary = changedFields(contract as unknown as Record<string, unknown>, changes);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.CONTRACT_UPDATED,
        subjectType: 'Contract',
        subjectId: contract.id,
        before: summary?.before ?? null,
        after: summary?.after ?? null,
      });
      return contractViewOf(await manager.findOneByOrFail(ContractEntity, { id: contract.id }));
    });
  }

  async addGoal(principal: Principal, input: NewGoal): Promise<GoalView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, input.personId, manager);
      const goal = await manager.save(
        manager.create(GoalEntity, {
          personId: input.personId,
          title: titleOf(input.title),
          status: input.status ?? GoalStatus.IN_PROGRESS,
          createdByMembershipId: scope.viewer.membershipId,
        }),
      );
      await appendTimeline(manager, scope.viewer, {
        type: EventType.GOAL_ADDED,
        subjectType: 'Goal',
        subjectId: goal.id,
        after: { title: goal.title, status: goal.status },
      });
      return goalViewOf(await manager.findOneByOrFail(GoalEntity, { id: goal.id }));
    });
  }

  async updateGoal(
    principal: Principal,
    goalId: string,
    version: number,
    input: GoalChanges,
  ): Promise<GoalView> {
    return this.dataSource.transaction(async (manager) => {
      const goal = await manager.findOneBy(GoalEntity, { id: goalId });
      if (!goal) throw forbidden();
      const scope = await this.files.writeScope(principal, goal.personId, manager);
      const changes: Partial<GoalEntity> = {
        title: input.title === undefined ? undefined : titleOf(input.title),
        status: input.status,
      };
      await updateVersioned(manager, GoalEntity, goal.id, version, changes);
      const summary = changedFields(goal as unknown as Record<string, unknown>, changes);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.GOAL_UPDATED,
        subjectType: 'Goal',
        subjectId: goal.id,
        before: summary?.before ?? null,
        after: summary?.after ?? null,
      });
      return goalViewOf(await manager.findOneByOrFail(GoalEntity, { id: goal.id }));
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
      await this.requireGoalOf(manager, input.personId, fields.goalId);
      const sensitive = await this.obstacleSensitivity(manager, input.personId, fields.obstacleId);
      // Whoever may not read the obstacle's theme may not plan actions that hang on it.
      if (!canReadAction(scope, sensitive)) throw forbidden();
      const action = await manager.save(
        manager.create(PlanActionEntity, {
          ...fields,
          personId: input.personId,
          createdByMembershipId: scope.viewer.membershipId,
        }),
      );
      await appendTimeline(manager, scope.viewer, {
        type: EventType.ACTION_ADDED,
        subjectType: 'PlanAction',
        subjectId: action.id,
        sensitive,
        after: fields,
      });
      return planActionView(await this.actionById(manager, action.id), scope);
    });
  }

  async updateAction(
    principal: Principal,
    actionId: string,
    version: number,
    input: PlanActionChanges,
  ): Promise<PlanActionView> {
    return this.dataSource.transaction(async (manager) => {
      const action = await this.findAction(manager, actionId);
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
      if (changes.goalId) await this.requireGoalOf(manager, action.personId, changes.goalId);
      let sensitive = current.sensitive;
      if (changes.obstacleId !== undefined) {
        sensitive = await this.obstacleSensitivity(manager, action.personId, changes.obstacleId);
        if (!canReadAction(scope, sensitive)) throw forbidden();
      }
      await updateVersioned(manager, PlanActionEntity, current.id, version, changes);
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
      return planActionView(await this.actionById(manager, current.id), scope);
    });
  }

  private async findAction(
    manager: EntityManager,
    actionId: string,
  ): Promise<{ personId: string; record: PlanActionRecord } | null> {
    const rows = await manager.query<ActionRow[]>(`${ACTION_SELECT} WHERE a.id = $1`, [actionId]);
    const row = rows[0];
    return row ? { personId: row.person_id, record: actionRecordOf(row) } : null;
  }

  private async actionById(manager: EntityManager, actionId: string): Promise<PlanActionRecord> {
    const found = await this.findAction(manager, actionId);
    if (!found) throw forbidden();
    return found.record;
  }

  private async requireGoalOf(
    manager: EntityManager,
    personId: string,
    goalId: string | null,
  ): Promise<void> {
    if (!goalId) return;
    if (!(await manager.existsBy(GoalEntity, { id: goalId, personId }))) {
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
    personId: string,
    obstacleId: string | null,
  ): Promise<boolean> {
    if (!obstacleId) return false;
    const obstacle = await manager.findOne(ObstacleEntity, {
      select: { id: true, theme: true },
      where: { id: obstacleId, personId },
    });
    if (!obstacle) {
      throw new DomainError(
        DomainErrorCode.InvalidInput,
        DomainErrorReason.NotOfPerson,
        'obstacleId must be an obstacle of this person',
        { field: 'obstacleId' },
      );
    }
    return isSensitiveTheme(obstacle.theme);
  }
}
