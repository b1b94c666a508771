import { subject } from '@casl/ability';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@relais/database';
import { accountPrincipal } from '@relais/testing';
import { Role } from '@relais/identity';
import { AccessGround } from '../access-log/access-ground.js';
import { fileAbilityFor } from './file-ability.js';
import type { FileViewer } from './file-viewer.js';
import { noteViewerValues, noteVisibleSql, type NoteViewerParams } from './note-visibility.js';

/*
 * The notes' visibility rule is written twice: in SQL (noteVisibleSql, which notes a list or a
 * count holds) and in CASL (fileAbilityFor's 'read Note' rules, which notes the viewer reads in
 * full). They are not the same question: SQL decides whether a note exists for the viewer, CASL
 * also folds in sensitivity, and a sensitive note the viewer may not read is listed redacted, not
 * hidden. So for every viewer and note:
 *   1. SQL shows the note exactly when CASL lets the viewer read it once its sensitivity is set
 *      aside (the same note, `sensitive: false`): the visibility rules agree;
 *   2. whatever CASL lets the viewer read, SQL shows (nothing readable is lost to the filter);
 *   3. SQL never looks at sensitivity (the note and its non-sensitive twin get the same answer).
 * The SQL runs in PostgreSQL on the notes as a record set, no table needed.
 */

const STRUCTURE_A = '00000000-0000-4000-8000-00000000000a';
const STRUCTURE_B = '00000000-0000-4000-8000-00000000000b';
const ELSEWHERE = '00000000-0000-4000-8000-00000000000e';
const VIEWER_ACCOUNT = '00000000-0000-4000-8000-000000000001';
const OTHER_ACCOUNT = '00000000-0000-4000-8000-000000000002';

interface ViewerCase {
  label: string;
  viewer: FileViewer;
}

interface NoteCase {
  key: string;
  visibility: 'TEAM' | 'STRUCTURE' | 'AUTHOR';
  sensitive: boolean;
  author_account_id: string;
  author_structure_id: string;
}

const bools = [true, false] as const;

/** Every kind of viewer: account or partner client, with or without structures, sensitive or not. */
function viewers(): ViewerCase[] {
  const cases: ViewerCase[] = [];
  for (const kind of ['account', 'client'] as const) {
    for (const withStructures of bools) {
      for (const sensitive of bools) {
        const structureIds = withStructures ? [STRUCTURE_A, STRUCTURE_B] : [];
        const account = kind === 'account';
        const viewer: FileViewer = {
          principal: account
            ? accountPrincipal([Role.PROFESSIONAL, structureIds[0] ?? null, 'territory-44'])
            : {
                kind: 'client',
                clientId: 'client-1',
                territoryId: 'territory-44',
                structureId: structureIds[0] ?? null,
                scopes: sensitive ? ['persons:read', 'sensitive:read'] : ['persons:read'],
                memberships: [],
              },
          personId: 'person-1',
          territoryId: 'territory-44',
          ground: account ? AccessGround.TEAM_MEMBER : AccessGround.PARTNER_CLIENT,
          membershipId: account ? 'membership-0' : null,
          accountId: account ? VIEWER_ACCOUNT : null,
          clientId: account ? null : 'client-1',
          teamRole: account ? 'FOLLOWER' : null,
          canWrite: account,
          canReadSensitive: sensitive,
          canReadNir: sensitive,
          structureIds,
        };
        cases.push({
          label: `${kind}, ${withStructures ? 'with' : 'without'} structures, ${sensitive ? '' : 'no '}sensitive`,
          viewer,
        });
      }
    }
  }
  return cases;
}

/**
 * Every kind of note for a viewer: each visibility, the author's structure among the viewer's or
 * not, written by the viewer or not, sensitive or not. Combinations the viewer cannot meet are
 * left out: a client writes no note, a viewer without structures shares none with the author.
 */
function notesFor(viewer: FileViewer): NoteCase[] {
  const notes: NoteCase[] = [];
  for (const visibility of ['TEAM', 'STRUCTURE', 'AUTHOR'] as const) {
    for (const sharedStructure of bools) {
      if (sharedStructure && viewer.structureIds.length === 0) continue;
      for (const byViewer of bools) {
        if (byViewer && viewer.accountId === null) continue;
        for (const sensitive of bools) {
          notes.push({
            key: `${visibility}, author's structure ${sharedStructure ? 'shared' : 'not shared'}, ${byViewer ? 'by the viewer' : 'by another'}, ${sensitive ? 'sensitive' : 'not sensitive'}`,
            visibility,
            sensitive,
            author_account_id: byViewer ? VIEWER_ACCOUNT : OTHER_ACCOUNT,
            // The second of the viewer's structures, so that "any of them" is what is tested.
            author_structure_id: sharedStructure ? STRUCTURE_B : ELSEWHERE,
          });
        }
      }
    }
  }
  return notes;
}

