import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a bulk import file holds. */
export enum ImportKind {
  STRUCTURES = 'STRUCTURES',
  ACCOUNTS = 'ACCOUNTS',
  PEOPLE = 'PEOPLE',
  TEAM = 'TEAM',
}

/** Where an import came from: a territory admin's upload, or an operator's command line. */
export enum ImportSource {
  API = 'API',
  CLI = 'CLI',
}

/**
 * One applied import: who, from which file (its SHA-256, never its content), when, and what it
 * changed. Written in the import's own transaction, so a run that wrote nothing leaves no row.
 */
@Entity('import_run')
@Index('IDX_import_run_territory', ['territoryId', 'finishedAt'])
export class ImportRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'territory_id', type: 'uuid' })
  territoryId!: string;

  @Column({ type: 'enum', enum: ImportKind, enumName: 'import_kind' })
  kind!: ImportKind;

  @Column({ type: 'enum', enum: ImportSource, enumName: 'import_source' })
  source!: ImportSource;

  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId!: string | null;

  @Column({ name: 'actor_membership_id', type: 'uuid', nullable: true })
  actorMembershipId!: string | null;

  /** The operating-system user who ran the command line. */
  @Column({ name: 'operator', type: 'varchar', length: 100, nullable: true })
  operator!: string | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName!: string;

  @Column({ name: 'file_sha256', type: 'char', length: 64 })
  fileSha256!: string;

  @Column({ type: 'integer' })
  rows!: number;

  @Column({ type: 'integer' })
  created!: number;

  @Column({ type: 'integer' })
  updated!: number;

  @Column({ type: 'integer' })
  unchanged!: number;

  @Column({ type: 'integer' })
  skipped!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', default: () => 'now()' })
  finishedAt!: Date;
}
