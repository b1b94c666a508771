import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { TimelineNames } from '@relais/read-models';
import { selectedNames } from '../graphql/selection.js';

/**
 * Which names of its entries a `timeline` field asks for (`subjectName`, `references` of its
 * nodes): the statement looks up only those. `nodes`: the timeline field's nodes when the
 * resolved field is another (the file's prefetch, resolving `person`).
 */
export function timelineNamesAsked(
  info: GraphQLResolveInfo,
  nodes: readonly FieldNode[] = info.fieldNodes,
): TimelineNames {
  const asked = selectedNames(info, ['edges', 'node'], nodes);
  return { subjectName: asked.has('subjectName'), references: asked.has('references') };
}
