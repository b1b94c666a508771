import {
  type FieldNode,
  getDirectiveValues,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/** Whether @skip and @include let the node through. */
export function included(
  node: FieldNode | { directives?: FieldNode['directives'] },
  info: GraphQLResolveInfo,
): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return skip?.if !== true && include?.if !== false;
}

/** The fields of `set`, through fragments, as @skip and @include leave them. */
export function fieldsOf(
  set: SelectionSetNode,
  info: GraphQLResolveInfo,
  into: FieldNode[] = [],
): FieldNode[] {
  for (const selection of set.selections) {
    if (!included(selection, info)) continue;
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldsOf(selection.selectionSet, info, into);
    else {
      const fragment = info.fragments[selection.name.value];
      if (fragment) fieldsOf(fragment.selectionSet, info, into);
    }
  }
  return into;
}

/**
 * The names of the fields selected under the resolved field, following `path` (field names,
 * every alias of each): `selectedNames(info)` is the field's own selection,
 * `selectedNames(info, ['edges', 'node'])` a connection's nodes'. `nodes`: another field's
 * nodes than the resolved one's (a field below it, as the file's prefetch reads its parts).
 */
export function selectedNames(
  info: GraphQLResolveInfo,
  path: readonly string[] = [],
  nodes: readonly FieldNode[] = info.fieldNodes,
): ReadonlySet<string> {
  let level: FieldNode[] = [...nodes];
  for (const name of path) {
    level = level.flatMap((node) =>
      node.selectionSet
        ? fieldsOf(node.selectionSet, info).filter((field) => field.name.value === name)
        : [],
    );
  }
  return new Set(
    level.flatMap((node) =>
      node.selectionSet ? fieldsOf(node.selectionSet, info).map((field) => field.name.value) : [],
    ),
  );
}
