import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FileScope } from '../file/file-access.service.js';
import { FilePartsReader } from '../file/file-parts.js';
import { updateVersioned } from '../file/versioned-update.js';
import { AppointmentStatus } from '../pathway.enums.js';
import { AppointmentEntity } from './appointment.entity.js';

/** The appointment table: appointments with the person. */
@Injectable()
export class AppointmentRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parts: FilePartsReader,
  ) {}

  /**
   * The file's appointments, the latest first; `upcomingOnly` keeps those not over yet and not
   * cancelled, the next one first. A part of the file's one statement.
   */
  ofFile<View>(
    scope: FileScope,
    upcomingOnly: boolean,
    view: (appointment: AppointmentEntity) => View,
  ): Promise<View[]> {
    return this.parts.readEntities(scope, AppointmentEntity, {
      key: `appointments:${upcomingOnly}`,
      ...(upcomingOnly && {
        filter: `e.status <> $2 AND e.starts_at + e.duration_minutes * interval '1 minute' > now()`,
        params: [AppointmentStatus.CANCELLED],
      }),
      order: upcomingOnly ? 'r.starts_at, r.id' : 'r.starts_at DESC, r.id',
      view,
    });
  }

  /** Saves a new appointment in the caller's transaction. */
  insert(
    manager: EntityManager,
    appointment: Partial<AppointmentEntity>,
  ): Promise<AppointmentEntity> {
    return manager.save(manager.create(AppointmentEntity, appointment));
  }

  /**
   * The appointment a change targets, read in the change's transaction before any scope exists:
   * its person decides the caller's scope, and nothing of it leaves unless that scope allows.
   */
  forChange(id: string, manager: EntityManager): Promise<AppointmentEntity | null> {
    return manager.findOneBy(AppointmentEntity, { id });
  }

  /** Optimistic update (STYLE.md rule 6): CONFLICT on a stale version. */
  update(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<AppointmentEntity>,
  ): Promise<void> {
    return updateVersioned(manager, AppointmentEntity, id, version, changes);
  }

  /** The appointment as just written, for the viewer who wrote it. */
  written(
    scope: FileScope,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AppointmentEntity> {
    return manager.findOneByOrFail(AppointmentEntity, { id, personId: scope.viewer.personId });
  }
}
