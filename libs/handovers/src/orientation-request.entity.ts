import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { OrientationType, PersonEntity } from '@relais/pathways';
import { OrientationRequestStatus } from './handover.enums.js';

/** A referent's request for a (re)orientation, decided by an orientation manager. */
@Entity('orientation_request')
@Index('UQ_orientation_request_pending', ['personId'], {
  unique: true,
  where: `"status" = 'PENDING'`,
})
@Index('IDX_orientation_request_territory', ['territoryId', 'status', 'createdAt'])
export class OrientationRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @Column({ name: 'requested_by_account_id', type: 'uuid' })
  requestedByAccountId!: string;

  @Column({ name: 'requested_by_membership_id', type: 'uuid' })
  requestedByMembershipId!: string;

  @Column({
    name: 'orientation_type',
    type: 'enum',
    enum: OrientationType,
    enumName: 'orientation_type',
  })
  orientationType!: OrientationType;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({
    type: 'enum',
    enum: OrientationRequestStatus,
    enumName: 'orientation_request_status',
    default: OrientationRequestStatus.PENDING,
  })
  status!: OrientationRequestStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by_membership_id', type: 'uuid', nullable: true })
  decidedByMembershipId!: string | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 1000, nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'target_structure_id', type: 'uuid', nullable: true })
  targetStructureId!: string | null;

  @Column({ name: 'handover_id', type: 'uuid', nullable: true })
  handoverId!: string | null;
}
