import type { DocsCatalog, DocsManifest, DocsRunResults, ManifestMacro, ManifestNode, RunResultEntry } from './artifact-types.js';
import type { DocsData, DocsIndexNode, DocsNodeDetail, DocsShard } from './docs-data.js';
import { asRecord, buildMacroDetail, buildNodeDetail } from './build-node-detail.js';
import { renderMarkdown } from './render-markdown.js';

/** Inputs of {@link buildDocsData}: the manifest is required, the rest enrich the pages. */
export interface DocsArtifacts {
  readonly manifest: DocsManifest;
  readonly catalog?: DocsCatalog;
  readonly runResults?: DocsRunResults;
}

/**
 * How many nodes' page data go in one detail file. Small enough that opening a page loads
 * a few hundred KB at most, large enough that a 10k-model site has ~40 files, not 10,000.
 */
export const DOCS_SHARD_SIZE = 250;

/** Sidebar and search order of resource types; unknown types sort after these. */
const TYPE_ORDER = ['model', 'source', 'seed', 'snapshot', 'analysis', 'test', 'unit_test', 'exposure', 'metric', 'macro'];

type Entry =
  | { readonly kind: 'node'; readonly node: ManifestNode }
  | { readonly kind: 'macro'; readonly macro: ManifestMacro };

/**
 * Turns dbt-format artifacts into the docs site's data: a compact index (edges as indexes,
 * a precomputed lowercase search string) and per-node page data in shards.
 * Pure: the same artifacts always give the same data (no clock, no file system).
 */
export function buildDocsData({ manifest, catalog, runResults }: DocsArtifacts): DocsData {
  const entries = sortedEntries(manifest);
  const indexById = new Map(entries.map((entry, index) => [entryId(entry), index]));
  const runsById = new Map<string, RunResultEntry>((runResults?.results ?? []).map((result) => [result.unique_id, result]));
  const testsByNode = groupTestsByNode(manifest);
  const parentMap = manifest.parent_map ?? deriveParentMap(manifest);
  const childMap = manifest.child_map ?? invert(parentMap);
  const toIndexes = (ids: readonly string[] | undefined): number[] =>
    (ids ?? []).flatMap((id) => {
      const index = indexById.get(id);
      return index === undefined ? [] : [index];
    });

  const nodes: DocsIndexNode[] = [];
  const shards: Record<string, DocsNodeDetail>[] = [];
  entries.forEach((entry, index) => {
    const shard = Math.floor(index / DOCS_SHARD_SIZE);
    shards[shard] ??= {};
    if (entry.kind === 'macro') {
      nodes.push(macroIndexNode(entry.macro, shard));
      shards[shard][entry.macro.unique_id] = buildMacroDetail(entry.macro);
      return;
    }
    const node = entry.node;
    const run = runsById.get(node.unique_id);
    nodes.push({
      ...baseIndexNode(node, shard),
      parents: toIndexes(parentMap[node.unique_id]),
      children: toIndexes(childMap[node.unique_id]),
      status: run?.status,
    });
    shards[shard][node.unique_id] = buildNodeDetail(node, {
      catalogTable: catalog?.nodes?.[node.unique_id] ?? catalog?.sources?.[node.unique_id],
      run,
      tests: testsByNode.get(node.unique_id) ?? [],
      runsById,
    });
  });

  const projectName = manifest.metadata?.project_name ?? '';
  return {
    index: {
      project: {
        name: projectName,
        generatedAt: manifest.metadata?.generated_at ?? '',
        adapterType: manifest.metadata?.adapter_type ?? '',
        overviewHtml: renderMarkdown(overviewMarkdown(manifest, projectName)),
      },
      shardCount: shards.length,
      nodes,
    },
    shards: shards as readonly DocsShard[],
  };
}

