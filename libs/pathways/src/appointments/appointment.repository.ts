import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SystemScope } from '@relais/access';
import { entityColumnList, entityFromJson } from '@relais/database';
import type { FileScope } from '../file/file-access.service.js';
import { FilePartsReader } from '../file/file-parts.js';
import { updateVersioned } from '../file/versioned-update.js';
import { AppointmentStatus } from '../pathway.enums.js';
import { AppointmentEntity } from './appointment.entity.js';
import type { AppointmentPresence } from './appointment-presence.js';

/** How many past appointments the person's space lists. */
export const SPACE_PAST_APPOINTMENTS = 20;

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

  /**
   * The file's appointments as the person's space lists them: `upcoming` those starting now or
   * later, cancelled ones included, the soonest first; otherwise the past ones, the latest first,
   * at most {@link SPACE_PAST_APPOINTMENTS}. A part of the file's one statement.
   */
  ofSpace<View>(
    scope: FileScope,
    upcoming: boolean,
    view: (appointment: AppointmentEntity) => View,
  ): Promise<View[]> {
    const columns = entityColumnList(this.dataSource, AppointmentEntity, 'e');
    return this.parts.read(scope, {
      key: `space-appointments:${upcoming}`,
      sql: upcoming
        ? `SELECT ${columns} FROM appointment e WHERE e.person_id = $1 AND e.starts_at >= now()`
        : `SELECT ${columns} FROM appointment e WHERE e.person_id = $1 AND e.starts_at < now()
            ORDER BY e.starts_at DESC, e.id LIMIT ${SPACE_PAST_APPOINTMENTS}`,
      params: [scope.viewer.personId],
      order: upcoming ? 'r.starts_at, r.id' : 'r.starts_at DESC, r.id',
      decode: (rows) =>
        rows.map((row) => view(entityFromJson(this.dataSource, AppointmentEntity, row))),
    });
  }

  /**
   * Appointments not cancelled starting in `(from, until]`, for the person's reminders: the
   * system's read, for one reason, never a viewer's.
   */
  startingBetween(
    _scope: SystemScope,
    from: Date,
    until: Date,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AppointmentEntity[]> {
    return manager
      .createQueryBuilder(AppointmentEntity, 'a')
      .where('a.startsAt > :from AND a.startsAt <= :until AND a.status <> :cancelled', {
        from,
        until,
        cancelled: AppointmentStatus.CANCELLED,
      })
      .orderBy('a.startsAt')
      .addOrderBy('a.id')
      .getMany();
  }

  /** The appointment the person answers, its row locked until the answer's transaction ends. */
  lockForAnswer(id: string, manager: EntityManager): Promise<AppointmentEntity | null> {
    return manager.findOne(AppointmentEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * Stores the person's answer, replacing an earlier one. Not a versioned change: the answer is
   * the person's, and must not make a professional's edit in progress stale.
   */
  async answer(manager: EntityManager, id: string, presence: AppointmentPresence): Promise<void> {
    await manager.query(
      `UPDATE appointment SET person_presence = $2, person_presence_answered_at = now()
        WHERE id = $1`,
      [id, presence],
    );
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
