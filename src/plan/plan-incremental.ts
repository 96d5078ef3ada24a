/**
 * The incremental materialization. First run or full refresh: build like a table. Later runs:
 * stage the new rows beside the target (`<name>__tsdbt_tmp`), refuse duplicate keys, apply
 * `on_schema_change`, then run the strategy's DML (merge, append, delete+insert) inside one
 * transaction, so a failure leaves the target exactly as it was. Microbatch has its own
 * planner (`plan-microbatch.ts`).
 */
import type { ColumnInfo, Session } from '../adapters/adapter.js';
import type { CompiledNode } from '../compile/compile-node.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { incrementalConfig, type IncrementalConfig } from './incremental-config.js';
import { planMicrobatch } from './plan-microbatch.js';
import { hookSteps, macroSql, planTable, siblingRelation, type PlanContext } from './plan-node.js';
import { begin, commit, sqlStep, type NodePlan, type Step } from './plan-types.js';
import { planSchemaChange } from './schema-change.js';

const messages: Readonly<Record<Exclude<IncrementalConfig['strategy'], 'microbatch'>, string>> = {
  merge: 'MERGE {rows}',
  append: 'INSERT {rows}',
  'delete+insert': 'DELETE+INSERT {rows}',
};

/** Whether this run adds to the existing table (dbt's `is_incremental()`), honouring `full_refresh: false`. */
export function isIncrementalRun(compiled: CompiledNode, context: PlanContext): boolean {
  const configured = compiled.node.config.full_refresh;
  const fullRefresh = configured === true || configured === false ? configured : context.fullRefresh;
  return context.existing?.type === 'table' && !fullRefresh;
}

/** Columns (names and types) of a query's result, read without fetching rows. */
export async function queryColumns(context: PlanContext, compiled: CompiledNode, sql: string): Promise<readonly ColumnInfo[]> {
  const session = requireSession(context, compiled);
  const result = await session.query(macroSql(context, compiled, 'get_empty_subquery_sql', sql));
  return result.columns;
}

export function requireSession(context: PlanContext, compiled: CompiledNode): Session {
  if (context.session) return context.session;
  throw new TsdbtError({
    kind: 'internal',
    message: `Planning incremental model ${compiled.node.name} needs a database session to read its columns`,
    nodeId: compiled.node.uniqueId,
  });
}

/** The `incremental` planner, registered in `plan-node.ts`. */
export async function planIncremental(compiled: CompiledNode, context: PlanContext): Promise<NodePlan> {
  const config = incrementalConfig(compiled);
  if (config.strategy === 'microbatch') return planMicrobatch(compiled, context, config);
  if (!isIncrementalRun(compiled, context)) {
    const table = await planTable(compiled, context);
    return { ...table, materialized: 'incremental' };
  }
  return planIncrementalRun(compiled, context, config, config.strategy);
}

async function planIncrementalRun(
  compiled: CompiledNode,
  context: PlanContext,
  config: IncrementalConfig,
  strategy: Exclude<IncrementalConfig['strategy'], 'microbatch'>,
): Promise<NodePlan> {
  const { dialect } = context.compiler;
  const target = compiled.relation;
  const temp = context.nodeCompiler.relationValue(siblingRelation(compiled, '__tsdbt_tmp'));
  // One after the other: a session runs one statement at a time.
  const sourceColumns = await queryColumns(context, compiled, compiled.compiledSql);
  const targetColumns = await queryColumns(context, compiled, `select * from ${target.render()}`);
  const schema = planSchemaChange(context, compiled, config.onSchemaChange, sourceColumns, targetColumns);
  const columns = schema.columns.map((column) => dialect.quote(column.name));

  const steps: Step[] = [...hookSteps(context, compiled, 'pre-hook')];
  steps.push(sqlStep('drop stale temp', macroSql(context, compiled, 'drop_relation', temp, 'table')));
  steps.push(sqlStep('stage new rows', macroSql(context, compiled, 'create_temp_table_as', temp, compiled.compiledSql)));
  if (config.uniqueKey.length > 0 && strategy !== 'append') steps.push(duplicateKeyCheck(context, compiled, config, temp));
  // Where DDL is transactional the column changes roll back with the DML; elsewhere they
  // commit on their own, before the transaction (Snowflake commits DDL implicitly).
  const transactionalDdl = dialect.capabilities.transactionalDdl;
  if (!transactionalDdl) steps.push(...schema.steps);
  steps.push(begin);
  if (transactionalDdl) steps.push(...schema.steps);
  steps.push(...dmlSteps(context, compiled, config, strategy, temp, columns));
  const dropTemp = sqlStep('drop temp', macroSql(context, compiled, 'drop_relation', temp, 'table'));
  if (transactionalDdl) steps.push(dropTemp, commit);
  else steps.push(commit, dropTemp);
  steps.push(...hookSteps(context, compiled, 'post-hook'));
  return { nodeId: compiled.node.uniqueId, materialized: 'incremental', steps, message: messages[strategy] };
}

function dmlSteps(
  context: PlanContext,
  compiled: CompiledNode,
  config: IncrementalConfig,
  strategy: Exclude<IncrementalConfig['strategy'], 'microbatch'>,
  temp: ReturnType<PlanContext['nodeCompiler']['relationValue']>,
  columns: readonly string[],
): Step[] {
  const target = compiled.relation;
  const insert = { ...sqlStep('insert', macroSql(context, compiled, 'get_incremental_insert_sql', target, temp.render(), columns)), reportsRows: true };
  if (strategy === 'append') return [insert];
  if (strategy === 'delete+insert') {
    return [sqlStep('delete', macroSql(context, compiled, 'get_incremental_delete_sql', target, temp, config.uniqueKey, config.predicates)), insert];
  }
  const updateColumns = mergeUpdateColumns(context, compiled, config, columns);
  const merge = macroSql(context, compiled, 'get_incremental_merge_sql', target, temp, config.uniqueKey, columns, updateColumns, config.predicates);
  return [{ ...sqlStep('merge', merge), reportsRows: true }];
}

/** `merge_update_columns` if set, else every written column but `merge_exclude_columns`. */
function mergeUpdateColumns(context: PlanContext, compiled: CompiledNode, config: IncrementalConfig, columns: readonly string[]): string[] {
  const { dialect } = context.compiler;
  if (config.updateColumns) return config.updateColumns.map((name) => dialect.quote(dialect.normalizeIdentifier(name)));
  const excluded = new Set(config.excludeColumns.map((name) => dialect.quote(dialect.normalizeIdentifier(name)).toLowerCase()));
  return columns.filter((column) => !excluded.has(column.toLowerCase()));
}

function duplicateKeyCheck(context: PlanContext, compiled: CompiledNode, config: IncrementalConfig, temp: unknown): Step {
  const keys = config.uniqueKey.join(', ');
  return {
    kind: 'check',
    name: 'unique key check',
    sql: macroSql(context, compiled, 'get_duplicate_key_sql', temp, config.uniqueKey),
    failure: {
      message: `Incremental model ${compiled.node.name} has duplicate unique_key (${keys}) values in its new rows, e.g. {row}; nothing was changed`,
      hint: `Keep one row per key in the model, e.g. \`qualify row_number() over (partition by ${keys} order by updated_at desc) = 1\`, or fix unique_key.`,
    },
  };
}
