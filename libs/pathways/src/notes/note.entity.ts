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
import { TEXT_MAX } from '@relais/core';
import { PersonEntity } from '../people/person.entity.js';
import { NoteVisibility } from '../pathway.enums.js';

export const NOTE_MAX_LENGTH = TEXT_MAX.note;

/**
 * A note of the file. Its author may edit it for 24 hours; every version is kept in
 * `note_revision`. Visibility and the sensitive flag decide who reads it.
 */
@Entity('note')
@Index('IDX_note_person', ['personId', 'createdAt'])
export class NoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Relation<PersonEntity>;

  @Column({ name: 'author_account_id', type: 'uuid' })
  authorAccountId!: string;

  @Column({ name: 'author_structure_id', type: 'uuid' })
  authorStructureId!: string;

  @Column({ type: 'varchar', length: NOTE_MAX_LENGTH })
  body!: string;

  @Column({ type: 'enum', enum: NoteVisibility, enumName: 'note_visibility' })
  visibility!: NoteVisibility;

  @Column({ type: 'boolean', default: false })
  sensitive!: boolean;

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
