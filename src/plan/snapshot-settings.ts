/**
 * A snapshot's configuration, read and checked once: which columns identify a record, how a
 * change is detected, what happens to deleted records and what the meta columns are called.
 * The planner and the snapshot macros read this instead of raw `config` keys, so a typo is
 * reported once with a hint instead of surfacing as broken SQL.
 */
import type { ManifestNode } from '../parse/manifest.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

export type SnapshotStrategy = 'timestamp' | 'check';
export type HardDeletes = 'ignore' | 'invalidate' | 'new_record';

/** The meta columns, after `snapshot_meta_column_names` renames. */
export interface SnapshotMetaColumns {
  readonly dbt_scd_id: string;
  readonly dbt_updated_at: string;
  readonly dbt_valid_from: string;
  readonly dbt_valid_to: string;
  readonly dbt_is_deleted: string;
}

export interface SnapshotSettings {
  /** SQL expressions (usually column names) that identify a record. */
  readonly uniqueKey: readonly string[];
  readonly strategy: SnapshotStrategy;
  /** Timestamp strategy: the source column that says when a record last changed. */
  readonly updatedAt?: string;
  /** Check strategy: the columns compared, or `all` (every source column). */
  readonly checkCols: readonly string[] | 'all';
  readonly hardDeletes: HardDeletes;
  /** What current rows carry in `dbt_valid_to` instead of null: a SQL expression. */
  readonly validToCurrent?: string;
  /** True when `validToCurrent` is a bare date or timestamp (`9999-12-31`) that needs quoting. */
  readonly validToCurrentIsLiteral: boolean;
  readonly columns: SnapshotMetaColumns;
}

const defaultColumns: SnapshotMetaColumns = {
  dbt_scd_id: 'dbt_scd_id',
  dbt_updated_at: 'dbt_updated_at',
  dbt_valid_from: 'dbt_valid_from',
  dbt_valid_to: 'dbt_valid_to',
  dbt_is_deleted: 'dbt_is_deleted',
};

function configError(node: ManifestNode, message: string, hint: string): TsdbtError {
  return new TsdbtError({ kind: 'config', message: `Snapshot '${node.name}': ${message}`, file: node.originalFilePath, nodeId: node.uniqueId, hint });
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string' && value.trim() !== '') return [value.trim()];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    return value.map((item: string) => item.trim());
  }
  return undefined;
}

function readHardDeletes(node: ManifestNode): HardDeletes {
  const value = node.config.hard_deletes;
  if (value === undefined || value === null) return node.config.invalidate_hard_deletes === true ? 'invalidate' : 'ignore';
  if (value === 'ignore' || value === 'invalidate' || value === 'new_record') return value;
  throw configError(node, `hard_deletes is '${String(value)}'`, 'Use one of: ignore, invalidate, new_record.');
}

function readColumns(node: ManifestNode): SnapshotMetaColumns {
  const value = node.config.snapshot_meta_column_names;
  if (value === undefined || value === null) return defaultColumns;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw configError(node, 'snapshot_meta_column_names must be a mapping', 'Example: snapshot_meta_column_names: {dbt_valid_from: start_date, dbt_valid_to: end_date}.');
  }
  const columns: Record<string, string> = { ...defaultColumns };
  for (const [key, name] of Object.entries(value as Record<string, unknown>)) {
    if (!(key in defaultColumns)) {
      throw configError(node, `snapshot_meta_column_names has an unknown key '${key}'`, `Rename any of: ${Object.keys(defaultColumns).join(', ')}.`);
    }
    if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw configError(node, `snapshot_meta_column_names.${key} must be a plain column name`, 'Use letters, digits and underscores.');
    }
    columns[key] = name;
  }
  return columns as unknown as SnapshotMetaColumns;
}

/** Read a snapshot node's config; throws a `config` error naming the key that is wrong. */
export function snapshotSettings(node: ManifestNode): SnapshotSettings {
  const config = node.config;
  const uniqueKey = stringList(config.unique_key);
  if (!uniqueKey) throw configError(node, 'unique_key is not set', "Set unique_key to the column (or list of columns) that identifies a record, e.g. unique_key='id'.");
  const strategy = config.strategy;
  if (strategy !== 'timestamp' && strategy !== 'check') {
    throw configError(
      node,
      strategy === undefined ? 'strategy is not set' : `strategy is '${String(strategy)}'`,
      "Use strategy='timestamp' with updated_at='<column>', or strategy='check' with check_cols=[...] or 'all'.",
    );
  }
  const updatedAt = typeof config.updated_at === 'string' && config.updated_at.trim() !== '' ? config.updated_at.trim() : undefined;
  if (strategy === 'timestamp' && !updatedAt) {
    throw configError(node, "the timestamp strategy needs updated_at", "Set updated_at to the column that records when a row last changed, e.g. updated_at='updated_at'.");
  }
  let checkCols: readonly string[] | 'all' = [];
  if (strategy === 'check') {
    if (config.check_cols === 'all') checkCols = 'all';
    else {
      const list = stringList(config.check_cols);
      if (!list) throw configError(node, 'the check strategy needs check_cols', "Set check_cols to a list of columns, or 'all'.");
      checkCols = list;
    }
  }
  const rawCurrent = config.dbt_valid_to_current;
  const validToCurrent = typeof rawCurrent === 'string' && rawCurrent.trim() !== '' ? rawCurrent.trim() : undefined;
  return {
    uniqueKey,
    strategy,
    updatedAt,
    checkCols,
    hardDeletes: readHardDeletes(node),
    validToCurrent,
    // YAML turns `'9999-12-31'` into the bare text 9999-12-31, which as SQL is arithmetic.
    validToCurrentIsLiteral: validToCurrent !== undefined && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(validToCurrent),
    columns: readColumns(node),
  };
}
