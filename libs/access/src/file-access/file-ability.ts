import {
  AbilityBuilder,
  createMongoAbility,
  type ForcedSubject,
  type MongoAbility,
} from '@casl/ability';
import { AccessGround } from '../access-log/access-ground.js';
import type { FileViewer } from './file-viewer.js';

/** How long a note's author may still edit it. */
export const NOTE_EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What the file's records carry that the rules look at. */
export interface FileSubjectShapes {
  /** The person's own fields; `nir` and `sensitiveRights` are field-level rules. */
  Person: { id: string };
  Obstacle: { sensitive: boolean };
  PlanAction: { sensitive: boolean };
  TimelineEvent: { sensitive: boolean };
  Note: {
    visibility: 'TEAM' | 'STRUCTURE' | 'AUTHOR';
    sensitive: boolean;
    authorAccountId: string;
    authorStructureId: string;
    createdAt: Date;
  };
}
type FileSubjectName = keyof FileSubjectShapes;
type FileSubjectRecord = {
  [K in FileSubjectName]: FileSubjectShapes[K] & ForcedSubject<K>;
}[FileSubjectName];

export type FileAction = 'read' | 'update' | 'export';
export type FileAbility = MongoAbility<[FileAction, FileSubjectName | FileSubjectRecord]>;

/** Fields of a person everyone who opens the file reads. */
export const PERSON_FIELDS = ['identity', 'contact', 'identifiers', 'rights', 'project'] as const;

/**
 * The field-level rules of one file for one viewer (DOMAIN.md rules 2 and 3): which records they
 * read in full and which they see redacted, which person fields they read, what they may change.
 * Which notes exist for a viewer at all (visibility) is filtered in SQL by noteVisibleSql
 * (note-visibility.ts), the same rule as the 'read Note' rules here minus sensitivity; its
 * integration test fails when the two disagree.
 */
export function fileAbilityFor(viewer: FileViewer, now = new Date()): FileAbility {
  const { can, build } = new AbilityBuilder<FileAbility>(createMongoAbility);

  if (viewer.ground === AccessGround.SELF) {
    // The person in their space reads what the RGPD export their referent hands them shows
    // (issue 22, DOMAIN.md rule 8): their own data, sensitive parts included (a health obstacle
    // or an action serving it is theirs to know), and the notes written for the whole team;
    // never a note kept to a structure or to its author (a private note), nor their NIR. They
    // download that export themselves, and change nothing.
    can('read', 'Person', [...PERSON_FIELDS, 'sensitiveRights']);
    can('read', ['Obstacle', 'PlanAction', 'TimelineEvent']);
    can('read', 'Note', { visibility: 'TEAM' });
    can('export', 'Person');
    return build();
  }

  can('read', 'Person', [...PERSON_FIELDS]);
  if (viewer.canReadNir) can('read', 'Person', 'nir');
  if (viewer.canReadSensitive) can('read', 'Person', 'sensitiveRights');

  for (const subject of ['Obstacle', 'PlanAction', 'TimelineEvent'] as const) {
    can('read', subject, viewer.canReadSensitive ? {} : { sensitive: false });
  }

  const sensitive = viewer.canReadSensitive ? {} : { sensitive: false };
  can('read', 'Note', { visibility: 'TEAM', ...sensitive });
  if (viewer.structureIds.length > 0) {
    can('read', 'Note', {
      visibility: 'STRUCTURE',
      authorStructureId: { $in: [...viewer.structureIds] },
      ...sensitive,
    });
  }
  if (viewer.accountId) {
    // Authors always read what they wrote.
    can('read', 'Note', { authorAccountId: viewer.accountId });
  }

  // The person's right of access goes through their referent (as restriction and objection
  // do), archived or restricted file alike: handing the file to the person is no new processing.
  if (viewer.ground === AccessGround.TEAM_MEMBER && viewer.teamRole === 'REFERENT') {
    can('export', 'Person');
  }

  if (viewer.canWrite) {
    can('update', 'Person');
    can('update', 'Obstacle');
    can('update', 'PlanAction');
    if (viewer.accountId) {
      can('update', 'Note', {
        authorAccountId: viewer.accountId,
        createdAt: { $gte: new Date(now.getTime() - NOTE_EDIT_WINDOW_MS) },
      });
    }
  }
  return build();
}