function sortedEntries(manifest: DocsManifest): Entry[] {
  const entries: Entry[] = [
    ...Object.values(manifest.nodes).map((node): Entry => ({ kind: 'node', node })),
    ...Object.values(manifest.sources ?? {}).map((node): Entry => ({ kind: 'node', node })),
    ...Object.values(manifest.macros ?? {}).map((macro): Entry => ({ kind: 'macro', macro })),
  ];
  const typeRank = (entry: Entry): number => {
    const rank = TYPE_ORDER.indexOf(entry.kind === 'macro' ? 'macro' : entry.node.resource_type);
    return rank === -1 ? TYPE_ORDER.length : rank;
  };
  const sortKey = (entry: Entry): string =>
    entry.kind === 'macro' ? `${entry.macro.original_file_path ?? ''}/${entry.macro.name}` : `${entry.node.original_file_path ?? ''}/${entry.node.name}`;
  return entries
    .map((entry) => ({ entry, rank: typeRank(entry), key: sortKey(entry) }))
    .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ entry }) => entry);
}

function entryId(entry: Entry): string {
  return entry.kind === 'macro' ? entry.macro.unique_id : entry.node.unique_id;
}

function baseIndexNode(node: ManifestNode, shard: number): Omit<DocsIndexNode, 'parents' | 'children'> {
  const materialized = asRecord(node.config)['materialized'];
  const columnNames = Object.entries(node.columns ?? {}).map(([key, column]) => column.name ?? key);
  return {
    id: node.unique_id,
    name: node.name,
    type: node.resource_type,
    path: (node.original_file_path ?? '').replaceAll('\\', '/'),
    package: node.package_name ?? '',
    tags: node.tags ?? [],
    materialized: typeof materialized === 'string' ? materialized : undefined,
    sourceName: node.source_name,
    fqn: (node.fqn ?? [node.name]).join('.'),
    search: searchText(node.name, columnNames, node.description),
    shard,
  };
}

function macroIndexNode(macro: ManifestMacro, shard: number): DocsIndexNode {
  return {
    id: macro.unique_id,
    name: macro.name,
    type: 'macro',
    path: (macro.original_file_path ?? '').replaceAll('\\', '/'),
    package: macro.package_name ?? '',
    tags: [],
    fqn: `${macro.package_name ?? ''}.${macro.name}`,
    parents: [],
    children: [],
    search: searchText(macro.name, [], macro.description),
    shard,
  };
}

/**
 * Name first so a substring hit at a low offset means a name hit; descriptions are cut so
 * one essay-length description cannot bloat the index that every visitor downloads.
 */
function searchText(name: string, columnNames: readonly string[], description: string | undefined): string {
  return `${name} ${columnNames.join(' ')} ${(description ?? '').slice(0, 500)}`.toLowerCase().replace(/\s+/g, ' ').trim();
}

function groupTestsByNode(manifest: DocsManifest): Map<string, ManifestNode[]> {
  const byNode = new Map<string, ManifestNode[]>();
  for (const node of Object.values(manifest.nodes)) {
    if (node.resource_type !== 'test') continue;
    // attached_node is set for generic tests; singular tests only have depends_on.
    const targets = node.attached_node ? [node.attached_node] : (node.depends_on?.nodes ?? []);
    for (const target of targets) {
      const list = byNode.get(target) ?? [];
      list.push(node);
      byNode.set(target, list);
    }
  }
  return byNode;
}

function deriveParentMap(manifest: DocsManifest): Record<string, readonly string[]> {
  const parents: Record<string, readonly string[]> = {};
  for (const node of Object.values(manifest.nodes)) parents[node.unique_id] = node.depends_on?.nodes ?? [];
  for (const source of Object.values(manifest.sources ?? {})) parents[source.unique_id] = [];
  return parents;
}

function invert(parentMap: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const children: Record<string, string[]> = {};
  for (const id of Object.keys(parentMap)) children[id] ??= [];
  for (const [child, parents] of Object.entries(parentMap)) {
    for (const parent of parents) (children[parent] ??= []).push(child);
  }
  return children;
}

/** dbt's convention: a `{% docs __overview__ %}` block in the root project replaces the home text. */
function overviewMarkdown(manifest: DocsManifest, projectName: string): string {
  const docs = manifest.docs ?? {};
  const block = docs[`doc.${projectName}.__overview__`] ?? Object.values(docs).find((doc) => doc.name === '__overview__');
  return block?.block_contents ?? '';
}
