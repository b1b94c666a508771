import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { NoteVisibility } from '../pathway.enums.js';
import { NOTE_MAX_LENGTH, NoteEntity } from './note.entity.js';

/** A note as it was before an edit: the history the author cannot erase. */
@Entity('note_revision')
@Index('UQ_note_revision_version', ['noteId', 'version'], { unique: true })
export class NoteRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'note_id', type: 'uuid' })
  noteId!: string;

  @ManyToOne(() => NoteEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'note_id' })
  note?: Relation<NoteEntity>;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: NOTE_MAX_LENGTH })
  body!: string;

  @Column({ type: 'enum', enum: NoteVisibility, enumName: 'note_visibility' })
  visibility!: NoteVisibility;

  @Column({ type: 'boolean' })
  sensitive!: boolean;

  /** When this version was replaced. */
  @Column({ name: 'replaced_at', type: 'timestamptz', default: () => 'now()' })
  replacedAt!: Date;
}
