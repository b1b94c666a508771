import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { noteVisibleSql } from '@relais/access';
import type { FileScope } from '../file/file-access.service.js';
import { FilePartsReader } from '../file/file-parts.js';
import { updateVersioned } from '../file/versioned-update.js';
import type { NoteVisibility } from '../pathway.enums.js';
import { NoteRevisionEntity } from './note-revision.entity.js';
import { NoteEntity } from './note.entity.js';

/** A note as its table holds it; the author's and structure's names come from their owners. */
export interface NoteRow {
  id: string;
  person_id: string;
  body: string;
  visibility: NoteVisibility;
  sensitive: boolean;
  version: number;
  author_account_id: string;
  author_structure_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface RevisionRow {
  note_id: string;
  version: number;
  body: string;
  visibility: NoteVisibility;
  sensitive: boolean;
  replaced_at: Date;
  author_account_id: string;
  author_structure_id: string;
  created_at: Date;
}

const NOTE_SELECT = `SELECT n.id, n.person_id, n.body, n.visibility, n.sensitive, n.version,
    n.author_account_id, n.author_structure_id, n.created_at, n.updated_at
  FROM note n`;

/**
 * Which notes (or versions, `v`) exist for a viewer at all (DOMAIN.md rule 3), with the note as
 * `n`, the person as $1, the viewer's structures as $2 and account as $3: the SQL twin of the
 * 'read Note' rules of file-ability.ts, before their sensitive condition.
 */
const visibleTo = (v: string) =>
  `n.person_id = $1 AND ${noteVisibleSql('n', { structureIds: 2, accountId: 3 }, v)}`;

function viewerParams(scope: FileScope): unknown[] {
  return [scope.viewer.personId, [...scope.viewer.structureIds], scope.viewer.accountId];
}

/** The note and note_revision tables, read through the viewer's visibility (DOMAIN.md rule 3). */
@Injectable()
export class NoteRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parts: FilePartsReader,
  ) {}

  /**
   * The notes the viewer may see by their visibility, newest first: a part of the file's one
   * statement (the names beside them cost their owners' statements).
   */
  visible(scope: FileScope): Promise<NoteRow[]> {
    return this.parts.read(scope, {
      key: 'notes',
      sql: `${NOTE_SELECT} WHERE ${visibleTo('n')}`,
      params: viewerParams(scope),
      order: 'r.created_at DESC, r.id DESC',
      // JSON gives timestamps as ISO text.
      decode: (rows) =>
        rows.map((row) => {
          const note = row as unknown as NoteRow;
          return {
            ...note,
            created_at: new Date(note.created_at),
            updated_at: new Date(note.updated_at),
          };
        }),
    });
  }

  /** How many notes of the file the viewer does not see at all. */
  async hiddenCount(scope: FileScope): Promise<number> {
    const rows = await this.dataSource.query<{ hidden: number }[]>(
      `SELECT count(*)::int AS hidden FROM note n
       WHERE n.person_id = $1 AND NOT coalesce(${visibleTo('n')}, false)`,
      viewerParams(scope),
    );
    return rows[0]?.hidden ?? 0;
  }

  /** One note, if the viewer may see it by its visibility. */
  visibleById(scope: FileScope, id: string, manager: EntityManager): Promise<NoteRow[]> {
    return manager.query<NoteRow[]>(`${NOTE_SELECT} WHERE n.id = $4 AND ${visibleTo('n')}`, [
      ...viewerParams(scope),
      id,
    ]);
  }

  /** The previous versions of these notes the viewer may see by their visibility. */
  revisions(scope: FileScope, noteIds: readonly string[]): Promise<RevisionRow[]> {
    return this.dataSource.query<RevisionRow[]>(
      `SELECT r.note_id, r.version, r.body, r.visibility, r.sensitive, r.replaced_at,
         n.author_account_id, n.author_structure_id, n.created_at
       FROM note_revision r JOIN note n ON n.id = r.note_id
       WHERE r.note_id = ANY($4::uuid[]) AND ${visibleTo('r')}
       ORDER BY r.note_id, r.version DESC`,
      [...viewerParams(scope), noteIds],
    );
  }

  insert(manager: EntityManager, note: Partial<NoteEntity>): Promise<NoteEntity> {
    return manager.save(manager.create(NoteEntity, note));
  }

  /**
   * The note an edit targets, locked, read in the edit's transaction before any scope exists:
   * its person decides the caller's scope, and nothing of it leaves unless that scope allows.
   */
  lockForChange(id: string, manager: EntityManager): Promise<NoteEntity | null> {
    return manager.findOne(NoteEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Optimistic update (STYLE.md rule 6): CONFLICT on a stale version. */
  update(
    manager: EntityManager,
    id: string,
    version: number,
    changes: Partial<NoteEntity>,
  ): Promise<void> {
    return updateVersioned(manager, NoteEntity, id, version, changes);
  }

  /** Keeps the version an edit replaces in the note's history. */
  async insertRevision(
    manager: EntityManager,
    revision: Partial<NoteRevisionEntity>,
  ): Promise<void> {
    await manager.insert(NoteRevisionEntity, revision);
  }
}
