/**
 * `on_schema_change` for incremental models: compare the new rows' columns with the target's,
 * then ignore, fail, add new columns, or sync (add, drop, change type), as dbt does.
 * Returns the DDL steps and the columns the DML writes.
 */
import type { ColumnInfo } from '../adapters/adapter.js';
import type { CompiledNode } from '../compile/compile-node.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { OnSchemaChange } from './incremental-config.js';
import { macroSql, type PlanContext } from './plan-node.js';
import { sqlStep, type Step } from './plan-types.js';

export interface ColumnDiff {
  /** In the new rows, not in the target. */
  readonly added: readonly ColumnInfo[];
  /** In the target, not in the new rows. */
  readonly removed: readonly ColumnInfo[];
  readonly changed: readonly { readonly name: string; readonly from: string; readonly to: string }[];
}

export interface SchemaChangePlan {
  readonly steps: readonly Step[];
  /** Columns the DML inserts or updates, by their names in the target. */
  readonly columns: readonly ColumnInfo[];
}

/** Column names compare case-insensitively: both DuckDB and Snowflake (unquoted) fold them. */
const keyOf = (name: string): string => name.toLowerCase();

/** What differs between the new rows (`source`) and the existing table (`target`). */
export function diffColumns(source: readonly ColumnInfo[], target: readonly ColumnInfo[]): ColumnDiff {
  const targetByName = new Map(target.map((column) => [keyOf(column.name), column]));
  const sourceNames = new Set(source.map((column) => keyOf(column.name)));
  const changed: { name: string; from: string; to: string }[] = [];
  for (const column of source) {
    const existing = targetByName.get(keyOf(column.name));
    if (existing && existing.dataType.toUpperCase() !== column.dataType.toUpperCase()) {
      changed.push({ name: existing.name, from: existing.dataType, to: column.dataType });
    }
  }
  return {
    added: source.filter((column) => !targetByName.has(keyOf(column.name))),
    removed: target.filter((column) => !sourceNames.has(keyOf(column.name))),
    changed,
  };
}

export function hasDifferences(diff: ColumnDiff): boolean {
  return diff.added.length + diff.removed.length + diff.changed.length > 0;
}

/** `added: discount (DECIMAL(10,2)); removed: legacy_flag; changed: amount INTEGER -> DOUBLE`. */
export function describeDiff(diff: ColumnDiff): string {
  const parts: string[] = [];
  if (diff.added.length) parts.push(`added: ${diff.added.map((c) => `${c.name} (${c.dataType})`).join(', ')}`);
  if (diff.removed.length) parts.push(`removed: ${diff.removed.map((c) => c.name).join(', ')}`);
  if (diff.changed.length) parts.push(`changed: ${diff.changed.map((c) => `${c.name} ${c.from} -> ${c.to}`).join(', ')}`);
  return parts.join('; ');
}

/** The DDL for `mode` and the columns the DML then writes. */
export function planSchemaChange(
  context: PlanContext,
  compiled: CompiledNode,
  mode: OnSchemaChange,
  source: readonly ColumnInfo[],
  target: readonly ColumnInfo[],
): SchemaChangePlan {
  const diff = diffColumns(source, target);
  const sourceNames = new Set(source.map((column) => keyOf(column.name)));
  // `ignore` writes the target's columns that the new rows have (dbt writes all target columns
  // and fails on a missing one; leaving them null is what the user asked for by ignoring).
  const kept = target.filter((column) => sourceNames.has(keyOf(column.name)));
  if (!hasDifferences(diff) || mode === 'ignore') return { steps: [], columns: kept };
  if (mode === 'fail') {
    throw new TsdbtError({
      kind: 'compilation',
      message: `The columns of incremental model ${compiled.node.name} changed (${describeDiff(diff)}) and on_schema_change is 'fail'`,
      file: compiled.node.originalFilePath,
      nodeId: compiled.node.uniqueId,
      hint: "Set on_schema_change to 'append_new_columns' or 'sync_all_columns', or rebuild with --full-refresh.",
    });
  }
  const relation = compiled.relation;
  const steps: Step[] = diff.added.map((column) =>
    sqlStep(`add column ${column.name}`, macroSql(context, compiled, 'alter_relation_add_column', relation, column.name, column.dataType)),
  );
  if (mode === 'append_new_columns') return { steps, columns: [...kept, ...diff.added] };
  for (const column of diff.removed) {
    steps.push(sqlStep(`drop column ${column.name}`, macroSql(context, compiled, 'alter_relation_drop_column', relation, column.name)));
  }
  for (const column of diff.changed) {
    steps.push(sqlStep(`change type of ${column.name}`, macroSql(context, compiled, 'alter_column_type', relation, column.name, column.to)));
  }
  return { steps, columns: [...kept, ...diff.added] };
}
