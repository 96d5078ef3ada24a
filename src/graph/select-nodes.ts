/**
 * The select stage: `--select`, `--exclude`, `--resource-type` and `--indirect-selection`
 * applied to a manifest's graph, with dbt's semantics.
 */
import type { Manifest, ResourceType } from '../parse/manifest.js';
import { closestNames } from './closest-names.js';
import type { Dag } from './dag.js';
import { ancestorsOf, childrensParentsOf, descendantsOf } from './graph-walk.js';
import {
  expandSelection,
  incorporateIndirect,
  type IndirectSelection,
  type SelectionBundle,
} from './indirect-selection.js';
import { matchCriterion } from './match-criterion.js';
import { parseSelectors } from './parse-selector.js';
import type { SelectorExpression, SelectorTerm } from './selector-ast.js';
import type { CurrentSourceFreshness, SelectionContext } from './selection-context.js';
import type { PreviousState } from './state.js';

export interface SelectNodesOptions {
  /** `--select` values; each may hold several space-separated terms. Empty or absent: everything. */
  readonly select?: readonly string[];
  /** `--exclude` values, applied after indirect selection (always eagerly, as dbt does). */
  readonly exclude?: readonly string[];
  /** Keep only these resource types in the result (`tsdbt run` → models); empty or absent keeps all. */
  readonly resourceTypes?: readonly ResourceType[];
  /** How tests follow the nodes they test; `eager` by default. */
  readonly indirectSelection?: IndirectSelection;
  /** The previous run, for `state:`, `result:` and `source_status:`. */
  readonly state?: PreviousState;
  /** Macro checksums now; computed from the manifest when absent. */
  readonly currentMacroChecksums?: Readonly<Record<string, string>>;
  /** This invocation's source freshness, for `source_status:fresher|stale`. */
  readonly currentSourceFreshness?: Readonly<Record<string, CurrentSourceFreshness>>;
  /** Keep selected sources too (`tsdbt source freshness`); nodes only by default. */
  readonly includeSources?: boolean;
}

/** A `--select` term that matched nothing, for a warning such as dbt's "does not match any enabled nodes". */
export interface UnmatchedTerm {
  readonly term: string;
  /** Node names close to what was written ("did you mean ...?"). */
  readonly suggestions: readonly string[];
}

/** The selected node ids in topological order, plus the terms that matched nothing. */
export interface Selection {
  readonly uniqueIds: readonly string[];
  readonly unmatched: readonly UnmatchedTerm[];
}

/**
 * Selects nodes (never sources) and returns their unique ids in the Dag's topological order.
 *
 * @example selectNodes(manifest, dag, { select: ['+fct_orders'], resourceTypes: ['model'] })
 * @throws TsdbtError kind `selection` for unparseable selectors or a `state:` without a state.
 */
export function selectNodes(manifest: Manifest, dag: Dag, options: SelectNodesOptions = {}): string[] {
  return [...selectNodesDetailed(manifest, dag, options).uniqueIds];
}

