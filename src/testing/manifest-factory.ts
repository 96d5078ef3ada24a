/**
 * Builds small Manifests in TypeScript for unit tests, without parsing files:
 *
 * ```ts
 * const manifest = manifestOf(
 *   source('raw', 'orders'),
 *   model('stg_orders', { sources: [['raw', 'orders']], path: 'models/staging/stg_orders.sql' }),
 *   model('fct_orders', { refs: ['stg_orders'], config: { materialized: 'table' } }),
 *   test('not_null_stg_orders_id', { refs: ['stg_orders'], generic: 'not_null', columnName: 'id' }),
 * );
 * ```
 *
 * `refs` and `sources` are resolved to `dependsOn.nodes` by `manifestOf`, by name, among every
 * node given; a ref to an unknown name becomes `model.<project>.<name>` (a dangling edge).
 */
import { createHash } from 'node:crypto';
import { defaultNodeConfig, type NodeConfig } from '../config/node-config.js';
import type {
  AnalysisNode,
  ColumnDef,
  Manifest,
  MacroDefinition,
  ManifestNode,
  ModelNode,
  SeedNode,
  SnapshotNode,
  SourceDefinition,
  TestNode,
  UnitTestNode,
} from '../parse/manifest.js';

/** The project name every factory uses unless told otherwise. */
export const TEST_PROJECT = 'shop';

export interface NodeOptions {
  readonly refs?: readonly string[];
  readonly sources?: readonly (readonly [string, string])[];
  /** Ids added to `dependsOn.nodes` as they are (after the resolved refs and sources). */
  readonly dependsOn?: readonly string[];
  /** Macro unique ids the node calls. */
  readonly macros?: readonly string[];
  readonly tags?: readonly string[];
  /** Path from the project root; defaults to `<resource folder>/<name>.sql`. */
  readonly path?: string;
  /** Merged over the resource type's default config. */
  readonly config?: Partial<NodeConfig> & Readonly<Record<string, unknown>>;
  readonly packageName?: string;
  readonly rawCode?: string;
  /** Defaults to sha256 of `rawCode`. */
  readonly checksum?: string;
  readonly columns?: readonly (string | (Partial<ColumnDef> & { readonly name: string }))[];
  readonly description?: string;
}

export interface TestOptions extends NodeOptions {
  /** Generic test name (`not_null`, `unique`, ...); without it the test is singular. */
  readonly generic?: string;
  readonly namespace?: string;
  readonly columnName?: string;
  readonly kwargs?: Readonly<Record<string, unknown>>;
  /** Unique id of the node the test is attached to; defaults to the first resolved parent. */
  readonly attachedNode?: string;
}

export interface UnitTestOptions extends NodeOptions {
  /** Name of the model under test (added to `refs`). */
  readonly model: string;
}

export interface SourceOptions {
  readonly tags?: readonly string[];
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Path of the property YAML; defaults to `models/sources.yml`. */
  readonly path?: string;
  readonly packageName?: string;
  readonly loadedAtField?: string;
  readonly freshness?: SourceDefinition['freshness'];
  readonly config?: Readonly<Record<string, unknown>>;
}

export interface ManifestOptions {
  readonly projectName?: string;
  readonly projectRoot?: string;
}

/** A model `model.<project>.<name>`, by default a view at `models/<name>.sql`. */
export function model(name: string, options: NodeOptions = {}): ModelNode {
  return { ...baseNode('model', name, 'models', 'view', options), resourceType: 'model' };
}

/** A seed `seed.<project>.<name>` at `seeds/<name>.csv`. */
export function seed(name: string, options: NodeOptions = {}): SeedNode {
  const base = baseNode('seed', name, 'seeds', 'seed', { path: `seeds/${name}.csv`, ...options });
  return { ...base, resourceType: 'seed', absolutePath: `/project/${base.originalFilePath}` };
}

/** A snapshot `snapshot.<project>.<name>` at `snapshots/<name>.sql`. */
export function snapshot(name: string, options: NodeOptions = {}): SnapshotNode {
  return { ...baseNode('snapshot', name, 'snapshots', 'snapshot', options), resourceType: 'snapshot' };
}

