import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event, written in the transaction of the change it reports (transactional outbox).
 * `id` is stable (deduplication); `position` is given by the dispatcher, which numbers events in
 * the order their transactions became visible, so a feed read `after` a position never misses
 * one committed later with a smaller number.
 */
@Entity('outbox_event')
@Index('IDX_outbox_event_pending', ['seq'], { where: '"position" IS NULL' })
// Numbered, their follow-ups still to run (the email step; decision 0009), and the idle poll.
@Index('IDX_outbox_event_undispatched', ['position'], { where: '"dispatched_at" IS NULL' })
@Index('UQ_outbox_event_position', ['position'], { unique: true })
@Index('IDX_outbox_event_territory_position', ['territoryId', 'position'])
// Retention purges a person's events (decision 0014).
@Index('IDX_outbox_event_person', ['personId'])
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Write order, for the dispatcher only. */
  @Column({ type: 'bigint', generated: 'increment' })
  seq!: string;

  /** The public, monotonically increasing cursor: null until dispatched. */
  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  /** e.g. `handover.proposed`. */
  @Column({ type: 'varchar', length: 60 })
  type!: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  /** The structures the event concerns: partners scoped to a structure see it if theirs is here. */
  @Column({ name: 'structure_ids', type: 'uuid', array: true, default: () => "'{}'" })
  structureIds!: string[];

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  @Column({ name: 'actor_membership_id', type: 'uuid', nullable: true })
  actorMembershipId!: string | null;

  @Column({ name: 'actor_client_id', type: 'uuid', nullable: true })
  actorClientId!: string | null;

  /** The accounts to notify in their inbox (the actor is left out by the dispatcher). */
  @Column({ name: 'recipient_account_ids', type: 'uuid', array: true, default: () => "'{}'" })
  recipientAccountIds!: string[];

  /** Ids and states only: never a free text, never sensitive data (partners read it). */
  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /**
   * When the dispatcher was done with the event: numbered, inbox rows written and pushed, and its
   * follow-ups (queued emails) run. Null while any of it waits.
   */
  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt!: Date | null;
}
