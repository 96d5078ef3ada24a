/**
 * The microbatch strategy: the model is compiled once per batch window (refs to models with
 * `event_time` see only that window), and each batch deletes its window from the target and
 * inserts the batch's rows in one transaction, so rerunning a batch is idempotent and late rows
 * are picked up. Batches run on their own (`NodePlan.batchPlans`): a failed one does not stop the rest.
 * Unless `concurrent_batches` says otherwise, batches may run at the same time when the model does
 * not read `{{ this }}` and the adapter allows concurrent writes.
 */
import type { CompiledNode } from '../compile/compile-node.js';
import { batchLabel, batchWindows, sqlTimestamp } from './batch-windows.js';
import type { IncrementalConfig, MicrobatchConfig } from './incremental-config.js';
import { isIncrementalRun, queryColumns } from './plan-incremental.js';
import { hookSteps, macroSql, planTable, type PlanContext } from './plan-node.js';
import { begin, commit, sqlStep, type BatchPlan, type NodePlan, type Step } from './plan-types.js';
import { planSchemaChange } from './schema-change.js';
import type { ColumnInfo } from '../adapters/adapter.js';

export async function planMicrobatch(compiled: CompiledNode, context: PlanContext, config: IncrementalConfig): Promise<NodePlan> {
  const micro = config.microbatch as MicrobatchConfig;
  const { dialect } = context.compiler;
  const target = compiled.relation;
  const incremental = isIncrementalRun(compiled, context);
  const steps: Step[] = [...hookSteps(context, compiled, 'pre-hook')];
  if (!incremental) {
    // First run or full refresh: an empty table of the model's shape (built aside and swapped
    // where DDL is transactional), then every batch from `begin` fills it.
    const empty = macroSql(context, compiled, 'get_empty_subquery_sql', compiled.compiledSql);
    const withoutHooks = { ...compiled.node, config: { ...compiled.node.config, 'pre-hook': [], 'post-hook': [] } };
    steps.push(...(await planTable({ ...compiled, node: withoutHooks, compiledSql: empty }, context)).steps);
  }
  const batch = await batchColumns(compiled, context, config, incremental);
  steps.push(...batch.ddl);
  const columns = batch.columns.map((column) => dialect.quote(column.name));

  const windows = batchWindows({
    batchSize: micro.batchSize,
    begin: micro.begin,
    lookback: micro.lookback,
    incremental,
    now: context.runner?.now() ?? new Date(),
    eventTimeStart: context.runner?.eventTimeStart,
    eventTimeEnd: context.runner?.eventTimeEnd,
  });
  const batchPlans: BatchPlan[] = windows.map((window) => {
    const start = sqlTimestamp(window.start);
    const end = sqlTimestamp(window.end);
    const batchSql = context.nodeCompiler.compile(compiled.node, { batchWindow: { start, end } }).compiledSql;
    const batchSteps: Step[] = [
      begin,
      sqlStep('delete batch window', macroSql(context, compiled, 'get_microbatch_delete_sql', target, micro.eventTime, start, end)),
      { ...sqlStep('insert batch', macroSql(context, compiled, 'get_incremental_insert_sql', target, `(\n${batchSql}\n)`, columns)), reportsRows: true },
      commit,
    ];
    return { start: batchLabel(window.start), end: batchLabel(window.end), steps: batchSteps };
  });
  // Post-hooks follow the last batch (they run only if it succeeds).
  const postHooks = hookSteps(context, compiled, 'post-hook');
  const last = batchPlans.at(-1);
  if (last) batchPlans[batchPlans.length - 1] = { ...last, steps: [...last.steps, ...postHooks] };
  else steps.push(...postHooks);
  const concurrentBatches = dialect.capabilities.concurrentWrites && (micro.concurrentBatches ?? !readsItself(compiled.node.rawCode));
  return { nodeId: compiled.node.uniqueId, materialized: 'incremental', steps, message: 'INSERT {rows}', batchPlans, concurrentBatches };
}

/**
 * Whether the model's template reads its own table (`{{ this }}`): then a batch may depend on
 * what the batches before it wrote, so they run one after another (dbt decides the same way).
 */
export function readsItself(rawCode: string): boolean {
  return /\{[{%][^}]*\bthis\b/.test(rawCode);
}

/**
 * The columns every batch inserts. On an incremental run the model's columns are compared with
 * the table's first (`on_schema_change`, as for the other strategies); the column DDL joins the
 * steps before the batches, in a transaction of its own where DDL is transactional.
 */
async function batchColumns(
  compiled: CompiledNode,
  context: PlanContext,
  config: IncrementalConfig,
  incremental: boolean,
): Promise<{ readonly columns: readonly ColumnInfo[]; readonly ddl: readonly Step[] }> {
  const modelColumns = await queryColumns(context, compiled, compiled.compiledSql);
  if (!incremental) return { columns: modelColumns, ddl: [] };
  const tableColumns = await queryColumns(context, compiled, `select * from ${compiled.relation.render()}`);
  const schema = planSchemaChange(context, compiled, config.onSchemaChange, modelColumns, tableColumns);
  const transactional = schema.steps.length > 0 && context.compiler.dialect.capabilities.transactionalDdl;
  return { columns: schema.columns, ddl: transactional ? [begin, ...schema.steps, commit] : schema.steps };
}