import type { FileViewer } from './file-viewer.js';

/*
 * Which notes of a file exist for a viewer at all (DOMAIN.md rule 3): a note shown to the whole
 * team, one shown to the author's structure when it is one of the viewer's, and whatever the
 * viewer wrote. This is the one SQL definition of the rule; its CASL twin is the 'read Note' part
 * of fileAbilityFor (file-ability.ts), which adds sensitivity on top: a sensitive note the viewer
 * may not read still exists for them, shown redacted. note-visibility.int-spec.ts evaluates both
 * on every kind of viewer and note and fails when they disagree; change them together.
 */

/** Where a statement carries the viewer's facts: positions of its `$n` parameters. */
export interface NoteViewerParams {
  /** The viewer's structures, a uuid[] (empty for a viewer without one). */
  readonly structureIds: number;
  /** The viewer's account, a uuid; null for a partner client, who writes no note. */
  readonly accountId: number;
}

/**
 * The SQL condition "the viewer sees this note (in full or redacted)", for the note row aliased
 * `note` (its author columns). `visibility` is the alias of the row whose visibility decides, when
 * it is not the note itself: a note's revision keeps the visibility it had.
 *
 * It is NULL rather than false for a viewer without an account (`= NULL`): fine in a WHERE, but
 * negate it as `NOT coalesce(condition, false)`.
 */
export function noteVisibleSql(
  note: string,
  params: NoteViewerParams,
  visibility: string = note,
): string {
  return `(${visibility}.visibility = 'TEAM'
    OR (${visibility}.visibility = 'STRUCTURE' AND ${note}.author_structure_id = ANY($${params.structureIds}::uuid[]))
    OR ${note}.author_account_id = $${params.accountId})`;
}

/** The viewer's facts that noteVisibleSql reads, in the order structures then account. */
export function noteViewerValues(
  viewer: Pick<FileViewer, 'structureIds' | 'accountId'>,
): [structureIds: string[], accountId: string | null] {
  return [[...viewer.structureIds], viewer.accountId];
}