/** An analysis `analysis.<project>.<name>` at `analyses/<name>.sql`. */
export function analysis(name: string, options: NodeOptions = {}): AnalysisNode {
  return { ...baseNode('analysis', name, 'analyses', 'view', options), resourceType: 'analysis' };
}

/**
 * A data test `test.<project>.<name>`: generic (declared in `models/schema.yml`) when
 * `generic` is given, singular (`tests/<name>.sql`) otherwise.
 */
export function test(name: string, options: TestOptions = {}): TestNode {
  const generic = options.generic;
  const defaults = generic !== undefined ? { path: 'models/schema.yml' } : { path: `tests/${name}.sql` };
  const base = baseNode('test', name, 'tests', 'test', { ...defaults, ...options });
  return {
    ...base,
    resourceType: 'test',
    ...(generic !== undefined
      ? {
          testMetadata: {
            name: generic,
            kwargs: { ...(options.columnName !== undefined ? { column_name: options.columnName } : {}), ...options.kwargs },
            ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
          },
        }
      : {}),
    ...(options.attachedNode !== undefined ? { attachedNode: options.attachedNode } : {}),
    ...(options.columnName !== undefined ? { columnName: options.columnName } : {}),
  };
}

/** A unit test `unit_test.<project>.<model>.<name>` of `options.model`. */
export function unitTest(name: string, options: UnitTestOptions): UnitTestNode {
  const base = baseNode('unit_test', name, 'models', 'unit', {
    path: 'models/unit_tests.yml',
    ...options,
    refs: [options.model, ...(options.refs ?? [])],
  });
  return {
    ...base,
    uniqueId: `unit_test.${base.packageName}.${options.model}.${name}`,
    resourceType: 'unit_test',
    model: options.model,
    given: [],
    expect: { rows: [] },
  };
}

/** A source table `source.<project>.<sourceName>.<tableName>`. */
export function source(sourceName: string, tableName: string, options: SourceOptions = {}): SourceDefinition {
  const packageName = options.packageName ?? TEST_PROJECT;
  return {
    uniqueId: `source.${packageName}.${sourceName}.${tableName}`,
    resourceType: 'source',
    packageName,
    sourceName,
    name: tableName,
    originalFilePath: options.path ?? 'models/sources.yml',
    fqn: [packageName, sourceName, tableName],
    description: '',
    sourceDescription: '',
    columns: {},
    relation: { database: 'db', schema: sourceName, identifier: tableName },
    ...(options.loadedAtField !== undefined ? { loadedAtField: options.loadedAtField } : {}),
    ...(options.freshness !== undefined ? { freshness: options.freshness } : {}),
    tags: options.tags ?? [],
    meta: options.meta ?? {},
    config: { enabled: true, ...options.config },
  };
}

/** A macro `macro.<package>.<name>` whose body is `sql`. */
export function macro(name: string, sql = `{% macro ${name}() %}{% endmacro %}`, packageName = TEST_PROJECT): MacroDefinition {
  return {
    uniqueId: `macro.${packageName}.${name}`,
    name,
    packageName,
    originalFilePath: `macros/${name}.sql`,
    line: 1,
    macroSql: sql,
    description: '',
    arguments: [],
  };
}

type ManifestItem = ManifestNode | SourceDefinition | MacroDefinition | ManifestOptions;

/**
 * A Manifest of the given nodes, sources and macros (and optionally a `{ projectName }`),
 * with refs and sources resolved into `dependsOn.nodes`. Disabled nodes go to `disabled`.
 */
