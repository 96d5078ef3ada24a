/**
 * `tsdbt ls`: the selection, as names, paths or JSON lines (dbt's `--output`).
 */
import type { ResourceType } from '../parse/manifest.js';
import { selectNodes } from '../graph/select-nodes.js';
import { prepareInvocation, type InvocationOptions } from './prepare-invocation.js';
import { loadPreviousState, type StateOptions } from './load-previous-state.js';

export type LsOutput = 'selector' | 'name' | 'path' | 'json';

export interface LsTaskOptions extends InvocationOptions, StateOptions {
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly resourceTypes?: readonly ResourceType[];
  readonly output: LsOutput;
}

export async function lsTask(options: LsTaskOptions): Promise<string[]> {
  const prepared = await prepareInvocation(options);
  const state = await loadPreviousState(options, prepared);
  const selected = selectNodes(prepared.manifest, prepared.dag, {
    select: options.select,
    exclude: options.exclude,
    resourceTypes: options.resourceTypes,
    state: state?.previous,
  });
  return selected.map((id) => {
    const node = prepared.manifest.nodes[id];
    switch (options.output) {
      case 'name':
        return node.name;
      case 'path':
        return node.originalFilePath;
      case 'json':
        return JSON.stringify({
          name: node.name,
          resource_type: node.resourceType,
          package_name: node.packageName,
          original_file_path: node.originalFilePath,
          unique_id: node.uniqueId,
          alias: node.relation.identifier,
          config: { materialized: node.config.materialized, schema: node.config.schema ?? null, tags: node.config.tags },
          tags: node.config.tags,
          depends_on: node.dependsOn,
        });
      default:
        return node.fqn.join('.');
    }
  });
}
