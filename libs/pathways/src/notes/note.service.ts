import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { forbidden } from '@relais/access';
import { DomainError, DomainErrorCode, DomainErrorReason } from '@relais/core';
import { EventType } from '@relais/events';
import { AccountNamesRepository, type Principal } from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import { FileAccessService, type FileScope } from '../file/file-access.service.js';
import type { NoteVisibility } from '../pathway.enums.js';
import { appendTimeline } from '../timeline/timeline.writer.js';
import { NOTE_MAX_LENGTH } from './note.entity.js';
import { NoteRepository, type NoteRow } from './note.repository.js';

/** A past version of a note, redacted like the note itself for a reader not entitled to it. */
export interface NoteRevisionView {
  readonly version: number;
  readonly body: string | null;
  readonly visibility: NoteVisibility;
  readonly sensitive: boolean;
  readonly redacted: boolean;
  readonly replacedAt: Date;
}

/**
 * The history of the notes of one list, loaded for all of them on the first ask: one SQL
 * statement however many notes a client asks the history of.
 */
export interface NoteHistoryBatch {
  of(noteId: string): Promise<NoteRevisionView[]>;
}

/**
 * A note as one viewer reads it. A sensitive note the viewer sees by its visibility but may not
 * read comes redacted: that it exists and who wrote it, never its body (DOMAIN.md rule 2).
 */
export interface NoteView {
  readonly id: string;
  readonly personId: string;
  readonly body: string | null;
  readonly redacted: boolean;
  readonly sensitive: boolean;
  readonly visibility: NoteVisibility;
  readonly authorName: string;
  readonly authorStructureId: string;
  readonly authorStructureName: string;
  /** Written by the viewer. */
  readonly mine: boolean;
  /** The viewer may edit it now (its author, within 24 hours, on a file they may change). */
  readonly canEdit: boolean;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly history: NoteHistoryBatch;
}

export interface NoteChanges {
  readonly body: string;
  readonly visibility?: NoteVisibility | null;
  readonly sensitive?: boolean | null;
}

/** What the file's rules look at in a note. */
function noteSubject(note: {
  visibility: NoteVisibility;
  sensitive: boolean;
  authorAccountId: string;
  authorStructureId: string;
  createdAt: Date;
}) {
  return subject('Note', {
    visibility: note.visibility,
    sensitive: note.sensitive,
    authorAccountId: note.authorAccountId,
    authorStructureId: note.authorStructureId,
    createdAt: note.createdAt,
  });
}

function cleanBody(body: string): string {
  const clean = body.trim();
  if (clean.length === 0 || clean.length > NOTE_MAX_LENGTH) {
    throw new DomainError(
      DomainErrorCode.InvalidInput,
      DomainErrorReason.TextLength,
      `body must have 1 to ${NOTE_MAX_LENGTH} characters`,
      { field: 'body' },
    );
  }
  return clean;
}

function staleVersion(): DomainError {
  return new DomainError(
    DomainErrorCode.Conflict,
    DomainErrorReason.StaleVersion,
    'Someone changed this since you read it: reload it and apply your change again.',
    { field: 'version' },
  );
}

/**
 * The notes of a file (DOMAIN.md rules 2, 3 and 8): listed by visibility in SQL and redacted by
 * the file's rules, written by team members, edited by their author for 24 hours with every
 * previous version kept.
 */
