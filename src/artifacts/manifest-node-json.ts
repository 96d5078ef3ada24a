/**
 * One manifest entry (node, source, macro, doc) in dbt's manifest v12 field layout.
 * Kept apart from `buildManifestJson` so the per-resource field lists are easy to compare
 * with dbt's documented schema.
 */
import type { Hook, NodeConfig } from '../config/node-config.js';
import type {
  ColumnDef,
  DocBlock,
  FreshnessRule,
  FreshnessThreshold,
  MacroDefinition,
  ManifestNode,
  RelationName,
  SourceDefinition,
} from '../parse/manifest.js';
import { redactArgs } from './redact-args.js';

/** What the node builders need besides the node itself. */
export interface NodeJsonContext {
  /** Epoch seconds, as dbt writes `created_at`. */
  readonly createdAt: number;
  readonly renderRelation: (relation: RelationName) => string;
  readonly compiled?: { readonly compiledCode: string; readonly compiledPath: string };
}

type Json = Record<string, unknown>;

/** `"db"."schema"."table"`, used when the caller has no adapter to render relations. */
export function defaultRenderRelation(relation: RelationName): string {
  return [relation.database, relation.schema, relation.identifier]
    .filter((part) => part !== '')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

/** dbt writes hooks as `{sql, transaction, index}`; the index is the hook's position. */
function hooksJson(hooks: readonly Hook[] | undefined): Json[] {
  return (hooks ?? []).map((hook, index) => ({ sql: hook.sql, transaction: hook.transaction, index }));
}

/** Keys dbt's NodeConfig always has, with dbt's defaults; the resolved config overrides them. */
function baseConfigDefaults(config: NodeConfig): Json {
  return {
    enabled: true,
    alias: null,
    schema: null,
    database: null,
    tags: [],
    meta: {},
    group: null,
    materialized: config.materialized,
    incremental_strategy: null,
    batch_size: null,
    lookback: 1,
    begin: null,
    persist_docs: {},
    quoting: {},
    column_types: {},
    full_refresh: null,
    unique_key: null,
    on_schema_change: 'ignore',
    on_configuration_change: 'apply',
    grants: {},
    packages: [],
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    event_time: null,
    concurrent_batches: null,
  };
}

/** Extra defaults dbt's TestConfig adds. */
const TEST_CONFIG_DEFAULTS: Json = {
  schema: 'dbt_test__audit',
  severity: 'ERROR',
  store_failures: null,
  store_failures_as: null,
  where: null,
  limit: null,
  fail_calc: 'count(*)',
  warn_if: '!= 0',
  error_if: '!= 0',
};

/** dbt's NodeConfig field names, hooks as `[{sql, transaction, index}]`, secrets masked. */
export function configJson(node: ManifestNode): Json {
  const { 'pre-hook': preHook, 'post-hook': postHook, ...rest } = node.config;
  const defaults = baseConfigDefaults(node.config);
  const typeDefaults = node.resourceType === 'test' ? TEST_CONFIG_DEFAULTS : {};
  return redactArgs({
    ...defaults,
    ...typeDefaults,
    ...withoutUndefined(rest),
    'pre-hook': hooksJson(preHook),
    'post-hook': hooksJson(postHook),
  });
}

function withoutUndefined(record: Readonly<Record<string, unknown>>): Json {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Columns as dbt's ColumnInfo. */
export function columnsJson(columns: Readonly<Record<string, ColumnDef>>): Json {
  const out: Json = {};
  for (const [key, column] of Object.entries(columns)) {
    out[key] = {
      name: column.name,
      description: column.description,
      meta: column.meta,
      data_type: column.dataType ?? null,
      constraints: [],
      quote: column.quote ?? null,
      tags: column.tags,
      granularity: null,
      doc_blocks: [],
    };
  }
  return out;
}

/** Relations exist only for materialized nodes; tests, analyses and ephemerals have none. */
function hasRelation(node: ManifestNode): boolean {
  if (node.resourceType === 'test' || node.resourceType === 'analysis' || node.resourceType === 'unit_test') return false;
  return node.config.materialized !== 'ephemeral';
}

/** A model, seed, snapshot, test, analysis or unit test as a manifest v12 node. */
export function nodeJson(node: ManifestNode, context: NodeJsonContext): Json {
  const compiled = context.compiled;
  const base: Json = {
    database: node.relation.database,
    schema: node.relation.schema,
    name: node.name,
    resource_type: node.resourceType,
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.originalFilePath,
    unique_id: node.uniqueId,
    fqn: node.fqn,
    alias: node.relation.identifier,
    checksum: { name: 'sha256', checksum: node.checksum },
    config: configJson(node),
    tags: node.config.tags,
    description: node.description,
    columns: columnsJson(node.columns),
    meta: redactArgs(node.config.meta),
    group: null,
    docs: { show: true, node_color: null },
    patch_path: node.patchPath === undefined ? null : `${node.packageName}://${node.patchPath}`,
    build_path: null,
    unrendered_config: {},
    created_at: context.createdAt,
    relation_name: hasRelation(node) ? context.renderRelation(node.relation) : null,
    raw_code: node.rawCode,
    doc_blocks: [],
    language: 'sql',
    refs: node.refs.map((ref) => ({ name: ref.name, package: ref.package ?? null, version: ref.version ?? null })),
    sources: node.sources.map(([source, table]) => [source, table]),
    metrics: [],
    depends_on: { macros: [...node.dependsOn.macros], nodes: [...node.dependsOn.nodes] },
    compiled_path: compiled?.compiledPath ?? null,
    compiled: compiled !== undefined,
    compiled_code: compiled?.compiledCode ?? null,
    extra_ctes_injected: compiled !== undefined,
    extra_ctes: [],
    contract: { enforced: node.config.contract?.enforced ?? false, alias_types: true, checksum: null },
  };
  // Object.assign, not a spread: this runs once per node and spreads were measurably slow.
  return Object.assign(base, resourceSpecificFields(node));
}

function resourceSpecificFields(node: ManifestNode): Json {
  switch (node.resourceType) {
    case 'model':
      return { access: 'protected', constraints: [], version: null, latest_version: null, deprecation_date: null, primary_key: [], time_spine: null };
    case 'seed':
      return { root_path: null, depends_on: { macros: [...node.dependsOn.macros] } };
    case 'test':
      return {
        column_name: node.columnName ?? null,
        file_key_name: null,
        attached_node: node.attachedNode ?? null,
        test_metadata:
          node.testMetadata === undefined
            ? undefined
            : { name: node.testMetadata.name, kwargs: node.testMetadata.kwargs, namespace: node.testMetadata.namespace ?? null },
      };
    case 'unit_test':
      return {
        model: node.model,
        given: node.given.map((given) => ({ input: given.input, rows: given.rows, format: 'dict', fixture: null })),
        expect: { rows: node.expect.rows, format: 'dict', fixture: null },
        versions: null,
        overrides: null,
      };
    case 'snapshot':
    case 'analysis':
      return {};
  }
}

function thresholdJson(threshold: FreshnessThreshold | undefined): Json {
  return { count: threshold?.count ?? null, period: threshold?.period ?? null };
}

/** dbt's FreshnessThreshold: `{warn_after, error_after, filter}`, unset thresholds as nulls. */
export function freshnessJson(rule: FreshnessRule | undefined): Json {
  return { warn_after: thresholdJson(rule?.warnAfter), error_after: thresholdJson(rule?.errorAfter), filter: rule?.filter ?? null };
}

/** A source table as a manifest v12 source. */
export function sourceJson(source: SourceDefinition, context: NodeJsonContext): Json {
  return {
    database: source.relation.database,
    schema: source.relation.schema,
    name: source.name,
    resource_type: 'source',
    package_name: source.packageName,
    path: source.originalFilePath,
    original_file_path: source.originalFilePath,
    unique_id: source.uniqueId,
    fqn: source.fqn,
    source_name: source.sourceName,
    source_description: source.sourceDescription,
    loader: '',
    identifier: source.relation.identifier,
    quoting: { database: null, schema: null, identifier: null, column: null },
    loaded_at_field: source.loadedAtField ?? null,
    loaded_at_query: null,
    freshness: freshnessJson(source.freshness),
    external: null,
    description: source.description,
    columns: columnsJson(source.columns),
    meta: redactArgs(source.meta),
    source_meta: {},
    tags: source.tags,
    config: redactArgs({ event_time: null, ...source.config }),
    patch_path: null,
    unrendered_config: {},
    relation_name: context.renderRelation(source.relation),
    created_at: context.createdAt,
    unrendered_database: null,
    unrendered_schema: null,
    doc_blocks: [],
  };
}

/** A macro as a manifest v12 macro. */
export function macroJson(macro: MacroDefinition, createdAt: number): Json {
  return {
    name: macro.name,
    resource_type: 'macro',
    package_name: macro.packageName,
    path: macro.originalFilePath,
    original_file_path: macro.originalFilePath,
    unique_id: macro.uniqueId,
    macro_sql: macro.macroSql,
    depends_on: { macros: [] },
    description: macro.description,
    meta: {},
    docs: { show: true, node_color: null },
    patch_path: null,
    arguments: macro.arguments.map((name) => ({ name, type: null, description: '' })),
    created_at: createdAt,
    supported_languages: null,
  };
}

/** A `{% docs %}` block as a manifest v12 doc. The package is the second part of `doc.<package>.<name>`. */
export function docJson(doc: DocBlock, fallbackPackage: string): Json {
  const packageName = doc.uniqueId.split('.')[1] ?? fallbackPackage;
  return {
    name: doc.name,
    resource_type: 'doc',
    package_name: packageName,
    path: doc.originalFilePath,
    original_file_path: doc.originalFilePath,
    unique_id: doc.uniqueId,
    block_contents: doc.blockContents,
  };
}
