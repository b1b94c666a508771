import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType, writeOutbox } from '@relais/events';
import { MembershipRepository, type PersonPrincipal, type Principal } from '@relais/identity';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import { changedFields } from '../file/versioned-update.js';
import { AppointmentStatus } from '../pathway.enums.js';
import { resolveAudience } from '../team/event-audience.js';
import { TeamRepository } from '../team/team.repository.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import type { AppointmentPresence } from './appointment-presence.js';
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
    personPresence: appointment.personPresence,
    personPresenceAnsweredAt: appointment.personPresenceAnsweredAt,
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
    private readonly team: TeamRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  /**
   * Appointments of a file, the latest first; `upcomingOnly` keeps those not over yet and not
   * cancelled, the next one first.
   */
  appointments(scope: FileScope, upcomingOnly: boolean): Promise<AppointmentView[]> {
    return this.repository.ofFile(scope, upcomingOnly, appointmentViewOf);
  }

  /**
   * The person's own appointments as their space lists them (see the repository's `ofSpace`):
   * upcoming ones, the soonest first, or the latest past ones.
   */
  spaceAppointments(scope: FileScope, upcoming: boolean): Promise<AppointmentView[]> {
    return this.repository.ofSpace(scope, upcoming, appointmentViewOf);
  }

  /**
   * The person's answer from their space (issue 22): coming or not, a new answer replacing the
   * last. Only their own appointment, neither begun nor cancelled, in a file neither archived nor
   * restricted (FileAccessService.selfActionScope). The timeline keeps it, and the
   * referent and the professional who made the appointment are told (inbox and live).
   */
  async answer(
    principal: PersonPrincipal,
    appointmentId: string,
    presence: AppointmentPresence,
  ): Promise<AppointmentView> {
    return this.dataSource.transaction(async (manager) => {
      const appointment = await this.repository.lockForAnswer(appointmentId, manager);
      // An unknown id and another person's appointment get the same answer.
      if (!appointment || appointment.personId !== principal.personId) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          DomainErrorReason.NotOfPerson,
          'This appointment is not one of yours.',
        );
      }
      const scope = await this.files.selfActionScope(principal, appointment.personId, manager);
      if (appointment.status === AppointmentStatus.CANCELLED) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.AppointmentCancelled,
          'This appointment was cancelled.',
        );
      }
      if (appointment.startsAt.getTime() <= Date.now()) {
        throw new DomainError(
          DomainErrorCode.Conflict,
          DomainErrorReason.AppointmentPast,
          'This appointment has begun or is over: it can no longer be answered.',
        );
      }
      await this.repository.answer(manager, appointment.id, presence);
      await appendTimeline(manager, scope.viewer, {
        type: EventType.APPOINTMENT_ANSWERED,
        subjectType: 'Appointment',
        subjectId: appointment.id,
        before: appointment.personPresence ? { presence: appointment.personPresence } : null,
        after: { presence },
      });
      const referent = await this.team.activeReferent(appointment.personId, manager);
      const creator = appointment.createdByMembershipId
        ? await this.memberships.byId(appointment.createdByMembershipId, manager)
        : null;
      await writeOutbox(manager, {
        type: EventType.APPOINTMENT_ANSWERED,
        territoryId: scope.viewer.territoryId,
        structureIds: referent ? [referent.structureId] : [],
        personId: appointment.personId,
        actor: { accountId: null, membershipId: null },
        recipientAccountIds: await resolveAudience(manager, {
          accountIds: [referent?.accountId, creator?.accountId],
        }),
        payload: { appointmentId: appointment.id, personId: appointment.personId, presence },
      });
      return appointmentViewOf(await this.repository.written(scope, appointment.id, manager));
    });
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
