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
import { StructureEntity, TerritoryEntity } from '@relais/organizations';
import { AccountEntity } from './account.entity.js';
import { Role } from './role.js';

/**
 * Account × structure × role. Structure roles name their structure and its territory; a
 * territory admin names a territory only; a platform admin names neither. Revoked, not deleted:
 * data created on behalf of a membership keeps pointing at it.
 */
@Entity('membership')
@Check(
  'CHK_membership_scope',
  `("role" IN ('PROFESSIONAL', 'ORIENTATION_MANAGER', 'STRUCTURE_ADMIN') AND "structure_id" IS NOT NULL AND "territory_id" IS NOT NULL)
   OR ("role" = 'TERRITORY_ADMIN' AND "structure_id" IS NULL AND "territory_id" IS NOT NULL)
   OR ("role" = 'PLATFORM_ADMIN' AND "structure_id" IS NULL AND "territory_id" IS NULL)`,
)
@Index('IDX_membership_account_active', ['accountId'], { where: '"revoked_at" IS NULL' })
@Index('IDX_membership_territory', ['territoryId'])
@Index('IDX_membership_structure', ['structureId'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, (account) => account.memberships, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<AccountEntity>;

  @Column({ type: 'enum', enum: Role, enumName: 'membership_role' })
  role!: Role;

  @Column({ name: 'structure_id', type: 'uuid', nullable: true })
  structureId!: string | null;

  @ManyToOne(() => StructureEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'structure_id' })
  structure?: Relation<StructureEntity> | null;

  @Column({ name: 'territory_id', type: 'uuid', nullable: true })
  territoryId!: string | null;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<TerritoryEntity> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