@Injectable()
export class NoteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileAccessService,
    private readonly repository: NoteRepository,
    private readonly accountNames: AccountNamesRepository,
    private readonly structures: StructureRepository,
  ) {}

  /** The notes the viewer may see by their visibility, newest first, with the file's parts. */
  async notes(scope: FileScope): Promise<NoteView[]> {
    return this.viewsOf(await this.repository.visible(scope), scope);
  }

  /**
   * How many notes of the file the viewer does not see at all: kept by other professionals to
   * themselves or to their structure. Their existence, never their content, so that the person
   * an export is handed to knows to ask (decision 0013).
   */
  hiddenCount(scope: FileScope): Promise<number> {
    return this.repository.hiddenCount(scope);
  }

  /** A team member who may change the file writes a note, with their team membership. */
  async addNote(
    principal: Principal,
    personId: string,
    body: string,
    visibility: NoteVisibility,
    sensitive: boolean,
  ): Promise<NoteView> {
    const text = cleanBody(body);
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.files.writeScope(principal, personId, manager);
      const { viewer } = scope;
      const structureId = principal.memberships.find(
        (membership) => membership.id === viewer.membershipId,
      )?.structureId;
      if (!viewer.accountId || !structureId) throw forbidden();
      const note = await this.repository.insert(manager, {
        personId,
        authorAccountId: viewer.accountId,
        authorStructureId: structureId,
        body: text,
        visibility,
        sensitive,
        createdByMembershipId: viewer.membershipId,
      });
      // The timeline says that a note was written, never what it says.
      await appendTimeline(manager, viewer, {
        type: EventType.NOTE_ADDED,
        subjectType: 'Note',
        subjectId: note.id,
        sensitive,
        after: { visibility, sensitive },
      });
      return this.noteById(manager, scope, note.id);
    });
  }

  /**
   * Its author edits a note within 24 hours of writing it; the version replaced goes to the
   * note's history in the same transaction. A stale version is a CONFLICT and writes nothing.
   */
  async editNote(
    principal: Principal,
    noteId: string,
    version: number,
    changes: NoteChanges,
  ): Promise<NoteView> {
    const text = cleanBody(changes.body);
    return this.dataSource.transaction(async (manager) => {
      const note = await this.repository.lockForChange(noteId, manager);
      if (!note) throw forbidden();
      const scope = await this.files.writeScope(principal, note.personId, manager);
      const current = noteSubject(note);
      // A note the viewer may not see does not exist for them.
      if (!scope.ability.can('read', current)) throw forbidden();
      if (note.authorAccountId !== scope.viewer.accountId) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          DomainErrorReason.NotNoteAuthor,
          'Only the author of a note may edit it: add a note of your own instead.',
        );
      }
      if (!scope.ability.can('update', current)) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          DomainErrorReason.NoteEditWindowPassed,
          'A note can be edited only within 24 hours of being written: add a new note instead.',
        );
      }
      const next = {
        body: text,
        visibility: changes.visibility ?? note.visibility,
        sensitive: changes.sensitive ?? note.sensitive,
      };
      const unchanged =
        next.body === note.body &&
        next.visibility === note.visibility &&
        next.sensitive === note.sensitive;
      if (unchanged) {
        // Nothing to keep in the history nor to tell the timeline.
        if (version !== note.version) throw staleVersion();
        return this.noteById(manager, scope, note.id);
      }
      await this.repository.update(manager, note.id, version, next);
      await this.repository.insertRevision(manager, {
        noteId: note.id,
        version: note.version,
        body: note.body,
        visibility: note.visibility,
        sensitive: note.sensitive,
      });
      await appendTimeline(manager, scope.viewer, {
        type: EventType.NOTE_EDITED,
        subjectType: 'Note',
        subjectId: note.id,
        sensitive: note.sensitive || next.sensitive,
        before: { visibility: note.visibility, sensitive: note.sensitive },
        after: {
          visibility: next.visibility,
          sensitive: next.sensitive,
          bodyChanged: next.body !== note.body,
        },
      });
      return this.noteById(manager, scope, note.id);
    });
  }

  /**
   * The previous versions of a note, newest first, for readers who read the note in full (null
   * for others). Versions the viewer would not see by their visibility are left out; sensitive
   * ones come redacted for a viewer not entitled to them, as notes do.
   */
  async history(note: NoteView): Promise<NoteRevisionView[] | null> {
    return note.redacted ? null : note.history.of(note.id);
  }

  private async noteById(manager: EntityManager, scope: FileScope, id: string): Promise<NoteView> {
    const rows = await this.repository.visibleById(scope, id, manager);
    return (await this.viewsOf(rows, scope, manager))[0];
  }

  /**
   * The one redaction of notes (STYLE.md rule 5): through the file's rules. The authors' and
   * their structures' names come from their owners, one statement each for the whole list.
   */
  private async viewsOf(
    rows: NoteRow[],
    scope: FileScope,
    manager?: EntityManager,
  ): Promise<NoteView[]> {
    if (rows.length === 0) return [];
    const [authors, structures] = await Promise.all([
      this.accountNames.namesOf(
        rows.map((row) => row.author_account_id),
        manager,
      ),
      this.structures.byIds([...new Set(rows.map((row) => row.author_structure_id))], manager),
    ]);
    const structureNames = new Map(structures.map((structure) => [structure.id, structure.name]));
    const views = rows.map((row) => {
      const author = authors.get(row.author_account_id);
      const record = noteSubject({
        visibility: row.visibility,
        sensitive: row.sensitive,
        authorAccountId: row.author_account_id,
        authorStructureId: row.author_structure_id,
        createdAt: row.created_at,
      });
      const readable = scope.ability.can('read', record);
      return {
        id: row.id,
        personId: row.person_id,
        body: readable ? row.body : null,
        redacted: !readable,
        sensitive: row.sensitive,
        visibility: row.visibility,
        authorName: `${author?.givenName ?? ''} ${author?.familyName ?? ''}`,
        authorStructureId: row.author_structure_id,
        authorStructureName: structureNames.get(row.author_structure_id) ?? '',
        mine: row.author_account_id === scope.viewer.accountId,
        canEdit: readable && scope.ability.can('update', record),
        version: row.version,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    });
    const fullyRead = views.filter((view) => !view.redacted).map((view) => view.id);
    let loading: Promise<Map<string, NoteRevisionView[]>> | null = null;
    const history: NoteHistoryBatch = {
      of: async (noteId) => {
        loading ??= this.revisionsOf(scope, fullyRead);
        return (await loading).get(noteId) ?? [];
      },
    };
    return views.map((view) => ({ ...view, history }));
  }

  private async revisionsOf(
    scope: FileScope,
    noteIds: string[],
  ): Promise<Map<string, NoteRevisionView[]>> {
    const byNote = new Map<string, NoteRevisionView[]>();
    if (noteIds.length === 0) return byNote;
    const rows = await this.repository.revisions(scope, noteIds);
    for (const row of rows) {
      const readable = scope.ability.can(
        'read',
        noteSubject({
          visibility: row.visibility,
          sensitive: row.sensitive,
          authorAccountId: row.author_account_id,
          authorStructureId: row.author_structure_id,
          createdAt: row.created_at,
        }),
      );
      const list = byNote.get(row.note_id) ?? [];
      list.push({
        version: row.version,
        body: readable ? row.body : null,
        visibility: row.visibility,
        sensitive: row.sensitive,
        redacted: !readable,
        replacedAt: row.replaced_at,
      });
      byNote.set(row.note_id, list);
    }
    return byNote;
  }
}
