import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { systemScope } from '@relais/access';
import { APP_CONFIG, type AppConfig, JobRunner } from '@relais/core';
import {
  type AppointmentReminderEmail,
  EMAIL_CATEGORY_BY_KIND,
  EmailOutbox,
  relaisLink,
} from '@relais/notifications';
import { type AppointmentEntity, AppointmentRepository } from '@relais/pathways';
import { AppointmentReminderRepository } from './appointment-reminder.repository.js';
import { REMINDER_HORIZON_MS, remindersDue } from './appointment-reminder-windows.js';

/** How often the job looks for reminders due: a reminder goes out at most this late. */
export const APPOINTMENT_REMINDERS_EVERY_MS = 5 * 60 * 1000;

/**
 * The `person-space.appointment-reminders` job (issue 22; one instance at a time, under its
 * advisory lock): emails the person a reminder of each appointment two days before and the same
 * morning, at 07:00 Paris time (see `appointment-reminder-windows.ts`), to their space's
 * address while the space is enabled. Never for a cancelled appointment; a moved one is
 * reminded for its new time. Each reminder is claimed in `appointment_reminder` and queued in
 * the same transaction, so it goes at most once.
 */
@Injectable()
export class AppointmentRemindersJob implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly appointments: AppointmentRepository,
    private readonly reminders: AppointmentReminderRepository,
    private readonly outbox: EmailOutbox,
    private readonly jobs: JobRunner,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'person-space.appointment-reminders',
      schedule: { everyMs: APPOINTMENT_REMINDERS_EVERY_MS },
      lock: true,
      logLevel: 'debug',
      run: async (signal) => `${await this.runOnce(new Date(), signal)} reminders queued`,
    });
  }

  /** One run as if it were `now`; gives how many reminders were queued. Public for tests. */
  async runOnce(now: Date, signal?: AbortSignal): Promise<number> {
    const soon = await this.appointments.startingBetween(
      systemScope('appointment-reminders'),
      now,
      new Date(now.getTime() + REMINDER_HORIZON_MS),
    );
    const due = soon.flatMap((appointment) =>
      remindersDue(appointment, now).map((kind) => ({ appointment, kind })),
    );
    if (due.length === 0) return 0;
    const spaces = await this.reminders.liveSpacesOf(
      [...new Set(due.map(({ appointment }) => appointment.personId))],
      this.dataSource.manager,
    );
    let queued = 0;
    for (const { appointment, kind } of due) {
      if (signal?.aborted) break;
      const space = spaces.get(appointment.personId);
      if (!space) continue;
      const sent = await this.dataSource.transaction(async (manager) => {
        if (!(await this.reminders.claim(appointment.id, kind, appointment.startsAt, manager))) {
          return false;
        }
        return this.outbox.enqueue(manager, {
          accountId: null,
          toAddress: space.email,
          kind: 'APPOINTMENT_REMINDER',
          category: EMAIL_CATEGORY_BY_KIND.APPOINTMENT_REMINDER,
          dedupeKey: `appointment-reminder:${appointment.id}:${kind}:${appointment.startsAt.toISOString()}`,
          message: this.message(appointment, kind, space.givenName),
        });
      });
      if (sent) queued += 1;
    }
    return queued;
  }

  private message(
    appointment: AppointmentEntity,
    when: AppointmentReminderEmail['when'],
    recipientFirstName: string,
  ): AppointmentReminderEmail {
    return {
      kind: 'APPOINTMENT_REMINDER',
      recipientFirstName,
      when,
      startsAt: appointment.startsAt,
      durationMinutes: appointment.durationMinutes,
      withWhom: appointment.withWhom,
      location: appointment.remote ? null : appointment.location,
      remote: appointment.remote,
      links: { space: relaisLink(this.config.publicUrl, '/mon-espace') },
    };
  }
}
