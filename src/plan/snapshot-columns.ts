/**
 * What a snapshot run must know about the database before it can plan: the columns of the
 * snapshot query and of the snapshot table, and whether the query has one row per key.
 * These are the only round trips of the snapshot planner; nothing is changed by them.
 */
import type { ColumnInfo, Session } from '../adapters/adapter.js';
import type { CompiledNode } from '../compile/compile-node.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { macroSql, type PlanContext } from './plan-node.js';
import type { SnapshotSettings } from './snapshot-settings.js';

/** Case-insensitive column lookup: Snowflake reports unquoted names upper-cased. */
export function findColumn(columns: readonly ColumnInfo[], name: string): ColumnInfo | undefined {
  return columns.find((column) => column.name === name) ?? columns.find((column) => column.name.toLowerCase() === name.toLowerCase());
}

export function requireSession(context: PlanContext, compiled: CompiledNode): Session {
  if (context.session) return context.session;
  throw new TsdbtError({
    kind: 'internal',
    message: `Snapshot '${compiled.node.name}' cannot be planned without a database session`,
    nodeId: compiled.node.uniqueId,
  });
}

/** Columns of the snapshot query (read with `limit 0`). */
export async function queryColumns(context: PlanContext, compiled: CompiledNode): Promise<readonly ColumnInfo[]> {
  const session = requireSession(context, compiled);
  const result = await session.query(macroSql(context, compiled, 'get_query_columns_sql', compiled.compiledSql));
  return result.columns;
}

/** Columns of the snapshot table as it is now. */
export async function tableColumns(context: PlanContext, compiled: CompiledNode): Promise<readonly ColumnInfo[]> {
  const session = requireSession(context, compiled);
  const result = await session.query(macroSql(context, compiled, 'get_relation_columns_sql', compiled.relation));
  return result.columns;
}

/**
 * Fail before anything changes when the query has two rows for one key: the merge would
 * otherwise record both as current versions and the history could never be repaired.
 */
export async function assertUniqueKeys(
  context: PlanContext,
  compiled: CompiledNode,
  settings: SnapshotSettings,
  s: object,
): Promise<void> {
  const session = requireSession(context, compiled);
  const result = await session.query(macroSql(context, compiled, 'snapshot_duplicate_keys_sql', s, compiled.compiledSql));
  const row = result.rows[0];
  if (!row) return;
  const values = Object.entries(row);
  const example = settings.uniqueKey
    .map((key, index) => `${key} = ${formatValue(values[index]?.[1])}`)
    .join(', ');
  const count = values.at(-1)?.[1];
  const keyText = settings.uniqueKey.length === 1 ? `'${settings.uniqueKey[0]}'` : `(${settings.uniqueKey.join(', ')})`;
  throw new TsdbtError({
    kind: 'runtime',
    message: `Snapshot '${compiled.node.name}': unique_key ${keyText} is not unique in the snapshot query; for example ${example} occurs ${String(count)} times. Nothing was changed.`,
    file: compiled.node.originalFilePath,
    nodeId: compiled.node.uniqueId,
    hint: 'A snapshot needs one row per key: remove the duplicates in the query (e.g. keep the latest row per key) or choose a unique_key that identifies a row.',
  });
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'string' ? `'${value}'` : String(value);
}
