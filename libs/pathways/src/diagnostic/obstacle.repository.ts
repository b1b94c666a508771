import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FileScope } from '../file/file-access.service.js';
import { FilePartsReader } from '../file/file-parts.js';
import { updateVersioned } from '../file/versioned-update.js';
import type { ObstacleStatus, ObstacleTheme } from '../pathway.enums.js';
import { ObstacleEntity } from './obstacle.entity.js';

/** The obstacle table: the diagnostic of a file. */
@Injectable()
export class ObstacleRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parts: FilePartsReader,
  ) {}

  /** The file's obstacles in the order of the themes, as a part of the file's one statement. */
  ofFile<View>(scope: FileScope, view: (obstacle: ObstacleEntity) => View): Promise<View[]> {
    return this.parts.readEntities(scope, ObstacleEntity, {
      key: 'obstacles',
      order: 'r.theme',
      view,
    });
  }

  /** Records an obstacle; undefined when the file already has one of this theme. */
  async insertIfNew(
    manager: EntityManager,
    obstacle: {
      personId: string;
      theme: ObstacleTheme;
      status: ObstacleStatus;
      comment: string | null;
      createdByMembershipId: string | null;
    },
  ): Promise<string | undefined> {
    const inserted = await manager.query<{ id: string }[]>(
      `INSERT INTO obstacle (person_id, theme, status, comment, created_by_membership_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (person_id, theme) DO NOTHING
       RETURNING id`,
      [
        obstacle.personId,
        obstacle.theme,
        obstacle.status,
        obstacle.comment,
        obstacle.createdByMembershipId,
      ],
    );
    return inserted[0]?.id;
  }

  /**
   * The obstacle a change targets, read in the change's transaction before any scope exists:
   * its person decides the caller's scope, and nothing of it leaves unless that scope allows.
   */
  forChange(id: string, manager: EntityManager): Promise<ObstacleEntity | null> {
    return manager.findOneBy(ObstacleEntity, { id });
  }

  /** Optimistic update (STYLE.md rule 6): CONFLICT on a stale version. */
  update(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<ObstacleEntity>,
  ): Promise<void> {
    return updateVersioned(manager, ObstacleEntity, id, version, changes);
  }

  /** The obstacle as just written, for the viewer who wrote it. */
  written(scope: FileScope, id: string, manager: EntityManager): Promise<ObstacleEntity> {
    return manager.findOneByOrFail(ObstacleEntity, { id, personId: scope.viewer.personId });
  }

  /** Theme of an obstacle of the scope's file (null when it is not one of its obstacles). */
  async themeOf(
    scope: FileScope,
    obstacleId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ObstacleTheme | null> {
    const obstacle = await manager.findOne(ObstacleEntity, {
      select: { id: true, theme: true },
      where: { id: obstacleId, personId: scope.viewer.personId },
    });
    return obstacle?.theme ?? null;
  }
}
