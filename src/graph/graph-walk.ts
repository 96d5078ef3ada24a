/**
 * Breadth-first walks over the Dag for the graph operators (`+x`, `x+`, `N+x`, `x+N`, `@x`).
 */
import type { Dag } from './dag.js';
import type { GraphDepth } from './selector-ast.js';

/** Ids reachable from `start` through `parents` edges within `depth` steps (start excluded). */
export function ancestorsOf(dag: Dag, start: Iterable<string>, depth: GraphDepth = 'all'): Set<string> {
  return walk(dag.parents, start, depth);
}

/** Ids reachable from `start` through `children` edges within `depth` steps (start excluded). */
export function descendantsOf(dag: Dag, start: Iterable<string>, depth: GraphDepth = 'all'): Set<string> {
  return walk(dag.children, start, depth);
}

/** dbt's `@x`: x, all its descendants, and every ancestor of any of them. */
export function childrensParentsOf(dag: Dag, start: Iterable<string>): Set<string> {
  const withChildren = new Set(start);
  for (const id of descendantsOf(dag, withChildren)) withChildren.add(id);
  const result = new Set(withChildren);
  for (const id of ancestorsOf(dag, withChildren)) result.add(id);
  return result;
}

function walk(
  edges: ReadonlyMap<string, readonly string[]>,
  start: Iterable<string>,
  depth: GraphDepth,
): Set<string> {
  const startSet = new Set(start);
  const reached = new Set<string>();
  let frontier = [...startSet];
  const maxSteps = depth === 'all' ? Number.POSITIVE_INFINITY : depth;
  // Start vertices count as visited so cycles back to them cannot loop, but they are only part
  // of the result when reached from another start vertex.
  const visited = new Set(startSet);
  for (let step = 0; step < maxSteps && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const neighbour of edges.get(id) ?? []) {
        if (startSet.has(neighbour)) reached.add(neighbour);
        if (visited.has(neighbour)) continue;
        visited.add(neighbour);
        reached.add(neighbour);
        next.push(neighbour);
      }
    }
    frontier = next;
  }
  return reached;
}
