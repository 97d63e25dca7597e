import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The names of the fields selected directly under the field being resolved (or under `path` below
 * it), through fragment spreads and inline fragments whatever their type condition, and whether or
 * not a @skip or @include would drop them: a superset, so a check against it errs on the side of
 * loading more.
 */
export function selectedFieldNames(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[] = []): Set<string> {
  let selectionSets = info.fieldNodes.map((node) => node.selectionSet);
  for (const name of path) {
    selectionSets = selectionSets.flatMap((selectionSet) =>
      fieldsOf(info, selectionSet)
        .filter((field) => field.name.value === name)
        .map((field) => field.selectionSet),
    );
  }
  return new Set(selectionSets.flatMap((selectionSet) => fieldsOf(info, selectionSet).map((field) => field.name.value)));
}

/** The fields of a selection set, through fragment spreads and inline fragments. */
function fieldsOf(info: Pick<GraphQLResolveInfo, 'fragments'>, selectionSet: SelectionSetNode | undefined): FieldNode[] {
  const fields: FieldNode[] = [];
  const spread = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        fields.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return fields;
}

/**
 * Whether every field selected under the field being resolved (or under `path` below it, e.g.
 * ['edges', 'node'] for a connection's nodes) is one of `fields`.
 */
export function selectsOnly(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, fields: ReadonlySet<string>, path: readonly string[] = []): boolean {
  for (const name of selectedFieldNames(info, path)) if (!fields.has(name)) return false;
  return true;
}
