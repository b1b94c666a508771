import { AppointmentReminderKind } from './appointment-reminder.entity.js';
import {
  parisHourOfDay,
  REMINDER_HORIZON_MS,
  reminderWindows,
  remindersDue,
} from './appointment-reminder-windows.js';

const { TWO_DAYS_BEFORE, SAME_DAY } = AppointmentReminderKind;
const at = (iso: string): Date => new Date(iso);

describe('appointment reminder windows', () => {
  it('puts 07:00 Paris on the right instant in winter, in summer and across a clock change', () => {
    expect(parisHourOfDay(at('2026-12-10T13:00:00Z'), 0, 7)).toEqual(at('2026-12-10T06:00:00Z'));
    expect(parisHourOfDay(at('2026-07-10T13:00:00Z'), -2, 7)).toEqual(at('2026-07-08T05:00:00Z'));
    // Clocks go forward on Sunday 29 March 2026: two days before the Monday is winter time.
    expect(parisHourOfDay(at('2026-03-30T08:00:00Z'), -2, 7)).toEqual(at('2026-03-28T06:00:00Z'));
    expect(parisHourOfDay(at('2026-03-30T08:00:00Z'), 0, 7)).toEqual(at('2026-03-30T05:00:00Z'));
    // 00:30 in Paris is still the day before in UTC: the Paris day counts.
    expect(parisHourOfDay(at('2026-12-09T23:30:00Z'), 0, 7)).toEqual(at('2026-12-10T06:00:00Z'));
  });

  it('opens two days before at 07:00 until the day before, and the day itself until it begins', () => {
    expect(reminderWindows(at('2026-12-10T13:00:00Z'))).toEqual([
      {
        kind: TWO_DAYS_BEFORE,
        opensAt: at('2026-12-08T06:00:00Z'),
        closesAt: at('2026-12-09T06:00:00Z'),
      },
      { kind: SAME_DAY, opensAt: at('2026-12-10T06:00:00Z'), closesAt: at('2026-12-10T13:00:00Z') },
    ]);
    // At 06:30 Paris there is no morning left to remind in.
    expect(reminderWindows(at('2026-12-10T05:30:00Z')).map((w) => w.kind)).toEqual([
      TWO_DAYS_BEFORE,
    ]);
  });

  it('is due only inside a window, and only for an appointment made before the reminder’s time', () => {
    const appointment = {
      startsAt: at('2026-12-10T13:00:00Z'),
      createdAt: at('2026-12-01T09:00:00Z'),
    };
    expect(remindersDue(appointment, at('2026-12-08T05:59:59Z'))).toEqual([]);
    expect(remindersDue(appointment, at('2026-12-08T06:00:00Z'))).toEqual([TWO_DAYS_BEFORE]);
    expect(remindersDue(appointment, at('2026-12-08T20:00:00Z'))).toEqual([TWO_DAYS_BEFORE]);
    expect(remindersDue(appointment, at('2026-12-09T06:00:00Z'))).toEqual([]);
    expect(remindersDue(appointment, at('2026-12-10T06:00:00Z'))).toEqual([SAME_DAY]);
    expect(remindersDue(appointment, at('2026-12-10T13:00:00Z'))).toEqual([]);

    // Made the day before: only the morning reminder is still ahead.
    const late = { ...appointment, createdAt: at('2026-12-09T10:00:00Z') };
    expect(remindersDue(late, at('2026-12-09T10:05:00Z'))).toEqual([]);
    expect(remindersDue(late, at('2026-12-10T06:00:00Z'))).toEqual([SAME_DAY]);
    // Made the same morning after 07:00: none.
    const sameDay = { ...appointment, createdAt: at('2026-12-10T08:00:00Z') };
    expect(remindersDue(sameDay, at('2026-12-10T09:00:00Z'))).toEqual([]);
  });

  it('follows a moved appointment’s new time', () => {
    const moved = { startsAt: at('2026-12-12T13:00:00Z'), createdAt: at('2026-12-01T09:00:00Z') };
    expect(remindersDue(moved, at('2026-12-08T06:00:00Z'))).toEqual([]);
    expect(remindersDue(moved, at('2026-12-10T06:00:00Z'))).toEqual([TWO_DAYS_BEFORE]);
  });

  it('looks far enough ahead for any open window', () => {
    const startsAt = at('2026-12-10T23:59:00Z');
    const [first] = reminderWindows(startsAt);
    expect(startsAt.getTime() - first.opensAt.getTime()).toBeLessThan(REMINDER_HORIZON_MS);
  });
});
