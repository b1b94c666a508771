import { Injectable } from '@nestjs/common';
import { AccessLogRepository, AccessLogWriter } from '@relais/access';
import { MAX_PAGE_SIZE } from '@relais/core';
import { ActorNamesRepository, type PersonPrincipal } from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import { FileAccessService, type FileScope, TimelineService } from '@relais/pathways';
import {
  fileChangeView,
  fileReadsCursor,
  fileReadsPositions,
  fileReadViews,
  mergeFileReads,
  type PositionedFileRead,
  type SpaceFileReadView,
} from './my-space-views.js';

/** One page of "who read my file", newest first. */
export interface SpaceFileReadPageView {
  readonly items: readonly SpaceFileReadView[];
  /** Where the next page starts; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * "Who read my file" in the person's space (issue 22): the access log of their own file (reads,
 * exports, partners' reads) and the changes professionals and partners made (the file's
 * timeline: changes are logged there, not in the access log, DOMAIN.md rule 6), merged newest
 * first, in plain terms, without the person's own reads (SELF) or answers. The person reads it
 * through their scope (their file only) and the opening is logged SELF like the rest of the
 * space. The log rows come from their owner (access), the names from theirs (identity, then
 * organizations), one statement each for the page (STYLE.md rule 9); the changes from the
 * timeline service, named by it. The cursor holds a position in each of the two streams.
 */
@Injectable()
export class MySpaceReadsService {
  constructor(
    private readonly files: FileAccessService,
    private readonly accessLogWriter: AccessLogWriter,
    private readonly accessLog: AccessLogRepository,
    private readonly actors: ActorNamesRepository,
    private readonly structures: StructureRepository,
    private readonly timelines: TimelineService,
  ) {}

  async myFileReads(
    principal: PersonPrincipal,
    first: number,
    after: string | null | undefined,
  ): Promise<SpaceFileReadPageView> {
    const from = fileReadsPositions(after);
    const size = Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
    const scope = await this.files.readScope(principal, principal.personId);
    await this.accessLogWriter.recordFileRead(scope.viewer);
    const [reads, changes] = await Promise.all([
      this.reads(scope, size + 1, from.read),
      this.changes(scope, size + 1, from.change),
    ]);
    const page = mergeFileReads(reads, changes, size, from);
    return {
      items: page.items,
      nextCursor: page.more ? fileReadsCursor(page.positions) : null,
    };
  }

  /** Up to `limit` reads by others, before the row `beforeId`, named. */
  private async reads(
    scope: FileScope,
    limit: number,
    beforeId: string | null,
  ): Promise<PositionedFileRead[]> {
    const rows = await this.accessLog.fileReads(scope, limit, beforeId);
    const names = await this.actors.namesOf({
      accountIds: rows.flatMap((row) => (row.accountId ? [row.accountId] : [])),
      membershipIds: rows.flatMap((row) =>
        row.accountId && row.membershipId ? [row.membershipId] : [],
      ),
      clientIds: rows.flatMap((row) => (!row.accountId && row.clientId ? [row.clientId] : [])),
    });
    const structureIds = [...new Set(names.membershipStructures.values())].filter(
      (id): id is string => id !== null,
    );
    const structures = structureIds.length ? await this.structures.byIds(structureIds) : [];
    const structureNames = new Map(structures.map((structure) => [structure.id, structure.name]));
    return fileReadViews(rows, names, structureNames);
  }

  /**
   * Up to `limit` changes by professionals and partners, after the timeline cursor `after`. The
   * timeline holds the person's own and the system's changes too: pages are read until enough
   * are found or the timeline ends.
   */
  private async changes(
    scope: FileScope,
    limit: number,
    after: string | null,
  ): Promise<PositionedFileRead[]> {
    const found: PositionedFileRead[] = [];
    let cursor = after;
    for (;;) {
      const page = await this.timelines.timeline(scope, MAX_PAGE_SIZE, cursor);
      for (const event of page.nodes) {
        const view: SpaceFileReadView | null = fileChangeView(event);
        if (view) found.push({ view, position: event.cursor });
        if (found.length === limit) return found;
      }
      if (!page.hasNextPage || !page.endCursor) return found;
      cursor = page.endCursor;
    }
  }
}
