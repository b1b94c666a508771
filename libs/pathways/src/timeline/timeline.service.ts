import { subject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import type { FileScope } from '@relais/access';
import { encodeCursor, MAX_PAGE_SIZE, type Page } from '@relais/core';
import { ActorNamesRepository, type ActorNames } from '@relais/identity';
import { StructureRepository } from '@relais/organizations';
import { type TimelineEventRow, TimelinePageRepository } from './timeline-page.repository.js';
import type { TimelineActorView, TimelineEventView } from './timeline.views.js';

export type { TimelineActorView, TimelineEventView } from './timeline.views.js';

function actorOf(
  row: TimelineEventRow,
  names: ActorNames,
  structureNames: ReadonlyMap<string, string>,
): TimelineActorView {
  if (row.actor_account_id) {
    const account = names.accounts.get(row.actor_account_id);
    const structureId = row.actor_membership_id
      ? names.membershipStructures.get(row.actor_membership_id)
      : null;
    return {
      name: `${account?.givenName ?? ''} ${account?.familyName ?? ''}`.trim(),
      structureName: (structureId && structureNames.get(structureId)) ?? null,
      partnerSystem: false,
    };
  }
  if (row.actor_client_id) {
    return {
      name: names.clients.get(row.actor_client_id) ?? 'partner system',
      structureName: null,
      partnerSystem: true,
    };
  }
  return { name: 'Relais', structureName: null, partnerSystem: false };
}

/**
 * The timeline of a file for its RGPD export, which a domain lib serves: every change, newest
 * first, in keyset pages on (occurred_at, id) at full precision, each sensitive change's summary
 * redacted for a viewer not entitled to it (DOMAIN.md rule 2). The page is read with the file's
 * other parts; the actors' names come from their owners, one statement each (identity, then the
 * structures). The Person.timeline screen is the timeline read model (`@relais/read-models`).
 */
@Injectable()
export class TimelineService {
  constructor(
    private readonly pages: TimelinePageRepository,
    private readonly actors: ActorNamesRepository,
    private readonly structures: StructureRepository,
  ) {}

  /** One page of the timeline, read with the other parts of the file asked beside it. */
  async timeline(
    scope: FileScope,
    first: number,
    after: string | null | undefined,
  ): Promise<Page<TimelineEventView>> {
    const size = Math.min(Math.max(first, 1), MAX_PAGE_SIZE);
    const page = await this.pages.page(scope, size, after);
    const names = await this.actors.namesOf({
      accountIds: page.nodes.flatMap((row) => (row.actor_account_id ? [row.actor_account_id] : [])),
      membershipIds: page.nodes.flatMap((row) =>
        row.actor_account_id && row.actor_membership_id ? [row.actor_membership_id] : [],
      ),
      clientIds: page.nodes.flatMap((row) =>
        !row.actor_account_id && row.actor_client_id ? [row.actor_client_id] : [],
      ),
    });
    const structureIds = [...new Set(names.membershipStructures.values())].filter(
      (id): id is string => id !== null,
    );
    const structures = structureIds.length ? await this.structures.byIds(structureIds) : [];
    const structureNames = new Map(structures.map((structure) => [structure.id, structure.name]));
    const { ability } = scope;
    return {
      ...page,
      nodes: page.nodes.map((row) => {
        const readable = ability.can(
          'read',
          subject('TimelineEvent', { sensitive: row.sensitive }),
        );
        return {
          id: row.id,
          type: row.type,
          occurredAt: new Date(row.occurred_at),
          actor: actorOf(row, names, structureNames),
          actingMembershipId: row.actor_membership_id,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          sensitive: row.sensitive,
          redacted: !readable,
          before: readable ? row.before : null,
          after: readable ? row.after : null,
          cursor: encodeCursor([row.position, row.id]),
        };
      }),
    };
  }
}
