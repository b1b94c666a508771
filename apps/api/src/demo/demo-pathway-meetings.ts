import { EventType } from '@relais/events';
import { AppointmentStatus, NoteVisibility } from '@relais/pathways';
import {
  AUTHOR_NOTES,
  FIRST_NOTE,
  HONORED_NOTES,
  MISSED_NOTE,
  SENSITIVE_NOTES,
  STRUCTURE_NOTES,
  TEAM_NOTES,
} from './data/notes.data.js';
import type { FileDraft } from './demo-pathway-file.js';
import type { DrawnObstacle } from './demo-pathway-plan.js';
import type { AppointmentRow } from './demo-pathway.types.js';
import { DAY, MINUTE } from './demo-random.js';

/**
 * The meetings and notes of one demo file: a note of the first meeting, appointments past (honoured
 * or missed, often with a note) and perhaps one to come, then other notes, sensitive ones when the
 * diagnostic holds a sensitive obstacle.
 */
export function drawAppointmentsAndNotes(
  draft: FileDraft,
  obstacles: readonly DrawnObstacle[],
): void {
  const { random, ids, clock, person, start, file, actorAt, event, note } = draft;
  const firstMeeting = clock.later(start, 0, 3);
  if (firstMeeting !== null && random.chance(0.35)) {
    note(firstMeeting, actorAt(firstMeeting, 1), FIRST_NOTE, NoteVisibility.TEAM);
  }

  // Appointments: past ones honoured or missed (often with a note), perhaps one to come.
  const appointmentCount = random.pick([0, 1, 1, 2, 2, 3]);
  const sinceStart = Math.floor((clock.today - Math.floor(start / DAY) * DAY) / DAY);
  let upcomingTaken = false;
  for (let index = 0; index < appointmentCount; index += 1) {
    const future: boolean = !upcomingTaken && random.chance(0.5);
    const startsAt = future
      ? clock.upcoming(random.int(1, 12))
      : Math.floor(clock.moment(random.int(1, Math.max(1, sinceStart - 7))) / (15 * MINUTE)) *
        (15 * MINUTE);
    if (!future && (startsAt <= start || startsAt >= clock.now)) continue;
    upcomingTaken ||= future;
    let scheduledAt = Math.max(
      start + 30 * MINUTE,
      future
        ? clock.moment(random.int(1, 14))
        : Math.min(clock.now - 2 * DAY, startsAt - random.int(5, 21) * DAY),
    );
    let owner = actorAt(scheduledAt, 0.8);
    if (future && owner.until !== null) {
      // Whoever fixed it then has left the team since: the meeting to come is with a member.
      owner = actorAt(clock.now, 0.8);
      scheduledAt = Math.max(scheduledAt, owner.from + 30 * MINUTE);
    }
    const remote = random.chance(0.25);
    const durationMinutes = random.pick([30, 45, 45, 60]);
    const row: AppointmentRow = {
      id: ids.uuid(),
      personId: person.id,
      startsAt: new Date(startsAt),
      durationMinutes,
      withWhom: owner.caseworker.label,
      location: remote ? null : owner.caseworker.location,
      remote,
      status: AppointmentStatus.PLANNED,
      personPresence: null,
      personPresenceAnsweredAt: null,
      version: 1,
      createdByMembershipId: owner.caseworker.membershipId,
      createdAt: new Date(scheduledAt),
      updatedAt: new Date(scheduledAt),
    };
    event(scheduledAt, owner, EventType.APPOINTMENT_SCHEDULED, 'Appointment', row.id, {
      after: {
        startsAt: row.startsAt.toISOString(),
        durationMinutes,
        withWhom: row.withWhom,
        location: row.location,
        remote,
        status: row.status,
      },
    });
    if (!future) {
      const outcome = random.chance(0.78) ? AppointmentStatus.HONORED : AppointmentStatus.MISSED;
      const when = Math.min(
        startsAt + (durationMinutes + random.int(5, 120)) * MINUTE,
        clock.now - 2 * MINUTE,
      );
      event(when, owner, EventType.APPOINTMENT_UPDATED, 'Appointment', row.id, {
        before: { status: row.status },
        after: { status: outcome },
      });
      row.status = outcome;
      row.version = 2;
      row.updatedAt = new Date(when);
      if (outcome === AppointmentStatus.MISSED && random.chance(0.8)) {
        note(when + MINUTE, owner, MISSED_NOTE, NoteVisibility.TEAM);
      } else if (outcome === AppointmentStatus.HONORED && random.chance(0.45)) {
        note(when + MINUTE, owner, random.pick(HONORED_NOTES), NoteVisibility.TEAM);
      }
    }
    file.appointments.push(row);
  }

  // Other notes, the last of them often in the past few days; sensitive ones when the
  // diagnostic holds a sensitive obstacle.
  const sensitiveThemes = obstacles
    .filter((obstacle) => obstacle.sensitive)
    .map((obstacle) => obstacle.row.theme);
  const noteCount = Math.min(4 - file.notes.length, random.pick([0, 0, 1, 1, 2, 3]));
  for (let index = 0; index < noteCount; index += 1) {
    const recent = index === noteCount - 1 && random.chance(0.6);
    const at = clock.moment(random.int(0, recent ? Math.min(6, sinceStart) : sinceStart));
    if (at <= start || at >= clock.now - MINUTE) continue;
    const sensitiveTheme =
      sensitiveThemes.length && random.chance(0.5) ? random.pick(sensitiveThemes) : null;
    const visibility = sensitiveTheme
      ? random.pick([NoteVisibility.TEAM, NoteVisibility.STRUCTURE])
      : random.pick([
          NoteVisibility.TEAM,
          NoteVisibility.TEAM,
          NoteVisibility.STRUCTURE,
          NoteVisibility.AUTHOR,
        ]);
    const body = sensitiveTheme
      ? (SENSITIVE_NOTES[sensitiveTheme] as string)
      : random.pick(
          visibility === NoteVisibility.TEAM
            ? TEAM_NOTES
            : visibility === NoteVisibility.STRUCTURE
              ? STRUCTURE_NOTES
              : AUTHOR_NOTES,
        );
    note(at, actorAt(at, 0.75), body, visibility, sensitiveTheme !== null);
  }
}
