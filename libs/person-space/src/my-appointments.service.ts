import { Injectable } from '@nestjs/common';
import type { PersonPrincipal } from '@relais/identity';
import {
  type AppointmentPresence,
  AppointmentService,
  type AppointmentView,
  FileAccessService,
} from '@relais/pathways';

/** An appointment as the person's space shows it: no version, no author, their answer. */
export type SpaceAppointmentView = Pick<
  AppointmentView,
  'id' | 'startsAt' | 'durationMinutes' | 'withWhom' | 'location' | 'remote' | 'status'
> & {
  readonly presence: AppointmentPresence | null;
  readonly presenceAnsweredAt: Date | null;
};

function spaceAppointmentOf(appointment: AppointmentView): SpaceAppointmentView {
  return {
    id: appointment.id,
    startsAt: appointment.startsAt,
    durationMinutes: appointment.durationMinutes,
    withWhom: appointment.withWhom,
    location: appointment.location,
    remote: appointment.remote,
    status: appointment.status,
    presence: appointment.personPresence,
    presenceAnsweredAt: appointment.personPresenceAnsweredAt,
  };
}

/**
 * The person's appointments in their space (issue 22), read with their own scope (ground SELF,
 * their file only) through pathways' appointments; the opening of the space logs the read.
 */
@Injectable()
export class MyAppointmentsService {
  constructor(
    private readonly files: FileAccessService,
    private readonly appointments: AppointmentService,
  ) {}

  /** Starting now or later, cancelled ones included (shown as such), the soonest first. */
  async upcoming(principal: PersonPrincipal): Promise<SpaceAppointmentView[]> {
    return this.list(principal, true);
  }

  /** Begun or over, the latest first, at most 20. */
  async past(principal: PersonPrincipal): Promise<SpaceAppointmentView[]> {
    return this.list(principal, false);
  }

  /** "Je serai présent·e" or "je ne pourrai pas venir": the referent is told. */
  async answer(
    principal: PersonPrincipal,
    appointmentId: string,
    presence: AppointmentPresence,
  ): Promise<SpaceAppointmentView> {
    return spaceAppointmentOf(await this.appointments.answer(principal, appointmentId, presence));
  }

  private async list(
    principal: PersonPrincipal,
    upcoming: boolean,
  ): Promise<SpaceAppointmentView[]> {
    const scope = await this.files.readScope(principal, principal.personId);
    const appointments = await this.appointments.spaceAppointments(scope, upcoming);
    return appointments.map(spaceAppointmentOf);
  }
}