export function manifestOf(...items: readonly ManifestItem[]): Manifest {
  const options = items.find(isManifestOptions) ?? {};
  const nodes = items.filter(isNode);
  const sources = items.filter(isSource);
  const macros = items.filter(isMacro);
  const byName = new Map<string, string>();
  for (const node of nodes) if (!byName.has(node.name) && node.resourceType !== 'test' && node.resourceType !== 'unit_test') byName.set(node.name, node.uniqueId);
  const projectName = options.projectName ?? TEST_PROJECT;

  const enabled: Record<string, ManifestNode> = {};
  const disabled: Record<string, ManifestNode> = {};
  for (const node of nodes) {
    const refIds = node.refs.map((ref) => byName.get(ref.name) ?? `model.${ref.package ?? projectName}.${ref.name}`);
    const sourceIds = node.sources.map(([sourceName, table]) => {
      const found = sources.find((candidate) => candidate.sourceName === sourceName && candidate.name === table);
      return found?.uniqueId ?? `source.${projectName}.${sourceName}.${table}`;
    });
    const dependsOnNodes = [...new Set([...refIds, ...sourceIds, ...node.dependsOn.nodes])];
    const resolved = withDependsOn(node, dependsOnNodes);
    (node.config.enabled === false ? disabled : enabled)[node.uniqueId] = resolved;
  }
  return {
    projectName,
    projectRoot: options.projectRoot ?? '/project',
    nodes: enabled,
    sources: Object.fromEntries(sources.map((item) => [item.uniqueId, item])),
    macros: Object.fromEntries(macros.map((item) => [item.uniqueId, item])),
    docs: {},
    disabled,
  };
}

function withDependsOn(node: ManifestNode, dependsOnNodes: readonly string[]): ManifestNode {
  const dependsOn = { nodes: dependsOnNodes, macros: node.dependsOn.macros };
  if (node.resourceType === 'test' && node.attachedNode === undefined && dependsOnNodes.length > 0) {
    return { ...node, dependsOn, attachedNode: dependsOnNodes[0] };
  }
  return { ...node, dependsOn };
}

function baseNode(
  resourceType: ManifestNode['resourceType'],
  name: string,
  folder: string,
  materialized: string,
  options: NodeOptions,
): Omit<ModelNode, 'resourceType'> {
  const packageName = options.packageName ?? TEST_PROJECT;
  const originalFilePath = options.path ?? `${folder}/${name}.sql`;
  const path = originalFilePath.includes('/') ? originalFilePath.slice(originalFilePath.indexOf('/') + 1) : originalFilePath;
  const rawCode = options.rawCode ?? defaultRawCode(options);
  const config: NodeConfig = {
    ...defaultNodeConfig(materialized),
    ...options.config,
    tags: [...(options.config?.tags ?? []), ...(options.tags ?? [])],
  };
  const folders = path.split('/').slice(0, -1);
  return {
    uniqueId: `${resourceType}.${packageName}.${name}`,
    name,
    packageName,
    originalFilePath,
    path,
    fqn: [packageName, ...folders, name],
    rawCode,
    config,
    description: options.description ?? '',
    columns: Object.fromEntries((options.columns ?? []).map((column) => {
      const spec = typeof column === 'string' ? { name: column } : column;
      return [spec.name, { description: '', meta: {}, tags: [], ...spec }];
    })),
    refs: (options.refs ?? []).map((ref) => ({ name: ref })),
    sources: options.sources ?? [],
    dependsOn: { nodes: options.dependsOn ?? [], macros: options.macros ?? [] },
    checksum: options.checksum ?? createHash('sha256').update(rawCode).digest('hex'),
    relation: { database: 'db', schema: 'main', identifier: name },
  };
}

function defaultRawCode(options: NodeOptions): string {
  const from = [
    ...(options.refs ?? []).map((ref) => `{{ ref('${ref}') }}`),
    ...(options.sources ?? []).map(([sourceName, table]) => `{{ source('${sourceName}', '${table}') }}`),
  ];
  return from.length === 0 ? 'select 1 as id' : `select * from ${from.join(' cross join ')}`;
}

function isNode(item: ManifestItem): item is ManifestNode {
  return 'resourceType' in item && item.resourceType !== 'source';
}

function isSource(item: ManifestItem): item is SourceDefinition {
  return 'resourceType' in item && item.resourceType === 'source';
}

function isMacro(item: ManifestItem): item is MacroDefinition {
  return 'macroSql' in item;
}

function isManifestOptions(item: ManifestItem): item is ManifestOptions {
  return !('uniqueId' in item);
}
