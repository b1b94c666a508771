import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  Entity,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AccountEntity, MembershipEntity } from '@relais/identity';
import { StructureEntity } from '@relais/organizations';
import { PersonEntity } from '../people/person.entity.js';
import { TeamLeaveReason, TeamRole } from '../pathway.enums.js';

/**
 * One stay of a professional in a person's team. Rows are closed (`leftAt`), never deleted, so
 * the team's history stays. The database allows one active referent per person and one active
 * stay per account and person.
 */
@Entity('team_member')
@Index('UQ_team_member_one_referent', ['personId'], {
  unique: true,
  where: `"role" = 'REFERENT' AND "left_at" IS NULL`,
})
@Index('UQ_team_member_active_account', ['personId', 'accountId'], {
  unique: true,
  where: '"left_at" IS NULL',
})
@Index('IDX_team_member_membership_active', ['membershipId', 'personId'], {
  where: '"left_at" IS NULL',
})
@Index('IDX_team_member_account', ['accountId', 'personId'])
// A file's whole team, former members included (and plans that cannot use the partial indexes).
@Index('IDX_team_member_person', ['personId', 'joinedAt'])
export class TeamMemberEntity {
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

  /** The professional membership the account follows the person with. */
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

  @Column({ type: 'enum', enum: TeamRole, enumName: 'team_role' })
  role!: TeamRole;

  @Column({ name: 'joined_at', type: 'timestamptz', default: () => 'now()' })
  joinedAt!: Date;

  @Column({ name: 'join_reason', type: 'varchar', length: 500, nullable: true })
  joinReason!: string | null;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  @Column({
    name: 'left_reason',
    type: 'enum',
    enum: TeamLeaveReason,
    enumName: 'team_leave_reason',
    nullable: true,
  })
  leftReason!: TeamLeaveReason | null;

  @Column({ name: 'left_comment', type: 'varchar', length: 500, nullable: true })
  leftComment!: string | null;
}
