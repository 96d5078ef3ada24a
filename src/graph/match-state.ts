/**
 * The selector methods that compare with a previous run: `state:`, `result:` and
 * `source_status:`.
 */
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { SourceDefinition } from '../parse/manifest.js';
import type { ResultStatus, SelectorCriterion, SourceStatus, StateSelector } from './selector-ast.js';
import { enabledNodes, enabledSources, type SelectionContext } from './selection-context.js';
import {
  macroChecksums,
  nodeFingerprint,
  sourceFingerprint,
  type NodeFingerprint,
  type PreviousState,
} from './state.js';

type StateCriterion = Extract<SelectorCriterion, { method: 'state' | 'result' | 'source_status' }>;

/**
 * The ids a `state:`, `result:` or `source_status:` criterion matches.
 *
 * @throws TsdbtError kind `selection` when the comparison data is missing.
 */
export function matchStateCriterion(criterion: StateCriterion, context: SelectionContext): Set<string> {
  switch (criterion.method) {
    case 'state':
      return matchState(criterion.state, context);
    case 'result':
      return matchResult(criterion.status, context);
    case 'source_status':
      return matchSourceStatus(criterion.status, context);
  }
}

function matchState(selector: StateSelector, context: SelectionContext): Set<string> {
  const state = context.state;
  if (state === undefined) {
    throw new TsdbtError({
      kind: 'selection',
      message: `The selector 'state:${selector}' requires --state: there is no previous run to compare with`,
      hint: 'Pass --state <dir> pointing at the target/ folder of a previous run (its manifest.json).',
    });
  }
  const current = context.currentMacroChecksums ?? macroChecksums(context.manifest);
  const matched = new Set<string>();
  const consider = (id: string, now: NodeFingerprint, before: NodeFingerprint | undefined): void => {
    if (stateMatches(selector, now, before, state, current)) matched.add(id);
  };
  for (const node of enabledNodes(context.manifest)) consider(node.uniqueId, nodeFingerprint(node), state.nodes[node.uniqueId]);
  if (state.sources !== undefined) {
    const sources = state.sources;
    for (const source of enabledSources(context.manifest)) consider(source.uniqueId, sourceFingerprint(source), sources[source.uniqueId]);
  }
  return matched;
}

function stateMatches(
  selector: StateSelector,
  now: NodeFingerprint,
  before: NodeFingerprint | undefined,
  state: PreviousState,
  currentMacros: Readonly<Record<string, string>>,
): boolean {
  if (selector === 'new') return before === undefined;
  if (selector === 'old') return before !== undefined;
  if (before === undefined) return selector === 'modified';
  const body = now.checksum !== before.checksum;
  const configs = now.configHash !== before.configHash;
  const contract = now.contractHash !== before.contractHash;
  const macros = macrosChanged(now, before, state, currentMacros);
  switch (selector) {
    case 'modified.body':
      return body;
    case 'modified.configs':
      return configs;
    case 'modified.contract':
      return contract;
    case 'modified.macros':
      return macros;
    case 'modified':
      return body || configs || contract || macros;
    case 'unmodified':
      return !(body || configs || contract || macros);
  }
}

/** A node's macros changed when it calls a different set, or any called macro's body changed. */
function macrosChanged(
  now: NodeFingerprint,
  before: NodeFingerprint,
  state: PreviousState,
  currentMacros: Readonly<Record<string, string>>,
): boolean {
  if (now.macros.length !== before.macros.length || now.macros.some((id, i) => id !== before.macros[i])) return true;
  return now.macros.some((id) => currentMacros[id] !== state.macroChecksums[id]);
}

function matchResult(status: ResultStatus, context: SelectionContext): Set<string> {
  const results = context.state?.results;
  if (results === undefined) {
    throw new TsdbtError({
      kind: 'selection',
      message: `The selector 'result:${status}' requires --state with the results of a previous run`,
      hint: 'Pass --state <dir> pointing at a target/ folder that contains run_results.json.',
    });
  }
  const matched = new Set<string>();
  for (const node of enabledNodes(context.manifest)) {
    const previous = results[node.uniqueId];
    // Database-level failures are recorded as "runtime error"; dbt's result:error covers them.
    if (previous === status || (status === 'error' && previous === 'runtime error')) matched.add(node.uniqueId);
  }
  return matched;
}

function matchSourceStatus(status: SourceStatus, context: SelectionContext): Set<string> {
  const previous = context.state?.sourceFreshness;
  if (previous === undefined) {
    throw new TsdbtError({
      kind: 'selection',
      message: `The selector 'source_status:${status}' requires --state with the source freshness of a previous run`,
      hint: 'Pass --state <dir> pointing at a target/ folder that contains sources.json.',
    });
  }
  const current = context.currentSourceFreshness;
  if ((status === 'fresher' || status === 'stale') && current === undefined) {
    throw new TsdbtError({
      kind: 'selection',
      message: `The selector 'source_status:${status}' needs the current source freshness to compare with`,
      hint: "Run 'tsdbt source freshness' first so target/sources.json holds this run's freshness.",
    });
  }
  const matched = new Set<string>();
  for (const source of enabledSources(context.manifest)) {
    if (sourceStatusMatches(status, source, previous, current ?? {})) matched.add(source.uniqueId);
  }
  return matched;
}

function sourceStatusMatches(
  status: SourceStatus,
  source: SourceDefinition,
  previous: NonNullable<PreviousState['sourceFreshness']>,
  current: NonNullable<SelectionContext['currentSourceFreshness']>,
): boolean {
  const before = previous[source.uniqueId];
  if (status !== 'fresher' && status !== 'stale') return before?.status === status;
  const now = current[source.uniqueId];
  if (now === undefined) return false;
  // As dbt: a source that failed to measure last time is neither fresher nor stale.
  if (before !== undefined && before.status === 'runtime error') return false;
  const fresher = before === undefined || compareTimestamps(now.maxLoadedAt, before.maxLoadedAt) > 0;
  return status === 'fresher' ? fresher : !fresher;
}

function compareTimestamps(a: string, b: string): number {
  const left = Date.parse(a);
  const right = Date.parse(b);
  if (Number.isNaN(left) || Number.isNaN(right)) return a < b ? -1 : a > b ? 1 : 0;
  return left - right;
}
