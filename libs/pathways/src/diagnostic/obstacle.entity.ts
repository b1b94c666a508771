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
import { PersonEntity } from '../people/person.entity.js';
import { ObstacleStatus, ObstacleTheme } from '../pathway.enums.js';

/** A frein périphérique of the diagnostic, one per theme. Health, disability and justice are sensitive. */
@Entity('obstacle')
@Index('UQ_obstacle_person_theme', ['personId', 'theme'], { unique: true })
export class ObstacleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ type: 'enum', enum: ObstacleTheme, enumName: 'obstacle_theme' })
  theme!: ObstacleTheme;

  @Column({ type: 'enum', enum: ObstacleStatus, enumName: 'obstacle_status' })
  status!: ObstacleStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** The membership the change was made with (null when a partner system made it). */
  @Column({ name: 'created_by_membership_id', type: 'uuid', nullable: true })
  createdByMembershipId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
