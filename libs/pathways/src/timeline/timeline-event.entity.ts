import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { PersonEntity } from '../people/person.entity.js';

/**
 * One change of a file: who, acting as which membership (or which partner client), when, what,
 * and a summary of the changed fields before and after. `sensitive` events (sensitive obstacles
 * and rights) show their summary only to those entitled to sensitive data.
 */
@Entity('timeline_event')
@Index('IDX_timeline_event_person', ['personId', 'occurredAt', 'id'])
export class TimelineEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  @Column({ name: 'actor_membership_id', type: 'uuid', nullable: true })
  actorMembershipId!: string | null;

  @Column({ name: 'actor_client_id', type: 'uuid', nullable: true })
  actorClientId!: string | null;

  /** What happened, e.g. `person.created`, `obstacle.updated`, `team.joined`. */
  @Column({ type: 'varchar', length: 60 })
  type!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 40 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'boolean', default: false })
  sensitive!: boolean;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;
}
