/**
 * The snapshot planner: type-2 history of a query (dbt's snapshot materialization).
 *
 * First run: build the table from the query plus the meta columns, aside and swapped in like
 * a table. Later runs: stage the run's changes (new versions, versions to close, deletions)
 * into a staging table, then add new columns, close and insert in ONE transaction, merging on
 * `dbt_scd_id`, so a failure leaves the snapshot exactly as it was. The SQL comes from the
 * dispatched macros in `src/materializations/<adapter>/snapshot.sql`.
 */
import type { ColumnInfo } from '../adapters/adapter.js';
import type { CompiledNode } from '../compile/compile-node.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { hookSteps, macroSql, siblingRelation, type PlanContext } from './plan-node.js';
import { begin, commit, sqlStep, type NodePlan, type Step } from './plan-types.js';
import { snapshotSettings, type SnapshotSettings } from './snapshot-settings.js';
import { assertUniqueKeys, findColumn, queryColumns, tableColumns } from './snapshot-columns.js';

/** A column as the snapshot macros see it: `existing` when the snapshot table already has it. */
interface MacroColumn {
  readonly name: string;
  readonly type: string;
  readonly existing: boolean;
}

/** The settings object the snapshot macros receive as `s` (keys in template spelling). */
export interface SnapshotMacroSettings {
  readonly unique_key: readonly string[];
  readonly strategy: string;
  readonly updated_at: string | null;
  readonly updated_at_type: string;
  readonly check_cols: readonly MacroColumn[];
  readonly hard_deletes: string;
  readonly valid_to_current: string | null;
  readonly valid_to_current_is_literal: boolean;
  readonly columns: SnapshotSettings['columns'];
  readonly source_columns: readonly MacroColumn[];
  readonly has_is_deleted: boolean;
}

function missingColumn(compiled: CompiledNode, key: string, name: string, columns: readonly ColumnInfo[]): TsdbtError {
  return new TsdbtError({
    kind: 'config',
    message: `Snapshot '${compiled.node.name}': ${key} column '${name}' is not in the snapshot query`,
    file: compiled.node.originalFilePath,
    nodeId: compiled.node.uniqueId,
    hint: `The query returns: ${columns.map((column) => column.name).join(', ')}.`,
  });
}

const plainIdentifier = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/** Resolve the settings against the query's and the table's columns (null: first run). */
export function macroSettings(
  compiled: CompiledNode,
  settings: SnapshotSettings,
  source: readonly ColumnInfo[],
  table: readonly ColumnInfo[] | null,
): SnapshotMacroSettings {
  const existing = (name: string): boolean => table === null || findColumn(table, name) !== undefined;
  const asMacroColumn = (column: ColumnInfo): MacroColumn => ({ name: column.name, type: column.dataType, existing: existing(column.name) });
  let updatedAtType = '';
  if (settings.updatedAt !== undefined) {
    const column = findColumn(source, settings.updatedAt);
    // updated_at may be an expression (dbt allows it); only a plain name must be a column.
    if (!column && plainIdentifier.test(settings.updatedAt)) throw missingColumn(compiled, 'updated_at', settings.updatedAt, source);
    updatedAtType = column?.dataType ?? '';
  }
  const checkCols = settings.checkCols === 'all'
    ? source.map(asMacroColumn)
    : settings.checkCols.map((name) => {
        const column = findColumn(source, name);
        if (!column) throw missingColumn(compiled, 'check_cols', name, source);
        return asMacroColumn(column);
      });
  return {
    unique_key: settings.uniqueKey,
    strategy: settings.strategy,
    updated_at: settings.updatedAt ?? null,
    updated_at_type: updatedAtType,
    check_cols: checkCols,
    hard_deletes: settings.hardDeletes,
    valid_to_current: settings.validToCurrent ?? null,
    valid_to_current_is_literal: settings.validToCurrentIsLiteral,
    columns: settings.columns,
    source_columns: source.map(asMacroColumn),
    has_is_deleted: table === null ? settings.hardDeletes === 'new_record' : findColumn(table, settings.columns.dbt_is_deleted) !== undefined,
  };
}

