import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FileScope } from '../file/file-access.service.js';
import { FilePartsReader } from '../file/file-parts.js';
import { updateVersioned } from '../file/versioned-update.js';
import { type ActionStatus, isSensitiveTheme, type ObstacleTheme } from '../pathway.enums.js';
import { ContractEntity } from './contract.entity.js';
import { GoalEntity } from './goal.entity.js';
import { PlanActionEntity } from './plan-action.entity.js';
import type { PlanActionRecord } from './plan.views.js';

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

/** The tables of the action plan: contract, goal and plan_action. */
@Injectable()
export class PlanRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parts: FilePartsReader,
  ) {}

  /** The file's contracts, the latest first: a part of the file's one statement. */
  contracts<View>(scope: FileScope, view: (contract: ContractEntity) => View): Promise<View[]> {
    return this.parts.readEntities(scope, ContractEntity, {
      key: 'contracts',
      order: 'r.starts_on DESC, r.created_at DESC',
      view,
    });
  }

  /** The file's goals, in the order they were set: a part of the file's one statement. */
  goals<View>(scope: FileScope, view: (goal: GoalEntity) => View): Promise<View[]> {
    return this.parts.readEntities(scope, GoalEntity, {
      key: 'goals',
      order: 'r.created_at, r.id',
      view,
    });
  }

  /** The file's actions in the order they were planned: a part of the file's one statement. */
  actions<View>(scope: FileScope, view: (action: PlanActionRecord) => View): Promise<View[]> {
    return this.parts.read(scope, {
      key: 'actions',
      sql: `${ACTION_SELECT} WHERE a.person_id = $1`,
      params: [scope.viewer.personId],
      order: 'r.created_at, r.id',
      decode: (rows) => (rows as unknown as ActionRow[]).map((row) => view(actionRecordOf(row))),
    });
  }

  insertContract(
    manager: EntityManager,
    contract: Partial<ContractEntity>,
  ): Promise<ContractEntity> {
    return manager.save(manager.create(ContractEntity, contract));
  }

  insertGoal(manager: EntityManager, goal: Partial<GoalEntity>): Promise<GoalEntity> {
    return manager.save(manager.create(GoalEntity, goal));
  }

  insertAction(
    manager: EntityManager,
    action: Partial<PlanActionEntity>,
  ): Promise<PlanActionEntity> {
    return manager.save(manager.create(PlanActionEntity, action));
  }

  /**
   * The contract a change targets, read in the change's transaction before any scope exists:
   * its person decides the caller's scope, and nothing of it leaves unless that scope allows.
   */
  contractForChange(id: string, manager: EntityManager): Promise<ContractEntity | null> {
    return manager.findOneBy(ContractEntity, { id });
  }

  /** The goal a change targets (as `contractForChange`). */
  goalForChange(id: string, manager: EntityManager): Promise<GoalEntity | null> {
    return manager.findOneBy(GoalEntity, { id });
  }

  /** The action a change targets (as `contractForChange`), with its person. */
  async actionForChange(
    id: string,
    manager: EntityManager,
  ): Promise<{ personId: string; record: PlanActionRecord } | null> {
    const rows = await manager.query<ActionRow[]>(`${ACTION_SELECT} WHERE a.id = $1`, [id]);
    const row = rows[0];
    return row ? { personId: row.person_id, record: actionRecordOf(row) } : null;
  }

  /** The contract as just written, for the viewer who wrote it. */
  writtenContract(scope: FileScope, id: string, manager: EntityManager): Promise<ContractEntity> {
    return manager.findOneByOrFail(ContractEntity, { id, personId: scope.viewer.personId });
  }

  /** The goal as just written, for the viewer who wrote it. */
  writtenGoal(scope: FileScope, id: string, manager: EntityManager): Promise<GoalEntity> {
    return manager.findOneByOrFail(GoalEntity, { id, personId: scope.viewer.personId });
  }

  /** The action as just written, for the viewer who wrote it; null if it is not of their file. */
  async writtenAction(
    scope: FileScope,
    id: string,
    manager: EntityManager,
  ): Promise<PlanActionRecord | null> {
    const found = await this.actionForChange(id, manager);
    return found?.personId === scope.viewer.personId ? found.record : null;
  }

  /** Whether the goal is one of the scope's file. */
  isGoalOfFile(
    scope: FileScope,
    goalId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    return manager.existsBy(GoalEntity, { id: goalId, personId: scope.viewer.personId });
  }

  /** Optimistic update (STYLE.md rule 6) of a contract: CONFLICT on a stale version. */
  updateContract(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<ContractEntity>,
  ): Promise<void> {
    return updateVersioned(manager, ContractEntity, id, version, changes);
  }

  /** Optimistic update of a goal. */
  updateGoal(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<GoalEntity>,
  ): Promise<void> {
    return updateVersioned(manager, GoalEntity, id, version, changes);
  }

  /** Optimistic update of an action. */
  updateAction(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<PlanActionEntity>,
  ): Promise<void> {
    return updateVersioned(manager, PlanActionEntity, id, version, changes);
  }
}
