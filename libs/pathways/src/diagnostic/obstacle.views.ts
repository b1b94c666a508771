import { subject } from '@casl/ability';
import type { FileScope } from '../file/file-access.service.js';
import { isSensitiveTheme, type ObstacleStatus, type ObstacleTheme } from '../pathway.enums.js';
import type { ObstacleEntity } from './obstacle.entity.js';

/**
 * An obstacle as one viewer may read it. A sensitive one the viewer is not entitled to is shown
 * as hidden (`redacted`), its content null: never silently absent (DOMAIN.md rule 2).
 */
export interface ObstacleView {
  readonly id: string;
  readonly sensitive: boolean;
  readonly redacted: boolean;
  readonly theme: ObstacleTheme | null;
  readonly status: ObstacleStatus | null;
  readonly comment: string | null;
  /** Null when redacted: the viewer may not change it either. */
  readonly version: number | null;
  readonly createdAt: Date;
  readonly updatedAt: Date | null;
}

export interface NewObstacle {
  readonly personId: string;
  readonly theme: ObstacleTheme;
  readonly status: ObstacleStatus;
  readonly comment?: string | null;
}

/** Omitted fields stay as they are; a null comment clears it. */
export interface ObstacleChanges {
  readonly status?: ObstacleStatus;
  readonly comment?: string | null;
}

/** Whether the viewer reads this obstacle in full (the file's CASL rules). */
export function canReadObstacle(scope: FileScope, theme: ObstacleTheme): boolean {
  return scope.ability.can('read', subject('Obstacle', { sensitive: isSensitiveTheme(theme) }));
}

/** The one redaction of an obstacle (STYLE.md rule 5). */
export function obstacleView(obstacle: ObstacleEntity, scope: FileScope): ObstacleView {
  const sensitive = isSensitiveTheme(obstacle.theme);
  if (!canReadObstacle(scope, obstacle.theme)) {
    return {
      id: obstacle.id,
      sensitive,
      redacted: true,
      theme: null,
      status: null,
      comment: null,
      version: null,
      createdAt: obstacle.createdAt,
      updatedAt: null,
    };
  }
  return {
    id: obstacle.id,
    sensitive,
    redacted: false,
    theme: obstacle.theme,
    status: obstacle.status,
    comment: obstacle.comment,
    version: obstacle.version,
    createdAt: obstacle.createdAt,
    updatedAt: obstacle.updatedAt,
  };
}
