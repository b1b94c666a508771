import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AccountEntity, MembershipEntity } from '@relais/identity';
import { StructureEntity } from '@relais/organizations';
import { PersonEntity } from '../people/person.entity.js';
import { JoinRequestStatus } from '../pathway.enums.js';

/** A professional's request to join a person's team, decided by whoever may let them in. */
@Entity('join_request')
@Index('UQ_join_request_pending', ['personId', 'accountId'], {
  unique: true,
  where: `"status" = 'PENDING'`,
})
@Index('IDX_join_request_person', ['personId', 'createdAt'])
export class JoinRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<AccountEntity>;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId!: string;

  @ManyToOne(() => MembershipEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'membership_id' })
  membership?: Relation<MembershipEntity>;

  @Column({ name: 'structure_id', type: 'uuid' })
  structureId!: string;

  @ManyToOne(() => StructureEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Relation<StructureEntity>;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({
    type: 'enum',
    enum: JoinRequestStatus,
    enumName: 'join_request_status',
    default: JoinRequestStatus.PENDING,
  })
  status!: JoinRequestStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by_membership_id', type: 'uuid', nullable: true })
  decidedByMembershipId!: string | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason!: string | null;
}
