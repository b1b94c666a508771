import type { AppointmentStatus } from '../pathway.enums.js';
import type { AppointmentPresence } from './appointment-presence.js';

export interface AppointmentView {
  readonly id: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly withWhom: string;
  readonly location: string | null;
  readonly remote: boolean;
  readonly status: AppointmentStatus;
  /** The person's answer from their space, and when they gave it. */
  readonly personPresence: AppointmentPresence | null;
  readonly personPresenceAnsweredAt: Date | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A meeting needs a place, or to be remote. */
export interface NewAppointment {
  readonly personId: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly withWhom: string;
  readonly location?: string | null;
  readonly remote?: boolean | null;
  readonly status?: AppointmentStatus | null;
}

/** Omitted fields stay as they are; a null location clears it (then it must be remote). */
export interface AppointmentChanges {
  readonly startsAt?: Date;
  readonly durationMinutes?: number;
  readonly withWhom?: string;
  readonly location?: string | null;
  readonly remote?: boolean;
  readonly status?: AppointmentStatus;
}
