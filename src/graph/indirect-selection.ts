/**
 * Indirect selection: which data tests and unit tests come along with the nodes a selector
 * picked (dbt's `--indirect-selection`, core/dbt/graph/selector.py `expand_selection` and
 * `incorporate_indirect_nodes`).
 */
import type { Manifest } from '../parse/manifest.js';
import type { Dag } from './dag.js';
import { ancestorsOf } from './graph-walk.js';

/**
 * - `eager`: a test is selected when any node it depends on is selected (dbt's default).
 * - `cautious`: only when every node it depends on is selected.
 * - `buildable`: when every node it depends on is selected or upstream of a selected node.
 * - `empty`: tests are only selected directly.
 */
export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

/**
 * Selected ids split into those selected for sure (`direct`) and tests that are candidates
 * whose other parents may still be selected by another part of the expression (`indirect`).
 */
export interface SelectionBundle {
  readonly direct: ReadonlySet<string>;
  readonly indirect: ReadonlySet<string>;
}

/** True for resources that indirect selection adds: data tests and unit tests. */
export function isIndirectlySelectable(manifest: Manifest, id: string): boolean {
  const node = manifest.nodes[id];
  return node !== undefined && node.config.enabled !== false && (node.resourceType === 'test' || node.resourceType === 'unit_test');
}

/** Adds the tests attached to `selected`, per the mode; undecided tests go to `indirect`. */
export function expandSelection(
  manifest: Manifest,
  dag: Dag,
  selected: ReadonlySet<string>,
  mode: IndirectSelection,
): SelectionBundle {
  const direct = new Set(selected);
  const indirect = new Set<string>();
  if (mode === 'empty') return { direct, indirect };
  const buildable = mode === 'buildable' ? buildableSet(manifest, dag, selected) : undefined;
  for (const id of selected) {
    for (const child of dag.children.get(id) ?? []) {
      if (direct.has(child) || !isIndirectlySelectable(manifest, child)) continue;
      const parents = dag.parents.get(child) ?? [];
      if (mode === 'eager' || parents.every((parent) => selected.has(parent))) direct.add(child);
      else if (buildable !== undefined && parents.every((parent) => buildable.has(parent))) direct.add(child);
      else indirect.add(child);
    }
  }
  return { direct, indirect };
}

/**
 * After set operations, adds each candidate test whose parents are now all selected
 * (cautious) or all selected-or-upstream (buildable). Eager and empty add nothing here.
 */
export function incorporateIndirect(
  manifest: Manifest,
  dag: Dag,
  direct: ReadonlySet<string>,
  indirect: ReadonlySet<string>,
  mode: IndirectSelection,
): Set<string> {
  const selected = new Set(direct);
  if (mode !== 'cautious' && mode !== 'buildable') return selected;
  const allowed = mode === 'buildable' ? buildableSet(manifest, dag, direct) : direct;
  for (const id of indirect) {
    if (selected.has(id) || !isIndirectlySelectable(manifest, id)) continue;
    if ((dag.parents.get(id) ?? []).every((parent) => allowed.has(parent))) selected.add(id);
  }
  return selected;
}

/** Selected ids, their ancestors, and every source (a source is always "built"). */
function buildableSet(manifest: Manifest, dag: Dag, selected: ReadonlySet<string>): Set<string> {
  const result = ancestorsOf(dag, selected);
  for (const id of selected) result.add(id);
  for (const id of Object.keys(manifest.sources)) result.add(id);
  return result;
}
