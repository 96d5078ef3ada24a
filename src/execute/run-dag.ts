/**
 * The runner: walks the selected nodes in dependency order on `threads` sessions.
 * A failed node marks its selected descendants `skipped` and the rest of the DAG goes on;
 * `failFast` stops scheduling after the first failure. In `build`, a model's children also
 * wait for the model's tests, so a failing error-severity test keeps bad data from flowing down.
 */
import type { Adapter, Session } from '../adapters/adapter.js';
import type { ProjectCompiler } from '../compile/project-compiler.js';
import { NodeCompiler } from '../compile/compile-node.js';
import type { Dag } from '../graph/dag.js';
import type { Manifest, ManifestNode, RelationName, ResourceType } from '../parse/manifest.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { EventSink, NodeDescription, NodeResult } from './events.js';
import { RelationCache } from './relation-cache.js';
import type { NodeOutcome, NodeRunner, RunnerContext } from './runner-context.js';
import { runModelNode } from './run-model-node.js';
import { runTestNode } from './run-test-node.js';
import { runSeedNode } from './run-seed-node.js';
import { runUnitTestNode } from './run-unit-test-node.js';
import { describeNode } from './describe-node.js';
import { runHooks } from './run-hooks.js';
import { hookScopeOf, resultsForHooks } from './hook-scope.js';
import { withSessionSettings } from './session-settings.js';

const runners: Record<ResourceType, NodeRunner> = {
  model: runModelNode,
  snapshot: runModelNode,
  analysis: runModelNode,
  seed: runSeedNode,
  test: runTestNode,
  unit_test: runUnitTestNode,
};

export interface RunDagOptions {
  readonly command: string;
  readonly manifest: Manifest;
  readonly dag: Dag;
  readonly selected: readonly string[];
  readonly compiler: ProjectCompiler;
  readonly adapter: Adapter;
  readonly targetDir: string;
  readonly threads: number;
  readonly fullRefresh: boolean;
  readonly failFast: boolean;
  /** `build`: children of a model wait for its tests. */
  readonly testsGateChildren: boolean;
  readonly onRunStart?: readonly string[];
  readonly onRunEnd?: readonly string[];
  readonly sink: EventSink;
  readonly now?: () => Date;
  /** Where refs to unselected models point (`--defer`); default: their own relation. */
  readonly deferRelation?: (node: ManifestNode) => RelationName | undefined;
  readonly eventTimeStart?: Date;
  readonly eventTimeEnd?: Date;
  /** Cancelled runs stop scheduling and interrupt running statements. */
  readonly signal?: AbortSignal;
}

export interface RunDagResult {
  readonly results: readonly NodeResult[];
  readonly nodes: ReadonlyMap<string, NodeDescription>;
  readonly elapsedSeconds: number;
  readonly success: boolean;
}

/** Every node `id` depends on, directly or not. */
function ancestorsOf(dag: Dag, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(dag.parents.get(id) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(dag.parents.get(next) ?? []));
  }
  return seen;
}

function isFailure(result: NodeResult): boolean {
  return result.status === 'error' || result.status === 'fail' || result.status === 'runtime error';
}

