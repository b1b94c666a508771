import { AppointmentEntity } from '@relais/pathways';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/** The two reminders of an appointment: two days before, and the morning of the day. */
export enum AppointmentReminderKind {
  TWO_DAYS_BEFORE = 'TWO_DAYS_BEFORE',
  SAME_DAY = 'SAME_DAY',
}

/**
 * A reminder emailed to the person for an appointment (issue 22): one row per appointment and
 * kind, so each is sent at most once. `starts_at` is the time it reminded of: an appointment
 * moved since gets the reminder again, for its new time.
 */
@Entity('appointment_reminder')
export class AppointmentReminderEntity {
  @PrimaryColumn({ name: 'appointment_id', type: 'uuid' })
  appointmentId!: string;

  /** A purged file's appointments take their reminders with them. */
  @ManyToOne(() => AppointmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'appointment_id',
    foreignKeyConstraintName: 'FK_appointment_reminder_appointment',
  })
  appointment?: AppointmentEntity;

  @PrimaryColumn({
    type: 'enum',
    enum: AppointmentReminderKind,
    enumName: 'appointment_reminder_kind',
  })
  kind!: AppointmentReminderKind;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' })
  sentAt!: Date;
}
