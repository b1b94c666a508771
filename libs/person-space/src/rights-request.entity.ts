import { PersonEntity } from '@relais/pathways';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** What the person asks for (DOMAIN.md rule 8): a correction, an objection, a restriction. */
export enum RightsRequestKind {
  RECTIFICATION = 'RECTIFICATION',
  OBJECTION = 'OBJECTION',
  RESTRICTION = 'RESTRICTION',
}

export enum RightsRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
}

/**
 * A request the person made from their space about their RGPD rights (issue 22), which their
 * referent (or a team member who may write the file) answers within a month. At most one pending
 * request of each kind per person.
 */
@Entity('rights_request')
@Index('UQ_rights_request_pending', ['personId', 'kind'], {
  unique: true,
  where: `"status" = 'PENDING'`,
})
@Index('IDX_rights_request_person', ['personId', 'requestedAt'])
export class RightsRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** Purging the person's file takes their requests with it. */
  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_rights_request_person' })
  person?: PersonEntity;

  @Column({ type: 'enum', enum: RightsRequestKind, enumName: 'rights_request_kind' })
  kind!: RightsRequestKind;

  /** In the person's words. */
  @Column({ type: 'varchar', length: 2000 })
  details!: string;

  @Column({
    type: 'enum',
    enum: RightsRequestStatus,
    enumName: 'rights_request_status',
    default: RightsRequestStatus.PENDING,
  })
  status!: RightsRequestStatus;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** A month after the request, as a date in Paris: the legal time to answer. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_by_membership_id', type: 'uuid', nullable: true })
  answeredByMembershipId!: string | null;
}
