import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { StructureEntity } from '@relais/organizations';
import { PersonEntity } from '@relais/pathways';
import { type HandoverPreviewPart, HandoverStatus } from './handover.enums.js';

/**
 * A passage de relais: from the current structure and referent to a target structure and,
 * optionally, a named professional. At most one open (PROPOSED) handover per person, enforced by
 * the database; answering is `UPDATE ... WHERE status = 'PROPOSED'`, so one answer wins.
 */
@Entity('handover')
@Check(
  'CHK_handover_preview_parts',
  `"preview_parts" <@ ARRAY['PROJECT', 'PLAN', 'CONTRACT', 'OBSTACLES']::character varying(20)[]`,
)
@Index('UQ_handover_open_per_person', ['personId'], {
  unique: true,
  where: `"status" = 'PROPOSED'`,
})
@Index('IDX_handover_to_structure', ['toStructureId', 'status', 'createdAt'])
@Index('IDX_handover_from_structure', ['fromStructureId', 'status', 'createdAt'])
@Index('IDX_handover_expiry', ['expiresAt'], { where: `"status" = 'PROPOSED'` })
export class HandoverEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  /** The structure of the referent when proposed (null when the person had no referent). */
  @Column({ name: 'from_structure_id', type: 'uuid', nullable: true })
  fromStructureId!: string | null;

  @ManyToOne(() => StructureEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_structure_id' })
  fromStructure?: Relation<StructureEntity> | null;

  /** The referent's account when proposed. */
  @Column({ name: 'from_referent_account_id', type: 'uuid', nullable: true })
  fromReferentAccountId!: string | null;

  @Column({ name: 'proposed_by_account_id', type: 'uuid' })
  proposedByAccountId!: string;

  @Column({ name: 'proposed_by_membership_id', type: 'uuid' })
  proposedByMembershipId!: string;

  @Column({ name: 'to_structure_id', type: 'uuid' })
  toStructureId!: string;

  @ManyToOne(() => StructureEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_structure_id' })
  toStructure?: Relation<StructureEntity>;

  /** The professional proposed as new referent, if named. */
  @Column({ name: 'to_account_id', type: 'uuid', nullable: true })
  toAccountId!: string | null;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  /** The person was told of the handover (required to propose). */
  /** The proposer's summary: the situation, what was done, what is expected (each optional). */
  @Column({ name: 'summary_situation', type: 'varchar', length: 2000, nullable: true })
  summarySituation!: string | null;

  @Column({ name: 'summary_done', type: 'varchar', length: 2000, nullable: true })
  summaryDone!: string | null;

  @Column({ name: 'summary_expected', type: 'varchar', length: 2000, nullable: true })
  summaryExpected!: string | null;

  /** The parts of the file the target structure may preview while the handover is proposed. */
  @Column({
    name: 'preview_parts',
    type: 'varchar',
    length: 20,
    array: true,
    default: () => "'{}'",
  })
  previewParts!: HandoverPreviewPart[];

  @Column({ name: 'person_informed', type: 'boolean' })
  personInformed!: boolean;

  @Column({ type: 'enum', enum: HandoverStatus, enumName: 'handover_status' })
  status!: HandoverStatus;

  @Column({ name: 'orientation_request_id', type: 'uuid', nullable: true })
  orientationRequestId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by_account_id', type: 'uuid', nullable: true })
  decidedByAccountId!: string | null;

  @Column({ name: 'decided_by_membership_id', type: 'uuid', nullable: true })
  decidedByMembershipId!: string | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 1000, nullable: true })
  declineReason!: string | null;

  /** The referent named on acceptance. */
  @Column({ name: 'new_referent_account_id', type: 'uuid', nullable: true })
  newReferentAccountId!: string | null;

  @Column({ name: 'new_referent_membership_id', type: 'uuid', nullable: true })
  newReferentMembershipId!: string | null;
}