const PARAMS: NoteViewerParams = { structureIds: 1, accountId: 2 };

describe('the notes’ visibility rule: SQL (noteVisibleSql) and CASL (fileAbilityFor) agree', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(
      await buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 1 }),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  /** The notes the SQL condition shows the viewer, by key. */
  async function shownBySql(
    condition: string,
    viewer: FileViewer,
    notes: NoteCase[],
  ): Promise<Set<string>> {
    const rows = await dataSource.query<{ key: string; shown: boolean }[]>(
      `SELECT n.key, coalesce(${condition}, false) AS shown
       FROM jsonb_to_recordset($3::jsonb) AS n(key text, visibility text, sensitive boolean,
         author_account_id uuid, author_structure_id uuid)
       -- Types the viewer's parameters for a (canary) condition that leaves one unused.
       CROSS JOIN (SELECT $1::uuid[] AS structure_ids, $2::uuid AS account_id) AS typed`,
      [...noteViewerValues(viewer), JSON.stringify(notes)],
    );
    expect(rows).toHaveLength(notes.length);
    return new Set(rows.filter((row) => row.shown).map((row) => row.key));
  }

  /** Every case where a SQL condition breaks one of the three relations above. */
  async function disagreements(condition: string): Promise<string[]> {
    const found: string[] = [];
    for (const { label, viewer } of viewers()) {
      const notes = notesFor(viewer);
      const shown = await shownBySql(condition, viewer, notes);
      const ability = fileAbilityFor(viewer);
      for (const note of notes) {
        const fields = {
          visibility: note.visibility,
          authorAccountId: note.author_account_id,
          authorStructureId: note.author_structure_id,
          createdAt: new Date(),
        };
        const reads = ability.can(
          'read',
          subject('Note', { ...fields, sensitive: note.sensitive }),
        );
        const readsSetAside = ability.can('read', subject('Note', { ...fields, sensitive: false }));
        const twin = `${note.key.slice(0, note.key.lastIndexOf(', '))}, not sensitive`;
        const sql = shown.has(note.key);
        if (sql !== readsSetAside)
          found.push(`${label} / ${note.key}: SQL ${sql}, CASL ${readsSetAside}`);
        if (reads && !sql) found.push(`${label} / ${note.key}: CASL reads what SQL hides`);
        if (sql !== shown.has(twin)) found.push(`${label} / ${note.key}: SQL looks at sensitivity`);
      }
    }
    return found;
  }

  it('on every combination of viewer and note', async () => {
    // 8 viewers; 24 notes for an account with structures, 12 without or for a client with, 6
    // for a client without: 24 * 2 + 12 * 2 + 12 * 2 + 6 * 2 = 108 cases.
    expect(viewers().reduce((sum, { viewer }) => sum + notesFor(viewer).length, 0)).toBe(108);
    expect(await disagreements(noteVisibleSql('n', PARAMS))).toEqual([]);
  });

  it('shows each rule in SQL: team, the author’s structure, the author alone', async () => {
    const { viewer } = viewers().find((c) => c.label === 'account, with structures, no sensitive')!;
    const shown = await shownBySql(noteVisibleSql('n', PARAMS), viewer, notesFor(viewer));
    expect(shown.has("TEAM, author's structure not shared, by another, sensitive")).toBe(true);
    expect(shown.has("STRUCTURE, author's structure shared, by another, not sensitive")).toBe(true);
    expect(shown.has("STRUCTURE, author's structure not shared, by another, not sensitive")).toBe(
      false,
    );
    expect(shown.has("AUTHOR, author's structure shared, by another, not sensitive")).toBe(false);
    expect(shown.has("AUTHOR, author's structure not shared, by the viewer, sensitive")).toBe(true);
  });

  it('reads a revision’s visibility from the revision, the author from the note', () => {
    const condition = noteVisibleSql('n', PARAMS, 'r');
    expect(condition).toContain(`r.visibility = 'STRUCTURE'`);
    expect(condition).toContain('n.author_structure_id = ANY($1::uuid[])');
    expect(condition).toContain('n.author_account_id = $2');
  });

  describe('canary: a wrong SQL rule is caught', () => {
    it('a structure note shown to the whole team', async () => {
      const wrong = `(n.visibility IN ('TEAM', 'STRUCTURE') OR n.author_account_id = $2)`;
      expect(await disagreements(wrong)).not.toEqual([]);
    });

    it('authors not reading what they kept to themselves', async () => {
      const wrong = `(n.visibility = 'TEAM'
        OR (n.visibility = 'STRUCTURE' AND n.author_structure_id = ANY($1::uuid[])))`;
      expect(await disagreements(wrong)).not.toEqual([]);
    });

    it('sensitive notes hidden in SQL rather than redacted', async () => {
      const wrong = `(${noteVisibleSql('n', PARAMS)} AND NOT n.sensitive)`;
      expect(await disagreements(wrong)).not.toEqual([]);
    });
  });
});
