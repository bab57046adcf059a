import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the operation asks, below the field being resolved, for the fields along `path` (e.g.
 * `edges.node.controllers.party`), through fragments too. A hint for prefetching only: @skip and
 * @include are not evaluated, so it may answer true for a field that will not be resolved.
 */
export function selects(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const [depth, name] of path.entries()) {
    const found = fieldsNamed(info, sets, name);
    if (found.count === 0) return false;
    if (depth === path.length - 1) return true;
    sets = found.sets;
  }
  return sets.length > 0;
}

function fieldsNamed(
  info: GraphQLResolveInfo,
  sets: readonly SelectionSetNode[],
  name: string,
): { count: number; sets: SelectionSetNode[] } {
  const out = { count: 0, sets: [] as SelectionSetNode[] };
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== name) continue;
        out.count++;
        if (selection.selectionSet) out.sets.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return out;
}
