import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType } from '@relais/events';
import type { Principal } from '@relais/identity';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import { changedFields } from '../file/versioned-update.js';
import { AppointmentStatus } from '../pathway.enums.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import type { AppointmentEntity } from './appointment.entity.js';
import { AppointmentRepository } from './appointment.repository.js';
import type { AppointmentChanges, AppointmentView, NewAppointment } from './appointment.views.js';

function appointmentViewOf(appointment: AppointmentEntity): AppointmentView {
  return {
    id: appointment.id,
    startsAt: appointment.startsAt,
    durationMinutes: appointment.durationMinutes,
    withWhom: appointment.withWhom,
    location: appointment.location,
    remote: appointment.remote,
    status: appointment.status,
    version: appointment.version,
    createdAt: appointment.createdAt,
    updatedAt: appointment.updatedAt,
  };
}

function withWhomOf(withWhom: string): string {
  const trimmed = withWhom.trim();
  if (!trimmed) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.BlankText,
      'withWhom must not be blank',
      {
        field: 'withWhom',
      },
    );
  }
  return trimmed;
}

function requirePlace(location: string | null, remote: boolean): void {
  if (!location && !remote) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.FieldRequired,
      'location is required unless the appointment is remote',
      { field: 'location' },
    );
  }
}

/** Appointments with the person: when, with whom, where or remote. */
@Injectable()
export class AppointmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly repository: AppointmentRepository,
  ) {}

  /**
   * Appointments of a file, the latest first; `upcomingOnly` keeps those not over yet and not
   * cancelled, the next one first.
   */
  appointments(scope: FileScope, upcomingOnly: boolean): Promise<AppointmentView[]> {
    return this.repository.ofFile(scope, upcomingOnly, appointmentViewOf);
  }

  async schedule(principal: Principal, input: NewAppointment): Promise<AppointmentView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, input.personId, manager);
      const location = input.location?.trim() || null;
      const remote = input.remote ?? false;
      requirePlace(location, remote);
      const appointment = await this.repository.insert(manager, {
        personId: input.personId,
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        withWhom: withWhomOf(input.withWhom),
        location,
        remote,
        status: input.status ?? AppointmentStatus.PLANNED,
        createdByMembershipId: scope.viewer.membershipId,
      });
      await appendTimeline(manager, scope.viewer, {
        type: EventType.APPOINTMENT_SCHEDULED,
        subjectType: 'Appointment',
        subjectId: appointment.id,
        after: {
          startsAt: appointment.startsAt.toISOString(),
          durationMinutes: appointment.durationMinutes,
          withWhom: appointment.withWhom,
          location: appointment.location,
          remote: appointment.remote,
          status: appointment.status,
        },
      });
      return appointmentViewOf(await this.repository.written(scope, appointment.id, manager));
    });
  }

  async update(
    principal: Principal,
    appointmentId: string,
    version: number,
    input: AppointmentChanges,
  ): Promise<AppointmentView> {
    return this.dataSource.transaction(async (manager) => {
      const appointment = await this.repository.forChange(appointmentId, manager);
      if (!appointment) throw forbidden();
      const scope = await this.files.writeScope(principal, appointment.personId, manager);
      const changes: Partial<AppointmentEntity> = {
        startsAt: input.startsAt,
        durationMinutes: input.durationMinutes,
        withWhom: input.withWhom === undefined ? undefined : withWhomOf(input.withWhom),
        location: input.location === undefined ? undefined : input.location?.trim() || null,
        remote: input.remote,
        status: input.status,
      };
      requirePlace(
        changes.location === undefined ? appointment.location : changes.location,
        changes.remote ?? appointment.remote,
      );
      await this.repository.update(manager, appointment.id, version, changes);
      const summary = changedFields(
        { ...appointment, startsAt: appointment.startsAt.toISOString() },
        { ...changes, startsAt: changes.startsAt?.toISOString() },
      );
      await appendTimeline(manager, scope.viewer, {
        type: EventType.APPOINTMENT_UPDATED,
        subjectType: 'Appointment',
        subjectId: appointment.id,
        before: summary?.before ?? null,
        after: summary?.after ?? null,
      });
      return appointmentViewOf(await this.repository.written(scope, appointment.id, manager));
    });
  }
}
