import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType } from '@relais/events';
import type { Principal } from '@relais/identity';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import { changedFields } from '../file/versioned-update.js';
import { isSensitiveTheme } from '../pathway.enums.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import type { ObstacleEntity } from './obstacle.entity.js';
import { ObstacleRepository } from './obstacle.repository.js';
import {
  canReadObstacle,
  type NewObstacle,
  type ObstacleChanges,
  obstacleView,
  type ObstacleView,
} from './obstacle.views.js';

/**
 * The diagnostic: the person's freins périphériques, one per theme. Health, disability and
 * justice are sensitive: whoever may not read them sees that they exist, never their content,
 * and may neither record nor change them.
 */
@Injectable()
export class ObstacleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly repository: ObstacleRepository,
  ) {}

  /** The obstacles of a file in the order of the themes, redacted for this viewer. */
  obstacles(scope: FileScope): Promise<ObstacleView[]> {
    return this.repository.ofFile(scope, (obstacle) => obstacleView(obstacle, scope));
  }

  async add(principal: Principal, input: NewObstacle): Promise<ObstacleView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, input.personId, manager);
      // Recording a sensitive theme one may not read would also tell whether it is there.
      if (!canReadObstacle(scope, input.theme)) throw forbidden();
      const comment = input.comment?.trim() || null;
      const id = await this.repository.insertIfNew(manager, {
        personId: input.personId,
        theme: input.theme,
        status: input.status,
        comment,
        createdByMembershipId: scope.viewer.membershipId,
      });
      if (!id) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.ThemeAlreadyInDiagnostic,
          'This theme is already in the diagnostic: update that obstacle instead.',
          { field: 'theme' },
        );
      }
      await appendTimeline(manager, scope.viewer, {
        type: EventType.OBSTACLE_ADDED,
        subjectType: 'Obstacle',
        subjectId: id,
        sensitive: isSensitiveTheme(input.theme),
        after: { theme: input.theme, status: input.status, comment },
      });
      const saved = await this.repository.written(scope, id, manager);
      return obstacleView(saved, scope);
    });
  }

  async update(
    principal: Principal,
    obstacleId: string,
    version: number,
    input: ObstacleChanges,
  ): Promise<ObstacleView> {
    return this.dataSource.transaction(async (manager) => {
      const obstacle = await this.repository.forChange(obstacleId, manager);
      if (!obstacle) throw forbidden();
      const scope = await this.files.writeScope(principal, obstacle.personId, manager);
      if (!canReadObstacle(scope, obstacle.theme)) throw forbidden();
      const changes: Partial<ObstacleEntity> = {
        status: input.status,
        comment: input.comment === undefined ? undefined : input.comment?.trim() || null,
      };
      await this.repository.update(manager, obstacle.id, version, changes);
      const summary = changedFields(obstacle as unknown as Record<string, unknown>, changes);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.OBSTACLE_UPDATED,
        subjectType: 'Obstacle',
        subjectId: obstacle.id,
        sensitive: isSensitiveTheme(obstacle.theme),
        before: summary?.before ?? null,
        after: summary?.after ?? null,
      });
      const saved = await this.repository.written(scope, obstacle.id, manager);
      return obstacleView(saved, scope);
    });
  }
}
