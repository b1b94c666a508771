import { AppointmentReminderKind } from './appointment-reminder.entity.js';

/** The hour reminders go out, in Paris: early enough to plan the day. */
export const REMINDER_HOUR = 7;
const ZONE = 'Europe/Paris';

const PARIS_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Paris wall-clock time of an instant, as if it were UTC (for offset arithmetic). */
function parisWallClock(at: Date): number {
  const parts = Object.fromEntries(
    PARIS_PARTS.formatToParts(at).map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The instant it is `hour`:00 in Paris, `days` days after the Paris day of `at`. */
export function parisHourOfDay(at: Date, days: number, hour: number): Date {
  const wall = new Date(parisWallClock(at));
  const target = Date.UTC(
    wall.getUTCFullYear(),
    wall.getUTCMonth(),
    wall.getUTCDate() + days,
    hour,
  );
  // Paris is UTC+1 or UTC+2: correct the guess by the offset at the instant found, twice for
  // the days the clocks change (never at 07:00, so the second pass settles it).
  let instant = target;
  for (let pass = 0; pass < 2; pass += 1) {
    instant = target - (parisWallClock(new Date(instant)) - instant);
  }
  return new Date(instant);
}

/** When a reminder may go out: from `opensAt` (its time) until `closesAt`. */
export interface ReminderWindow {
  readonly kind: AppointmentReminderKind;
  readonly opensAt: Date;
  readonly closesAt: Date;
}

/**
 * The two reminders of an appointment: at 07:00 (Paris) two days before, until 07:00 the day
 * before (later it would say "après-demain" wrongly); and at 07:00 the day itself, until it
 * begins. An appointment at or before 07:00 has no same-day reminder.
 */
export function reminderWindows(startsAt: Date): ReminderWindow[] {
  const windows: ReminderWindow[] = [
    {
      kind: AppointmentReminderKind.TWO_DAYS_BEFORE,
      opensAt: parisHourOfDay(startsAt, -2, REMINDER_HOUR),
      closesAt: parisHourOfDay(startsAt, -1, REMINDER_HOUR),
    },
    {
      kind: AppointmentReminderKind.SAME_DAY,
      opensAt: parisHourOfDay(startsAt, 0, REMINDER_HOUR),
      closesAt: startsAt,
    },
  ];
  return windows.filter((window) => window.opensAt < window.closesAt);
}

/**
 * The reminders due at `now` for an appointment made at `createdAt`: those whose window is open,
 * and whose time came after the appointment was made (one made later gets only the reminders
 * still ahead of it). A moved appointment's windows follow its new time.
 */
export function remindersDue(
  appointment: { readonly startsAt: Date; readonly createdAt: Date },
  now: Date,
): AppointmentReminderKind[] {
  return reminderWindows(appointment.startsAt)
    .filter(
      (window) =>
        window.opensAt <= now && now < window.closesAt && appointment.createdAt <= window.opensAt,
    )
    .map((window) => window.kind);
}

/** How far ahead the job looks: any appointment with a window open now starts within 3 days. */
export const REMINDER_HORIZON_MS = 3 * 24 * 3600 * 1000;
