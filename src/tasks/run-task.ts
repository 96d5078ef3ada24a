/**
 * `tsdbt run | build | test | seed | snapshot`: prepare, select, open the adapter, walk the
 * DAG, write artifacts. Returns the exit code (0 only if everything selected succeeded).
 */
import type { ResourceType } from '../parse/manifest.js';
import { selectNodesDetailed } from '../graph/select-nodes.js';
import { createAdapter } from '../adapters/create-adapter.js';
import { runDag } from '../execute/run-dag.js';
import type { EventSink } from '../execute/events.js';
import { prepareInvocation, type InvocationOptions } from './prepare-invocation.js';
import { writeRunArtifacts } from './write-run-artifacts.js';
import { countResources } from './count-resources.js';
import { TSDBT_VERSION } from './version.js';
import { loadPreviousState, type StateOptions } from './load-previous-state.js';

export type RunCommand = 'run' | 'build' | 'test' | 'seed' | 'snapshot';

const RESOURCE_TYPES: Record<RunCommand, readonly ResourceType[]> = {
  run: ['model'],
  build: ['model', 'seed', 'snapshot', 'test', 'unit_test'],
  test: ['test', 'unit_test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
};

export interface RunTaskOptions extends InvocationOptions, StateOptions {
  readonly command: RunCommand;
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly fullRefresh?: boolean;
  readonly failFast?: boolean;
  readonly indirectSelection?: 'eager' | 'cautious' | 'buildable' | 'empty';
  readonly eventTimeStart?: Date;
  readonly eventTimeEnd?: Date;
  readonly junitXml?: string;
  readonly sink: EventSink;
  readonly signal?: AbortSignal;
  /** Extra resource types (e.g. `--resource-type`) to keep. */
  readonly resourceTypes?: readonly ResourceType[];
}

export interface RunTaskResult {
  readonly exitCode: number;
  readonly results: readonly import('../execute/events.js').NodeResult[];
}

export async function runTask(options: RunTaskOptions): Promise<RunTaskResult> {
  const now = options.now ?? (() => new Date());
  const prepared = await prepareInvocation({ ...options, onNotice: (message) => options.sink({ type: 'Notice', message, at: now() }) });
  const state = await loadPreviousState(options, prepared);
  const selection = selectNodesDetailed(prepared.manifest, prepared.dag, {
    select: options.select,
    exclude: options.exclude,
    resourceTypes: options.resourceTypes ?? RESOURCE_TYPES[options.command],
    indirectSelection: options.indirectSelection,
    state: state?.previous,
  });
  options.sink({ type: 'RunStarted', command: options.command, version: TSDBT_VERSION, counts: countResources(prepared.manifest), at: now() });
  for (const term of selection.unmatched) {
    const hint = term.suggestions.length ? ` Did you mean ${term.suggestions.map((name) => `'${name}'`).join(' or ')}?` : '';
    options.sink({ type: 'Notice', message: `The selection criterion '${term.term}' does not match any enabled nodes.${hint}`, at: now() });
  }
  if (selection.uniqueIds.length === 0) {
    options.sink({ type: 'Notice', message: 'Nothing to do. Try checking your model configs and model specification args', at: now() });
    await writeRunArtifacts(prepared, { results: [], nodes: new Map(), elapsedSeconds: 0 }, { which: options.command }, options.junitXml, now());
    return { exitCode: 0, results: [] };
  }
  options.sink({ type: 'Notice', message: `Concurrency: ${prepared.threads} threads (target='${prepared.profile.targetName}')`, at: now() });
  const adapter = await createAdapter(prepared.profile.target);
  try {
    const run = await runDag({
      command: options.command,
      manifest: prepared.manifest,
      dag: prepared.dag,
      selected: selection.uniqueIds,
      compiler: prepared.compiler,
      adapter,
      targetDir: prepared.targetDir,
      threads: prepared.threads,
      fullRefresh: options.fullRefresh ?? false,
      failFast: options.failFast ?? false,
      testsGateChildren: options.command === 'build',
      onRunStart: options.command === 'test' ? [] : prepared.raw.config.onRunStart,
      onRunEnd: options.command === 'test' ? [] : prepared.raw.config.onRunEnd,
      sink: options.sink,
      now,
      deferRelation: state?.deferRelation,
      eventTimeStart: options.eventTimeStart,
      eventTimeEnd: options.eventTimeEnd,
      signal: options.signal,
    });
    await writeRunArtifacts(
      prepared,
      run,
      { which: options.command, select: options.select ?? [], exclude: options.exclude ?? [], target: prepared.profile.targetName, full_refresh: options.fullRefresh ?? false },
      options.junitXml,
      now(),
    );
    return { exitCode: run.success ? 0 : 1, results: run.results };
  } finally {
    await adapter.close();
  }
}
