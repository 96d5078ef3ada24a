/**
 * `manifest.json` (dbt manifest v12) from the in-memory Manifest, so tools built for dbt
 * artifacts (docs sites, lineage tools, `state:modified` in another run) can read it.
 */
import type { Manifest, ManifestNode, RelationName } from '../parse/manifest.js';
import { artifactMetadata } from './artifact-metadata.js';
import { defaultRenderRelation, docJson, macroJson, nodeJson, sourceJson, type NodeJsonContext } from './manifest-node-json.js';

/** Inputs besides the Manifest. Clock and invocation id are injected so output is byte-stable in tests. */
export interface ManifestJsonMeta {
  readonly invocationId: string;
  readonly generatedAt: Date;
  /** `duckdb` | `snowflake`. */
  readonly adapterType: string;
  /** tsdbt's version. */
  readonly version: string;
  /** Compiled SQL per node unique id, after `compile`/`run`. */
  readonly compiled?: ReadonlyMap<string, { readonly compiledCode: string; readonly compiledPath: string }>;
  /** The adapter's relation renderer; defaults to `"db"."schema"."identifier"`. */
  readonly renderRelation?: (relation: RelationName) => string;
}

export const MANIFEST_SCHEMA_PATH = 'manifest/v12.json';

/**
 * Builds the manifest v12 object. Unit tests go to `unit_tests` (as in dbt), every other
 * node to `nodes`; `parent_map`/`child_map` cover nodes, unit tests and sources, with every
 * id present and values sorted.
 */
export function buildManifestJson(manifest: Manifest, meta: ManifestJsonMeta): object {
  const createdAt = meta.generatedAt.getTime() / 1000;
  const renderRelation = meta.renderRelation ?? defaultRenderRelation;
  const contextFor = (uniqueId: string): NodeJsonContext => ({
    createdAt,
    renderRelation,
    compiled: meta.compiled?.get(uniqueId),
  });

  const nodes: Record<string, unknown> = {};
  const unitTests: Record<string, unknown> = {};
  for (const node of sortedValues(manifest.nodes)) {
    const target = node.resourceType === 'unit_test' ? unitTests : nodes;
    target[node.uniqueId] = nodeJson(node, contextFor(node.uniqueId));
  }
  const sources = mapValues(manifest.sources, (source) => sourceJson(source, contextFor(source.uniqueId)));
  const macros = mapValues(manifest.macros, (macro) => macroJson(macro, createdAt));
  const docs = mapValues(manifest.docs, (doc) => docJson(doc, manifest.projectName));
  const disabled = mapValues(manifest.disabled, (node) => [nodeJson(node, contextFor(node.uniqueId))]);
  const { parentMap, childMap } = lineageMaps(manifest);

  return {
    metadata: {
      ...artifactMetadata(MANIFEST_SCHEMA_PATH, meta),
      project_name: manifest.projectName,
      project_id: null,
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: meta.adapterType,
    },
    nodes,
    sources,
    macros,
    docs,
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled,
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: unitTests,
  };
}

/** id -> parents and id -> children over nodes and sources; ids sorted, values sorted and unique. */
function lineageMaps(manifest: Manifest): { parentMap: Record<string, string[]>; childMap: Record<string, string[]> } {
  const ids = [...Object.keys(manifest.nodes), ...Object.keys(manifest.sources)].sort();
  const parents = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  const children = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  for (const node of Object.values(manifest.nodes)) {
    for (const parent of node.dependsOn.nodes) {
      parents.get(node.uniqueId)?.add(parent);
      // A parent outside nodes and sources (a disabled node) has no entry of its own to extend.
      children.get(parent)?.add(node.uniqueId);
    }
  }
  const toRecord = (map: Map<string, Set<string>>): Record<string, string[]> =>
    Object.fromEntries([...map.keys()].sort().map((id) => [id, [...(map.get(id) ?? [])].sort()]));
  return { parentMap: toRecord(parents), childMap: toRecord(children) };
}

function sortedValues(nodes: Readonly<Record<string, ManifestNode>>): ManifestNode[] {
  return Object.keys(nodes)
    .sort()
    .map((id) => nodes[id]);
}

/** Maps a record's values, keys in sorted order so the file is stable across runs. */
function mapValues<T, R>(record: Readonly<Record<string, T>>, map: (value: T) => R): Record<string, R> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, map(record[key])]),
  );
}
