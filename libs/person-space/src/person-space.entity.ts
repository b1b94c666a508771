import { PersonEntity } from '@relais/pathways';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A followed person's personal space (issue 22), enabled by their referent or a team member who
 * may write the file, with the address the person gave: one-time links and sign-in codes go
 * there. Revoking it ends the person's sessions at once. At most one live space per address, so
 * that an address names one person when they ask for a code.
 */
@Entity('person_space')
@Index('UQ_person_space_email', ['email'], { unique: true, where: '"revoked_at" IS NULL' })
export class PersonSpaceEntity {
  /** The person (pathways' `person`). */
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** Purging the person's file takes this row with it. */
  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_person_space_person' })
  person?: PersonEntity;

  @Column({ type: 'citext' })
  email!: string;

  /**
   * The first name the emails greet the person with, taken from the file when invited: the
   * sign-in steps are public and read no file.
   */
  @Column({ name: 'given_name', type: 'varchar', length: 100 })
  givenName!: string;

  @Column({ name: 'enabled_by_account_id', type: 'uuid', nullable: true })
  enabledByAccountId!: string | null;

  @Column({ name: 'enabled_by_membership_id', type: 'uuid', nullable: true })
  enabledByMembershipId!: string | null;

  @Column({ name: 'enabled_at', type: 'timestamptz', default: () => 'now()' })
  enabledAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

/** A one-time link to the space, emailed by the referent's invitation: its SHA-256 hash only. */
@Entity('person_space_link')
@Index('IDX_person_space_link_person', ['personId'])
export class PersonSpaceLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  /** Purging the person's file takes this row with it. */
  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_person_space_link_person' })
  person?: PersonEntity;

  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}

/**
 * A sign-in code sent by email (its keyed hash only), tried at most a few times within minutes.
 * A challenge for an address no space has has no person: answering it behaves the same, so the
 * answers never tell whether an address is known.
 */
@Entity('person_sign_in_code')
@Index('IDX_person_sign_in_code_person', ['personId'])
export class PersonSignInCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId!: string | null;

  /** Purging the person's file takes this row with it. */
  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_person_sign_in_code_person' })
  person?: PersonEntity;

  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