/** As `selectNodes`, and also reports `--select` terms that matched nothing. */
export function selectNodesDetailed(manifest: Manifest, dag: Dag, options: SelectNodesOptions = {}): Selection {
  const mode = options.indirectSelection ?? 'eager';
  const includeExpression = options.select !== undefined && options.select.length > 0 ? parseSelectors(options.select) : undefined;
  const excludeExpression = options.exclude !== undefined && options.exclude.length > 0 ? parseSelectors(options.exclude) : undefined;
  const context: SelectionContext = {
    manifest,
    dag,
    ...(options.state !== undefined ? { state: options.state } : {}),
    ...(options.currentMacroChecksums !== undefined ? { currentMacroChecksums: options.currentMacroChecksums } : {}),
    ...(options.currentSourceFreshness !== undefined ? { currentSourceFreshness: options.currentSourceFreshness } : {}),
  };

  const unmatched: UnmatchedTerm[] = [];
  const included: SelectionBundle =
    includeExpression === undefined
      ? { direct: new Set(dag.order), indirect: new Set() }
      : evaluate(includeExpression, context, mode, unmatched);
  // dbt always expands exclusions eagerly: excluding a model drops every test touching it.
  const excluded = excludeExpression === undefined ? undefined : evaluate(excludeExpression, context, 'eager', []);
  const removed = excluded === undefined ? new Set<string>() : union([excluded.direct, excluded.indirect]);
  const direct = difference(included.direct, removed);
  const indirect = difference(union([included.direct, included.indirect]), removed);
  const selected = incorporateIndirect(manifest, dag, direct, indirect, mode);

  const types = options.resourceTypes !== undefined && options.resourceTypes.length > 0 ? new Set<string>(options.resourceTypes) : undefined;
  const uniqueIds = dag.order.filter((id) => {
    const source = options.includeSources === true ? manifest.sources[id] : undefined;
    if (source !== undefined) return selected.has(id) && source.config.enabled !== false;
    const node = manifest.nodes[id];
    return selected.has(id) && node !== undefined && node.config.enabled !== false && (types === undefined || types.has(node.resourceType));
  });
  return { uniqueIds, unmatched };
}

/**
 * Evaluates an expression the way dbt does: each term expands its own tests, then unions and
 * intersections combine the sure selections and the candidate tests separately, and candidates
 * are re-checked against the combined result.
 */
function evaluate(
  expression: SelectorExpression,
  context: SelectionContext,
  mode: IndirectSelection,
  unmatched: UnmatchedTerm[],
): SelectionBundle {
  if (expression.kind === 'term') return evaluateTerm(expression, context, mode, unmatched);
  const bundles = expression.members.map((member) => evaluate(member, context, mode, unmatched));
  const combine = expression.kind === 'union' ? union : intersection;
  const initialDirect = combine(bundles.map((bundle) => bundle.direct));
  const indirect = combine(bundles.map((bundle) => union([bundle.direct, bundle.indirect])));
  const direct = incorporateIndirect(context.manifest, context.dag, initialDirect, indirect, mode);
  return { direct, indirect };
}

function evaluateTerm(
  term: SelectorTerm,
  context: SelectionContext,
  mode: IndirectSelection,
  unmatched: UnmatchedTerm[],
): SelectionBundle {
  const { dag, manifest } = context;
  const collected = matchCriterion(term.criterion, context);
  if (collected.size === 0) unmatched.push({ term: term.raw, suggestions: suggestionsFor(term, context) });
  const selected = new Set(collected);
  if (term.ancestors !== undefined) for (const id of ancestorsOf(dag, collected, term.ancestors)) selected.add(id);
  if (term.descendants !== undefined) for (const id of descendantsOf(dag, collected, term.descendants)) selected.add(id);
  if (term.childrensParents) for (const id of childrensParentsOf(dag, collected)) selected.add(id);
  return expandSelection(manifest, dag, selected, mode);
}

function suggestionsFor(term: SelectorTerm, context: SelectionContext): string[] {
  const { criterion } = term;
  const manifest = context.manifest;
  switch (criterion.method) {
    case 'name':
    case 'fqn':
      return closestNames(criterion.pattern, Object.values(manifest.nodes).map((node) => node.name));
    case 'tag':
      return closestNames(criterion.pattern, Object.values(manifest.nodes).flatMap((node) => node.config.tags));
    case 'source':
      return closestNames(criterion.sourceName, Object.values(manifest.sources).map((source) => source.sourceName));
    default:
      return [];
  }
}

function union(sets: readonly ReadonlySet<string>[]): Set<string> {
  const result = new Set<string>();
  for (const set of sets) for (const id of set) result.add(id);
  return result;
}

function intersection(sets: readonly ReadonlySet<string>[]): Set<string> {
  if (sets.length === 0) return new Set();
  const [first, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...first].filter((id) => rest.every((set) => set.has(id))));
}

function difference(from: ReadonlySet<string>, remove: ReadonlySet<string>): Set<string> {
  return new Set([...from].filter((id) => !remove.has(id)));
}
