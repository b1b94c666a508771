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
import { GoalStatus } from '../pathway.enums.js';

/** An objective of the action plan. */
@Entity('goal')
@Index('IDX_goal_person', ['personId', 'createdAt'])
export class GoalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'enum', enum: GoalStatus, enumName: 'goal_status' })
  status!: GoalStatus;

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
