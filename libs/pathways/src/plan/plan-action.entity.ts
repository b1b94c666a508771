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
import { ActionStatus } from '../pathway.enums.js';
import { ObstacleEntity } from '../diagnostic/obstacle.entity.js';
import { GoalEntity } from './goal.entity.js';

/** An action of the plan, serving a goal and, optionally, the obstacle it helps lift. */
@Entity('plan_action')
@Index('IDX_plan_action_person', ['personId', 'createdAt'])
export class PlanActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ name: 'goal_id', type: 'uuid', nullable: true })
  goalId!: string | null;

  @ManyToOne(() => GoalEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'goal_id' })
  goal?: Relation<GoalEntity> | null;

  @Column({ name: 'obstacle_id', type: 'uuid', nullable: true })
  obstacleId!: string | null;

  @ManyToOne(() => ObstacleEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'obstacle_id' })
  obstacle?: Relation<ObstacleEntity> | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'enum', enum: ActionStatus, enumName: 'action_status' })
  status!: ActionStatus;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn!: string | null;

  @Column({ name: 'due_on', type: 'date', nullable: true })
  dueOn!: string | null;

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
