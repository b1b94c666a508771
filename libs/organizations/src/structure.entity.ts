import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { StructureType } from './structure-type.js';
import { TerritoryEntity } from './territory.entity.js';

/** A body that follows people in a territory. Its name is unique there, whatever the case. */
@Entity('structure')
@Index('UQ_structure_territory_name', ['territoryId', 'name'], { unique: true })
@Index('UQ_structure_territory_external', ['territoryId', 'externalId'], {
  unique: true,
  where: '"external_id" IS NOT NULL',
})
export class StructureEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @ManyToOne(() => TerritoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'territory_id' })
  territory?: Relation<TerritoryEntity>;

  /** The structure's code in the département's own files, as bulk imports give it. */
  @Column({ name: 'external_id', type: 'varchar', length: 64, nullable: true })
  externalId!: string | null;

  @Column({ type: 'enum', enum: StructureType, enumName: 'structure_type' })
  type!: StructureType;

  /** citext: "CCAS de Nantes" and "ccas de nantes" are the same structure. */
  @Column({ type: 'citext' })
  name!: string;

  @Column({ type: 'char', length: 14, nullable: true })
  siret!: string | null;

  @Column({ name: 'address_line', type: 'varchar', length: 200, nullable: true })
  addressLine!: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 5, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
