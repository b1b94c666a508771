import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An admin invited someone: the account exists, with its membership, and waits for its first
 * sign-in (which links it to the sign-in provider). Sending the email comes later.
 */
@Entity('invitation')
@Index('IDX_invitation_account', ['accountId'])
@Index('IDX_invitation_territory', ['territoryId', 'createdAt'])
@Index('IDX_invitation_structure', ['structureId', 'createdAt'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ name: 'membership_id', type: 'uuid' })
  membershipId!: string;

  @Column({ name: 'invited_by_membership_id', type: 'uuid' })
  invitedByMembershipId!: string;

  @Column({ name: 'territory_id', type: 'uuid', nullable: true })
  territoryId!: string | null;

  @Column({ name: 'structure_id', type: 'uuid', nullable: true })
  structureId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
