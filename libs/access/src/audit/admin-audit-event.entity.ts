import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change made by an admin: who, acting as which membership, what, before and after, when.
 * Append-only and chained with the key (decision 0008): a trigger refuses updates and deletes;
 * `recordAdminChange` sets `seq`, `prevHash` and `hash`, the trigger checks they follow the head. Readable by the admins of its territory or structure.
 */
@Entity('admin_audit_event')
@Index('UQ_admin_audit_seq', ['seq'], { unique: true })
@Index('IDX_admin_audit_territory', ['territoryId', 'occurredAt'])
@Index('IDX_admin_audit_structure', ['structureId', 'occurredAt'])
export class AdminAuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_account_id', type: 'uuid' })
  actorAccountId!: string;

  @Column({ name: 'actor_membership_id', type: 'uuid' })
  actorMembershipId!: string;

  /** What was done, e.g. `structure.create`, `membership.revoke`. */
  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 40 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId!: string;

  @Column({ name: 'territory_id', type: 'uuid', nullable: true })
  territoryId!: string | null;

  @Column({ name: 'structure_id', type: 'uuid', nullable: true })
  structureId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  /** Its place in the chain, drawn by `recordAdminChange` under the head's lock. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ name: 'prev_hash', type: 'bytea', insert: false, update: false })
  prevHash!: Buffer;

  @Column({ type: 'bytea', insert: false, update: false })
  hash!: Buffer;
}
