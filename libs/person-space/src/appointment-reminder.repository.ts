import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppointmentReminderKind } from './appointment-reminder.entity.js';

/** A live space's address and greeting, for the reminders of its person. */
export interface ReminderRecipient {
  readonly personId: string;
  readonly email: string;
  readonly givenName: string;
}

/**
 * The `appointment_reminder` table (its one owner), and the live spaces reminders go to
 * (`person_space`, this lib's table).
 */
@Injectable()
export class AppointmentReminderRepository {
  /** The people's spaces still enabled: reminders go there only. */
  async liveSpacesOf(
    personIds: readonly string[],
    manager: EntityManager,
  ): Promise<Map<string, ReminderRecipient>> {
    if (personIds.length === 0) return new Map();
    const rows = await manager.query<{ person_id: string; email: string; given_name: string }[]>(
      `SELECT person_id, email, given_name FROM person_space
        WHERE person_id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [personIds],
    );
    return new Map(
      rows.map((row) => [
        row.person_id,
        { personId: row.person_id, email: row.email, givenName: row.given_name },
      ]),
    );
  }

  /**
   * Claims the reminder of this kind for the appointment at `startsAt`, in the caller's
   * transaction: true when it was never sent, or sent for another time (the appointment moved);
   * false when it went already. The row's key makes two instances claim it once.
   */
  async claim(
    appointmentId: string,
    kind: AppointmentReminderKind,
    startsAt: Date,
    manager: EntityManager,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO appointment_reminder (appointment_id, kind, starts_at) VALUES ($1, $2, $3)
       ON CONFLICT (appointment_id, kind) DO UPDATE
         SET starts_at = EXCLUDED.starts_at, sent_at = now()
         WHERE appointment_reminder.starts_at <> EXCLUDED.starts_at
       RETURNING 1`,
      [appointmentId, kind, startsAt],
    );
    return rows.length === 1;
  }
}
