/**
 * dbt's hierarchical folder config from `project.yml`:
 *
 * ```yaml
 * models:
 *   +persist_docs: {relation: true}   # every package
 *   shop:                             # the project
 *     +materialized: view
 *     marts:                          # models/marts/**
 *       materialized: table           # known config names work without `+`
 *       +tags: [nightly]
 * ```
 *
 * Keys with `+` are configs; keys without `+` are configs when they are known config
 * names, otherwise folder names. Levels apply from the top down, so deeper folders win
 * (tags and hooks accumulate, see `merge-config.ts`).
 */
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { KeyPath, YamlFile } from '../load/load-yaml.js';
import { formatKeyPath } from '../load/load-yaml.js';
import { errorsOf } from '../load/collect-errors.js';
import { didYouMean } from './closest-match.js';
import { mergeConfig, normalizeConfigKey, normalizeHooks, normalizeTags } from './merge-config.js';
import type { ProjectConfig } from './project-config.js';

export type FolderResourceKey = 'models' | 'seeds' | 'snapshots' | 'tests' | 'sources' | 'unit_tests';

/**
 * Config names dbt (core, dbt-snowflake, dbt-duckdb) documents for models, seeds,
 * snapshots, tests, sources and unit tests, in their stored spelling.
 */
export const KNOWN_CONFIG_KEYS: ReadonlySet<string> = new Set([
  // general
  'enabled', 'materialized', 'schema', 'database', 'alias', 'tags', 'meta', 'docs', 'group', 'access',
  'pre-hook', 'post-hook', 'persist_docs', 'full_refresh', 'grants', 'contract', 'sql_header',
  'on_configuration_change', 'packages', 'event_time', 'quoting', 'column_types', 'deprecation_date',
  // incremental and microbatch
  'unique_key', 'incremental_strategy', 'on_schema_change', 'incremental_predicates', 'merge_update_columns',
  'merge_exclude_columns', 'batch_size', 'begin', 'lookback', 'concurrent_batches',
  // snapshots
  'strategy', 'updated_at', 'check_cols', 'target_schema', 'target_database', 'hard_deletes',
  'invalidate_hard_deletes', 'dbt_valid_to_current', 'snapshot_meta_column_names',
  // seeds
  'quote_columns', 'delimiter',
  // data tests
  'severity', 'store_failures', 'store_failures_as', 'warn_if', 'error_if', 'limit', 'where', 'fail_calc',
  // sources
  'freshness', 'loaded_at_field', 'loaded_at_query',
  // unit tests
  'static_analysis',
  // Snowflake
  'cluster_by', 'automatic_clustering', 'transient', 'copy_grants', 'secure', 'query_tag', 'snowflake_warehouse',
  'target_lag', 'refresh_mode', 'initialize', 'tmp_relation_type', 'table_format', 'external_volume',
  'base_location_root', 'base_location_subpath', 'row_access_policy', 'table_tag', 'catalog_name',
  // DuckDB
  'location', 'format', 'options', 'partition_by', 'glue_register', 'glue_database', 'plugin', 'file_format',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Whether a key at a folder level is a config (rather than a folder name). */
export function isConfigKey(key: string): boolean {
  return key.startsWith('+') || KNOWN_CONFIG_KEYS.has(normalizeConfigKey(key));
}

function treeFor(project: ProjectConfig, resourceKey: FolderResourceKey): Readonly<Record<string, unknown>> {
  const trees: Record<FolderResourceKey, Readonly<Record<string, unknown>>> = {
    models: project.models,
    seeds: project.seeds,
    snapshots: project.snapshots,
    tests: project.tests,
    sources: project.sources,
    unit_tests: project.unitTests,
  };
  return trees[resourceKey];
}

/** The configs written directly at one level (nested folders excluded). */
function configsAt(level: Readonly<Record<string, unknown>>, where: string): Record<string, unknown> {
  const configs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(level)) {
    if (!isConfigKey(key)) continue;
    const name = normalizeConfigKey(key);
    if (!KNOWN_CONFIG_KEYS.has(name)) {
      throw new TsdbtError({
        kind: 'config',
        message: `${where}: unknown config \`${key}\``,
        hint: didYouMean(key, [...KNOWN_CONFIG_KEYS].map((known) => `+${known}`)),
      });
    }
    configs[key] = value;
  }
  return configs;
}

/**
 * The folder config that applies to a node, merged from the top level down.
 *
 * @param fqn `[projectName, ...folders, nodeName]` (sources: `[projectName, sourceName, tableName]`)
 * @example resolveFolderConfig(project, 'models', ['shop', 'marts', 'fact_orders'])
 *   // { materialized: 'table', tags: ['nightly'] }
 */
export function resolveFolderConfig(
  project: ProjectConfig,
  resourceKey: FolderResourceKey,
  fqn: readonly string[],
): Record<string, unknown> {
  let level = treeFor(project, resourceKey);
  let config = mergeConfig({}, configsAt(level, resourceKey));
  const walked: string[] = [resourceKey];
  for (const part of fqn) {
    const child = level[part];
    if (!isRecord(child) || isConfigKey(part)) break;
    level = child;
    walked.push(part);
    config = mergeConfig(config, configsAt(level, walked.join('.')));
  }
  return config;
}

/**
 * Checks a whole folder-config tree once, at load time, so unknown `+keys` and bad values
 * are reported with their place in the project file.
 */
export function validateFolderConfigTree(
  tree: Readonly<Record<string, unknown>>,
  resourceKey: FolderResourceKey,
  yaml: YamlFile,
  pathPrefix: KeyPath,
): TsdbtError[] {
  const errors: TsdbtError[] = [];
  const candidates = [...KNOWN_CONFIG_KEYS].map((known) => `+${known}`);
  const place = (path: KeyPath) => ({ file: yaml.file, ...yaml.nearestPositionOf(path) });
  const walk = (level: Readonly<Record<string, unknown>>, path: KeyPath): void => {
    for (const [key, value] of Object.entries(level)) {
      const keyPath = [...path, key];
      if (isConfigKey(key)) {
        const name = normalizeConfigKey(key);
        if (!KNOWN_CONFIG_KEYS.has(name)) {
          errors.push(
            new TsdbtError({
              kind: 'config',
              message: `${formatKeyPath(path)}: unknown config \`${key}\``,
              hint: didYouMean(key, candidates) ?? `see the ${resourceKey} configs dbt documents`,
              ...place(keyPath),
            }),
          );
          continue;
        }
        errors.push(...valueErrors(name, value, formatKeyPath(keyPath)).map((e) => e.withDefaults(place(keyPath))));
      } else if (isRecord(value)) {
        walk(value, keyPath);
      } else if (value !== null) {
        errors.push(
          new TsdbtError({
            kind: 'config',
            message: `${formatKeyPath(keyPath)}: \`${key}\` is neither a known config nor a folder (folder entries must be mappings)`,
            hint: didYouMean(`+${key}`, candidates) ?? 'prefix configs with `+`, e.g. `+materialized: table`',
            ...place(keyPath),
          }),
        );
      }
    }
  };
  walk(tree, pathPrefix);
  return errors;
}

function valueErrors(name: string, value: unknown, where: string): TsdbtError[] {
  try {
    if (name === 'tags') normalizeTags(value);
    if (name === 'pre-hook' || name === 'post-hook') normalizeHooks(value);
    // A string may be Jinja (`"{{ target.name == 'prod' }}"`), rendered later by the parse stage.
    if (name === 'enabled' && typeof value !== 'boolean' && typeof value !== 'string') {
      throw new TsdbtError({ kind: 'config', message: `enabled must be true or false, got ${JSON.stringify(value)}` });
    }
    return [];
  } catch (thrown) {
    const errors = errorsOf(thrown);
    if (errors === undefined) throw thrown;
    return errors.map(
      (error) => new TsdbtError({ kind: error.kind, message: `${where}: ${error.message}`, hint: error.hint }),
    );
  }
}