export async function runDag(options: RunDagOptions): Promise<RunDagResult> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const { manifest, dag, compiler, adapter } = options;
  const selectedSet = new Set(options.selected);
  const relations = new RelationCache(compiler.dialect);
  const fullRefresh = options.fullRefresh;
  const nodeCompiler = new NodeCompiler({
    compiler,
    manifest,
    fullRefresh,
    relationFor: (node) => (selectedSet.has(node.uniqueId) ? undefined : options.deferRelation?.(node)) ?? node.relation,
    isIncremental: (node) => {
      const shouldFullRefresh = node.config.full_refresh === true || node.config.full_refresh === false ? node.config.full_refresh : fullRefresh;
      return relations.get(node.relation)?.type === 'table' && !shouldFullRefresh;
    },
  });
  // The sessions no node is using; filled once they are open, drained and refilled by the scheduler.
  const idle: { sessions: Session[]; wake: () => void } = { sessions: [], wake: () => undefined };
  const context: RunnerContext = {
    manifest, dag, compiler, nodeCompiler, adapter, relations, targetDir: options.targetDir, fullRefresh, now,
    eventTimeStart: options.eventTimeStart, eventTimeEnd: options.eventTimeEnd,
    signal: options.signal,
    borrowIdleSessions: (max) => {
      const taken = idle.sessions.splice(0, Math.max(0, max));
      return {
        sessions: taken,
        giveBack: () => {
          idle.sessions.push(...taken);
          idle.wake();
        },
      };
    },
  };

  const nodes = options.selected.map((id) => manifest.nodes[id]).filter((node): node is ManifestNode => node !== undefined);
  const visible = nodes.filter((node) => !(node.resourceType === 'model' && node.config.materialized === 'ephemeral'));
  const descriptions = new Map<string, NodeDescription>(visible.map((node) => [node.uniqueId, describeNode(node, compiler.dialect)]));

  // Schemas first (one statement each), then what exists in them (one query per schema).
  const schemas = new Map<string, { database: string; schema: string }>();
  for (const node of nodes) {
    if (node.resourceType === 'test' || node.resourceType === 'unit_test' || node.resourceType === 'analysis') continue;
    if (node.config.materialized === 'ephemeral') continue;
    schemas.set(`${node.relation.database}.${node.relation.schema}`, { database: node.relation.database, schema: node.relation.schema });
  }
  for (const entry of schemas.values()) await adapter.createSchema(entry.database, entry.schema);
  await relations.load(adapter, schemas.values());

  // Dependencies among the selected nodes (plus, in build, model → its tests → its children).
  const waitsOn = new Map<string, Set<string>>();
  for (const node of nodes) waitsOn.set(node.uniqueId, new Set((dag.parents.get(node.uniqueId) ?? []).filter((id) => selectedSet.has(id))));
  if (options.testsGateChildren) {
    for (const test of nodes) {
      if (test.resourceType !== 'test') continue;
      const testParents = [...(waitsOn.get(test.uniqueId) ?? [])];
      // A test with one parent cannot depend on that parent's children; a relationships test
      // (two parents) may, possibly through ephemeral models: never gate a node the test needs.
      const needed = testParents.length > 1 ? ancestorsOf(dag, test.uniqueId) : new Set<string>();
      for (const parent of testParents) {
        for (const child of dag.children.get(parent) ?? []) {
          const childNode = manifest.nodes[child];
          if (!selectedSet.has(child) || !childNode || childNode.resourceType === 'test' || childNode.resourceType === 'unit_test') continue;
          if (needed.has(child)) continue;
          waitsOn.get(child)?.add(test.uniqueId);
        }
      }
    }
  }
  if (options.testsGateChildren) {
    // dbt runs a model's unit tests before the model (they read only mocked inputs), so a
    // failing unit test keeps the model from being built. The test waits for the model's parents.
    for (const unitTest of nodes) {
      if (unitTest.resourceType !== 'unit_test' || !selectedSet.has(unitTest.model)) continue;
      const waits = new Set((dag.parents.get(unitTest.model) ?? []).filter((id) => selectedSet.has(id) && manifest.nodes[id]?.resourceType !== 'unit_test'));
      waitsOn.set(unitTest.uniqueId, waits);
      waitsOn.get(unitTest.model)?.add(unitTest.uniqueId);
    }
  }
  const dependents = new Map<string, string[]>();
  for (const [id, parents] of waitsOn) for (const parent of parents) dependents.set(parent, [...(dependents.get(parent) ?? []), id]);

  const results = new Map<string, NodeResult>();
  const order = new Map(options.selected.map((id, index) => [id, index]));
  const ready: string[] = [...waitsOn].filter(([, parents]) => parents.size === 0).map(([id]) => id);
  const remaining = new Map([...waitsOn].map(([id, parents]) => [id, parents.size]));
  let startedCount = 0;
  let stopped = false;

  const sessions: (Session & { release(): Promise<void> })[] = [];
  const threads = Math.max(1, options.threads);
  for (let i = 0; i < threads; i++) sessions.push(await adapter.openSession());
  const cancelAll = () => {
    stopped = true;
    options.sink({ type: 'Notice', message: 'Cancelling: aborting the running queries and skipping the nodes not started yet.', at: now() });
    for (const session of sessions) void session.cancel();
  };
  options.signal?.addEventListener('abort', cancelAll, { once: true });
  // Cancelled while the project loaded or the sessions opened: start nothing.
  if (options.signal?.aborted) cancelAll();

  const hookSession = sessions[0];
  const hookScope = hookScopeOf(nodeCompiler, manifest);
  const hookResults = stopped ? [] : await runHooks('on-run-start', options.onRunStart ?? [], hookSession, compiler, options.sink, now, hookScope);
  if (hookResults.some((hook) => hook.status === 'error')) stopped = true;

  const finish = (id: string, result: NodeResult): void => {
    results.set(id, result);
    const description = descriptions.get(id);
    if (description && result.status !== 'skipped') {
      options.sink({ type: 'NodeFinished', node: description, index: startedIndex.get(id) ?? 0, total: visible.length, result, at: now() });
    }
    if (isFailure(result)) {
      if (options.failFast) stopped = true;
      skipDescendants(id);
    }
    for (const dependent of dependents.get(id) ?? []) {
      const left = (remaining.get(dependent) ?? 1) - 1;
      remaining.set(dependent, left);
      if (left === 0 && !results.has(dependent)) ready.push(dependent);
    }
  };
  const startedIndex = new Map<string, number>();
  const skip = (id: string, because: string): void => {
    if (results.has(id)) return;
    const at = now();
    const result: NodeResult = { uniqueId: id, status: 'skipped', executionTime: 0, message: 'SKIP', startedAt: at, completedAt: at, skippedBecauseOf: because };
    results.set(id, result);
    const description = descriptions.get(id);
    if (description) {
      startedCount++;
      options.sink({ type: 'NodeFinished', node: description, index: startedCount, total: visible.length, result, at });
    }
  };
  function skipDescendants(id: string): void {
    const stack = [...(dependents.get(id) ?? [])];
    while (stack.length) {
      const next = stack.pop()!;
      if (results.has(next)) continue;
      skip(next, id);
      stack.push(...(dependents.get(next) ?? []));
    }
  }

  const runOne = async (id: string, session: Session): Promise<void> => {
    const node = manifest.nodes[id];
    const description = descriptions.get(id);
    const startedAt = now();
    if (description) {
      startedCount++;
      startedIndex.set(id, startedCount);
      options.sink({ type: 'NodeStarted', node: description, index: startedCount, total: visible.length, at: startedAt });
    }
    let outcome: NodeOutcome;
    try {
      outcome = node.resourceType === 'model' && node.config.materialized === 'ephemeral'
        ? { status: 'success', message: 'EPHEMERAL' }
        : await withSessionSettings(session, node.config, () => runners[node.resourceType](node, session, context), options.signal);
    } catch (error) {
      const tsdbtError = error instanceof TsdbtError
        ? error.withDefaults({ nodeId: id, file: node.originalFilePath })
        : new TsdbtError({ kind: 'internal', message: error instanceof Error ? error.message : String(error), nodeId: id, file: node.originalFilePath, cause: error });
      outcome = { status: 'error', message: tsdbtError.message, error: tsdbtError, compiledPath: tsdbtError.compiledPath };
    }
    const completedAt = now();
    finish(id, { ...outcome, uniqueId: id, startedAt, completedAt, executionTime: (completedAt.getTime() - startedAt.getTime()) / 1000 });
  };

  await new Promise<void>((resolve) => {
    let running = 0;
    idle.sessions = [...sessions];
    const pump = (): void => {
      if (stopped) {
        for (const id of options.selected) if (!results.has(id) && !startedIndex.has(id)) skip(id, 'stopped');
        ready.length = 0;
      }
      ready.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
      while (ready.length && idle.sessions.length) {
        const id = ready.shift()!;
        if (results.has(id)) continue;
        const session = idle.sessions.pop()!;
        running++;
        void runOne(id, session).finally(() => {
          running--;
          idle.sessions.push(session);
          pump();
        });
      }
      if (running === 0 && ready.length === 0) resolve();
    };
    idle.wake = pump;
    pump();
  });

  // Defensive: a node the scheduler never reached is an error, never a silent success.
  for (const id of options.selected) {
    if (results.has(id)) continue;
    const at = now();
    const error = new TsdbtError({ kind: 'internal', message: 'This node was never scheduled: its dependencies did not finish', nodeId: id, file: manifest.nodes[id]?.originalFilePath });
    finish(id, { uniqueId: id, status: 'error', message: error.message, error, executionTime: 0, startedAt: at, completedAt: at });
  }

  // A cancelled run does not start more work, hooks included.
  const endHooks = options.signal?.aborted
    ? []
    : await runHooks('on-run-end', options.onRunEnd ?? [], hookSession, compiler, options.sink, now, {
        ...hookScope,
        results: resultsForHooks(options.selected, results, manifest),
        schemas: [...new Set(nodes.map((node) => node.relation.schema))],
      });
  options.signal?.removeEventListener('abort', cancelAll);
  for (const session of sessions) await session.release();

  const ordered = options.selected.map((id) => results.get(id)).filter((result): result is NodeResult => result !== undefined);
  const visibleResults = ordered.filter((result) => descriptions.has(result.uniqueId));
  const elapsedSeconds = (now().getTime() - started.getTime()) / 1000;
  options.sink({ type: 'RunFinished', command: options.command, results: visibleResults, nodes: descriptions, elapsedSeconds, at: now() });
  const success = !stopped && [...hookResults, ...endHooks].every((hook) => hook.status === 'success') && !ordered.some(isFailure) && !ordered.some((r) => r.status === 'skipped' && r.skippedBecauseOf === 'stopped');
  return { results: visibleResults, nodes: descriptions, elapsedSeconds, success: success && !ordered.some((r) => r.status === 'skipped') };
}