/** First run: the query plus meta columns, built aside and swapped in where DDL is transactional. */
function firstRunSteps(context: PlanContext, compiled: CompiledNode, s: SnapshotMacroSettings): Step[] {
  const buildSql = macroSql(context, compiled, 'snapshot_build_sql', s, compiled.compiledSql);
  if (!context.compiler.dialect.capabilities.transactionalDdl) {
    return [sqlStep('create snapshot table', macroSql(context, compiled, 'create_snapshot_table', compiled.relation, buildSql))];
  }
  const temp = context.nodeCompiler.relationValue(siblingRelation(compiled, '__tsdbt_tmp'));
  return [
    sqlStep('drop stale temp', macroSql(context, compiled, 'drop_relation', temp, 'table')),
    sqlStep('create temp table', macroSql(context, compiled, 'create_snapshot_table', temp, buildSql)),
    begin,
    sqlStep('swap', macroSql(context, compiled, 'rename_relation', temp, compiled.relation.identifier)),
    commit,
  ];
}

/** Later runs: stage the changes, then add columns and merge in one transaction. */
function changeSteps(context: PlanContext, compiled: CompiledNode, s: SnapshotMacroSettings, settings: SnapshotSettings): Step[] {
  const target = compiled.relation;
  const staging = context.nodeCompiler.relationValue(siblingRelation(compiled, '__tsdbt_snapshot_staging'));
  const stagingSql = macroSql(context, compiled, 'snapshot_staging_sql', s, compiled.compiledSql, target);
  const addColumns = s.source_columns
    .filter((column) => !column.existing)
    .map((column) => sqlStep(`add column ${column.name}`, macroSql(context, compiled, 'snapshot_add_column', target, column.name, column.type)));
  if (settings.hardDeletes === 'new_record' && !s.has_is_deleted) {
    // Switching an existing snapshot to new_record: older rows get null (read as 'False').
    addColumns.push(sqlStep(`add column ${settings.columns.dbt_is_deleted}`, macroSql(context, compiled, 'snapshot_add_column', target, settings.columns.dbt_is_deleted, 'varchar')));
  }
  const merge = sqlStep('merge changes', macroSql(context, compiled, 'snapshot_merge_sql', s, target, staging));
  const transaction = context.compiler.dialect.capabilities.transactionalDdl
    ? [begin, ...addColumns, merge, commit]
    : // Without transactional DDL the new (nullable) columns go first; they change no rows.
      [...addColumns, begin, merge, commit];
  return [
    sqlStep('stage changes', macroSql(context, compiled, 'create_snapshot_staging_table', staging, stagingSql)),
    ...transaction,
    sqlStep('drop staging', macroSql(context, compiled, 'drop_relation', staging, 'table')),
  ];
}

/** Plan one snapshot run; queries column lists and checks key uniqueness first (changes nothing). */
export async function planSnapshot(compiled: CompiledNode, context: PlanContext): Promise<NodePlan> {
  const settings = snapshotSettings(compiled.node);
  if (context.existing && context.existing.type !== 'table') {
    throw new TsdbtError({
      kind: 'runtime',
      message: `Snapshot '${compiled.node.name}': ${compiled.relation.toString()} exists as a ${context.existing.type}, not a table`,
      file: compiled.node.originalFilePath,
      nodeId: compiled.node.uniqueId,
      hint: 'Drop it, or point the snapshot somewhere else with target_schema/alias; snapshot history lives in a table.',
    });
  }
  const source = await queryColumns(context, compiled);
  const table = context.existing ? await tableColumns(context, compiled) : null;
  const s = macroSettings(compiled, settings, source, table);
  await assertUniqueKeys(context, compiled, settings, s);
  const body = context.existing ? changeSteps(context, compiled, s, settings) : firstRunSteps(context, compiled, s);
  return {
    nodeId: compiled.node.uniqueId,
    materialized: 'snapshot',
    steps: [...hookSteps(context, compiled, 'pre-hook'), ...body, ...hookSteps(context, compiled, 'post-hook')],
    message: 'success',
  };
}
