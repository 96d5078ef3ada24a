/**
 * What `on-run-start` / `on-run-end` hooks can use, as in dbt: `ref()` and `source()` (resolved
 * like in a model), and at the end `results` — one entry per node with its status, timing,
 * message and failures — so a hook can write an audit row of the run.
 */
import type { NodeCompiler } from '../compile/compile-node.js';
import type { Manifest } from '../parse/manifest.js';
import { syntheticModelNode } from '../parse/synthetic-model-node.js';
import type { NodeResult } from './events.js';

export function hookScopeOf(nodeCompiler: NodeCompiler, manifest: Manifest): Readonly<Record<string, unknown>> {
  const hookNode = syntheticModelNode(manifest.projectName, {
    kind: 'operation',
    name: 'hooks',
    rawCode: '',
    originalFilePath: 'project.yml',
    relation: { database: '', schema: '', identifier: 'hooks' },
  });
  const { ref, source } = nodeCompiler.scopeFor(hookNode, new Map());
  return { ref, source };
}

/** dbt's `results` in on-run-end: `result.node.name`, `result.status`, `result.failures`, ... */
export function resultsForHooks(
  selected: readonly string[],
  results: ReadonlyMap<string, NodeResult>,
  manifest: Manifest,
): readonly Record<string, unknown>[] {
  return selected.flatMap((id) => {
    const result = results.get(id);
    const node = manifest.nodes[id];
    if (!result || !node) return [];
    return [{
      node: { unique_id: id, name: node.name, resource_type: node.resourceType, original_file_path: node.originalFilePath },
      status: result.status,
      execution_time: result.executionTime,
      message: result.message,
      failures: result.failures ?? null,
      rows_affected: result.rowsAffected ?? null,
    }];
  });
}
