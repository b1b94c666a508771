import { Injectable } from '@nestjs/common';
import {
  type FieldNode,
  getArgumentValues,
  getNamedType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { FileScope } from '@relais/access';
import type { TimelineKind } from '@relais/events';
import { AppointmentService, NoteService, ObstacleService, PlanService } from '@relais/pathways';
import { OpenHandoverReadModel, TeamReadModel, TimelineReadModel } from '@relais/read-models';
import { fieldsOf } from '../graphql/selection.js';
import { timelineNamesAsked } from './timeline-names.js';

type Args = Readonly<Record<string, unknown>>;

/**
 * What a part field's resolver calls for the file's scope, the field's arguments and what the
 * field selects (`asked.nodes`: every node of its response key, as GraphQL merges them for the
 * resolver, for `selectedNames`' `nodes`).
 */
type PartRead = (scope: FileScope, args: Args, asked: Asked) => unknown;

interface Asked {
  readonly info: GraphQLResolveInfo;
  readonly nodes: readonly FieldNode[];
}

/**
 * Which parts of a file a `person` query asks for, so that they are read with the file's facts
 * and person in one statement (decision 0025). For each part field asked, the call its resolver
 * makes (PersonFileResolver, PlanFileResolver, NoteFileResolver) is made for the scope
 * `FileAccessService.openScope` gives while it records: the parts reader records the part's SQL
 * instead of reading it. GraphQL then calls the resolvers for the decided scope, and a part finds
 * its rows only when asked with the very same SQL and parameters (else it is read as before).
 * Only calls that go straight to the file's parts reader are here: a call that read anything
 * before would read it for a caller not yet allowed.
 */
@Injectable()
export class PersonFilePrefetch {
  private readonly reads: ReadonlyMap<string, PartRead>;

  constructor(
    teams: TeamReadModel,
    openHandovers: OpenHandoverReadModel,
    obstacles: ObstacleService,
    plans: PlanService,
    appointments: AppointmentService,
    notes: NoteService,
    timelines: TimelineReadModel,
  ) {
    this.reads = new Map<string, PartRead>([
      ['team', (scope, args) => teams.team(scope, args.includeFormer === true)],
      ['openHandover', (scope) => openHandovers.openHandover(scope)],
      ['obstacles', (scope) => obstacles.obstacles(scope)],
      ['contracts', (scope) => plans.contracts(scope)],
      ['goals', (scope) => plans.goals(scope)],
      ['actions', (scope) => plans.actions(scope)],
      [
        'appointments',
        (scope, args) => appointments.appointments(scope, args.upcomingOnly === true),
      ],
      ['notes', (scope) => notes.notes(scope)],
      [
        'timeline',
        // The first page only: a later page's cursor reaches SQL, whose refusal would fail the
        // whole file instead of its timeline.
        (scope, args, { info, nodes }) =>
          args.after
            ? undefined
            : timelines.timeline(
                scope,
                args.first as number,
                null,
                (args.kinds as TimelineKind[] | null | undefined) ?? [],
                timelineNamesAsked(info, nodes),
              ),
      ],
    ]);
  }

  /** What asks, for a scope, the parts the query's selection of the person names. */
  asksOf(info: GraphQLResolveInfo): (scope: FileScope) => void {
    const definitions = (getNamedType(info.returnType) as GraphQLObjectType).getFields();
    const fields: FieldNode[] = [];
    for (const node of info.fieldNodes) {
      if (node.selectionSet) fieldsOf(node.selectionSet, info, fields);
    }
    // A field selected twice under one response key is resolved once, its selections merged.
    const byKey = new Map<string, FieldNode[]>();
    for (const field of fields) {
      const key = field.alias?.value ?? field.name.value;
      byKey.set(key, [...(byKey.get(key) ?? []), field]);
    }
    return (scope) => {
      for (const nodes of byKey.values()) {
        const [field] = nodes;
        const read = this.reads.get(field.name.value);
        const definition = definitions[field.name.value];
        if (!read || !definition) continue;
        try {
          // Arguments GraphQL will refuse may fail here too: that part is then not read ahead.
          const asked = read(scope, getArgumentValues(definition, field, info.variableValues), {
            info,
            nodes,
          });
          if (asked instanceof Promise) asked.catch(() => undefined);
        } catch {
          // As above.
        }
      }
    };
  }
}
