import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { MembershipEntity } from './membership.entity.js';

export enum AccountStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

/** Someone who signs in. Identified at sign-in by (issuer, subject), found by email at first. */
@Entity('account')
@Index('UQ_account_oidc_identity', ['oidcIssuer', 'oidcSubject'], {
  unique: true,
  where: '"oidc_subject" IS NOT NULL',
})
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** citext: unique whatever the case. */
  @Column({ type: 'citext', unique: true })
  email!: string;

  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Column({ name: 'family_name', type: 'varchar', length: 100 })
  familyName!: string;

  /** Work phone, set by the professional ("Mon compte"), shown in the teams they are part of. */
  @Column({ name: 'work_phone', type: 'varchar', length: 20, nullable: true })
  workPhone!: string | null;

  @Column({
    type: 'enum',
    enum: AccountStatus,
    enumName: 'account_status',
    default: AccountStatus.ACTIVE,
  })
  status!: AccountStatus;

  @Column({ name: 'oidc_issuer', type: 'varchar', length: 300, nullable: true })
  oidcIssuer!: string | null;

  @Column({ name: 'oidc_subject', type: 'varchar', length: 255, nullable: true })
  oidcSubject!: string | null;

  @OneToMany(() => MembershipEntity, (membership) => membership.account)
  memberships?: Relation<MembershipEntity>[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
