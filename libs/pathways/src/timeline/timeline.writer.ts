import type { FileViewer } from '@relais/access';
import type { EntityManager } from 'typeorm';
import { insertTimelineEvent, type TimelineEntry } from './timeline.repository.js';

export type { TimelineEntry } from './timeline.repository.js';

/**
 * Appends a change to the file's timeline (who, acting as which membership, what, before and
 * after) and marks the file active (unless `activity` is false), in the caller's transaction:
 * one statement, written by the timeline's repository.
 */
export function appendTimeline(
  manager: EntityManager,
  viewer: Pick<FileViewer, 'personId' | 'accountId' | 'membershipId' | 'clientId'>,
  entry: TimelineEntry,
): Promise<void> {
  return insertTimelineEvent(manager, viewer, entry);
}
