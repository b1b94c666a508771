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
import { AppointmentStatus } from '../pathway.enums.js';
import { AppointmentPresence } from './appointment-presence.js';

/** A meeting with the person: when, with whom, where or remote. */
@Entity('appointment')
@Index('IDX_appointment_person', ['personId', 'startsAt'])
export class AppointmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'duration_minutes', type: 'smallint' })
  durationMinutes!: number;

  /** Who the person meets (a professional, a service). */
  @Column({ name: 'with_whom', type: 'varchar', length: 200 })
  withWhom!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

  @Column({ type: 'boolean', default: false })
  remote!: boolean;

  @Column({ type: 'enum', enum: AppointmentStatus, enumName: 'appointment_status' })
  status!: AppointmentStatus;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** The person's answer from their space; a new answer replaces it (not a versioned change). */
  @Column({
    name: 'person_presence',
    type: 'enum',
    enum: AppointmentPresence,
    enumName: 'appointment_presence',
    nullable: true,
  })
  personPresence!: AppointmentPresence | null;

  @Column({ name: 'person_presence_answered_at', type: 'timestamptz', nullable: true })
  personPresenceAnsweredAt!: Date | null;

  /** The membership the change was made with (null when a partner system made it). */
  @Column({ name: 'created_by_membership_id', type: 'uuid', nullable: true })
  createdByMembershipId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
