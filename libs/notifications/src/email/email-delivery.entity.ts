import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum EmailDeliveryStatus {
  /** Queued, never tried. */
  PENDING = 'PENDING',
  SENT = 'SENT',
  /** Tried and refused for now (server down, 4xx): retried at `next_attempt_at`. */
  DEFERRED = 'DEFERRED',
  /** Given up: refused for good (5xx), out of attempts, or the account disabled. */
  FAILED = 'FAILED',
}

/**
 * One email to one account: queued in the transaction of what it tells, sent at least once by
 * the `email.send` job, and never twice thanks to `dedupe_key` ((account, event, kind), (account,
 * 'digest', day) or (invitation, send count)). The admins' delivery log.
 */
@Entity('email_delivery')
@Index('IDX_email_delivery_due', ['status', 'nextAttemptAt'])
@Index('IDX_email_delivery_created', ['createdAt'])
export class EmailDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Null for an email to a followed person (their personal space: link and sign-in codes). */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ name: 'to_address', type: 'varchar', length: 320 })
  toAddress!: string;

  /** The template (`HANDOVER_PROPOSED`, `INVITATION`, `DIGEST`, ...). */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  /** The preference category it falls under. */
  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ name: 'event_id', type: 'uuid', nullable: true })
  eventId!: string | null;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 200, unique: true })
  dedupeKey!: string;

  /** The typed data the template renders from (never a sensitive field). */
  @Column({ type: 'jsonb' })
  message!: unknown;

  @Column({ type: 'enum', enum: EmailDeliveryStatus, enumName: 'email_delivery_status' })
  status!: EmailDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** The Message-ID the SMTP server accepted. */
  @Column({ name: 'message_id', type: 'varchar', length: 998, nullable: true })
  messageId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
