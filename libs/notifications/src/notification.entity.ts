import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row of an account's inbox, made by the dispatcher from an outbox event: at most one per
 * account and event, so a redelivered event never notifies twice. `seq` is the inbox's cursor:
 * rows are written by one dispatcher at a time, so it grows in commit order.
 */
@Entity('notification')
@Index('UQ_notification_account_event', ['accountId', 'eventId'], { unique: true })
@Index('IDX_notification_account_seq', ['accountId', 'seq'])
@Index('IDX_notification_account_unread', ['accountId'], { where: '"read_at" IS NULL' })
// Retention purges a person's notifications (decision 0014).
@Index('IDX_notification_person', ['personId'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'bigint', generated: 'increment' })
  seq!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'varchar', length: 60 })
  type!: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  /** The event's payload (ids and states: the handover or request it is about). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
