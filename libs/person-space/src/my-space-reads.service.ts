import { Injectable } from '@nestjs/common';
import { AccessLogRepository, AccessLogWriter } from '@relais/access';
import { MAX_PAGE_SIZE } from '@relais/core';
import { ActorNamesRepository, type PersonPrincipal } from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import { FileAccessService } from '@relais/pathways';
import {
  fileReadsCursor,
  fileReadsPosition,
  fileReadViews,
  type SpaceFileReadView,
} from './my-space-views.js';

/** One page of "who read my file", newest first. */
export interface SpaceFileReadPageView {
  readonly items: readonly SpaceFileReadView[];
  /** Where the next page starts; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * "Who read my file" in the person's space (issue 22): the access log of their own file, in
 * plain terms, without their own reads (SELF). The person reads it through their scope (their
 * file only) and the opening is logged SELF like the rest of the space. The log rows come from
 * their owner (access), the names from theirs (identity, then organizations), one statement
 * each for the page (STYLE.md rule 9).
 */
@Injectable()
export class MySpaceReadsService {
  constructor(
    private readonly files: FileAccessService,
    private readonly accessLogWriter: AccessLogWriter,
    private readonly accessLog: AccessLogRepository,
    private readonly actors: ActorNamesRepository,
    private readonly structures: StructureRepository,
  ) {}

  async myFileReads(
    principal: PersonPrincipal,
    first: number,
    after: string | null | undefined,
  ): Promise<SpaceFileReadPageView> {
    const before = fileReadsPosition(after);
    const size = Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
    const scope = await this.files.readScope(principal, principal.personId);
    await this.accessLogWriter.recordFileRead(scope.viewer);
    const rows = await this.accessLog.fileReads(scope, size + 1, before);
    const page = rows.slice(0, size);
    const names = await this.actors.namesOf({
      accountIds: page.flatMap((row) => (row.accountId ? [row.accountId] : [])),
      membershipIds: page.flatMap((row) =>
        row.accountId && row.membershipId ? [row.membershipId] : [],
      ),
      clientIds: page.flatMap((row) => (!row.accountId && row.clientId ? [row.clientId] : [])),
    });
    const structureIds = [...new Set(names.membershipStructures.values())].filter(
      (id): id is string => id !== null,
    );
    const structures = structureIds.length ? await this.structures.byIds(structureIds) : [];
    const structureNames = new Map(structures.map((structure) => [structure.id, structure.name]));
    const last = page.at(-1);
    return {
      items: fileReadViews(page, names, structureNames),
      nextCursor: rows.length > size && last ? fileReadsCursor(last) : null,
    };
  }
}
