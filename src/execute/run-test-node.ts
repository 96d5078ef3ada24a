/**
 * Run one data test: count the failing rows its SQL selects, judge them against
 * `error_if`/`warn_if`/`severity`, keep the first few rows to show, and with
 * `store_failures` write every failing row to a table in the audit schema.
 */
import type { Session } from '../adapters/adapter.js';
import type { ManifestNode } from '../parse/manifest.js';
import { macroSql } from '../plan/plan-node.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { compiledPathOf, writeSqlFile } from './write-sql-files.js';
import { displayPathOf } from './display-path-of.js';
import type { NodeOutcome, RunnerContext } from './runner-context.js';
import { judgeTest } from './test-thresholds.js';

const SAMPLE_ROWS = 5;

export async function runTestNode(node: ManifestNode, session: Session, context: RunnerContext): Promise<NodeOutcome> {
  const compiledPath = compiledPathOf(context.targetDir, context.manifest.projectName, node, 'compiled');
  const runPath = compiledPathOf(context.targetDir, context.manifest.projectName, node, 'run');
  const compiled = context.nodeCompiler.compile(node);
  await writeSqlFile(compiledPath, compiled.compiledSql);
  const planContext = { compiler: context.compiler, nodeCompiler: context.nodeCompiler, fullRefresh: context.fullRefresh };
  const limit = node.config.limit ?? null;
  const failCalc = String(node.config.fail_calc ?? 'count(*)');
  const countSql = macroSql(planContext, compiled, 'get_test_sql', compiled.compiledSql, failCalc, limit);
  await writeSqlFile(runPath, countSql);
  const shownRunPath = displayPathOf(context.manifest.projectRoot, runPath);
  const where = { nodeId: node.uniqueId, file: node.originalFilePath, compiledPath: shownRunPath };
  try {
    const counted = await session.query(countSql);
    // Snowflake returns the unquoted alias upper-cased (`FAILURES`).
    const first = counted.rows[0] ?? {};
    const failures = Number(Object.entries(first).find(([column]) => column.toLowerCase() === 'failures')?.[1] ?? 0);
    const verdict = judgeTest(node.config, failures);
    let storedFailuresRelation: string | undefined;
    if (node.config.store_failures === true) {
      const relation = context.compiler.dialect.renderRelation(node.relation);
      await context.adapter.createSchema(node.relation.database, node.relation.schema);
      await session.execute(macroSql(planContext, compiled, 'drop_relation', compiled.relation, 'table'));
      await session.execute(macroSql(planContext, compiled, 'create_table_as', compiled.relation, compiled.compiledSql, null));
      storedFailuresRelation = relation;
    }
    const sampleRows = failures > 0 ? (await session.query(`select * from (\n${compiled.compiledSql}\n) as failing_rows limit ${SAMPLE_ROWS}`)).rows : [];
    const status = verdict === 'pass' ? 'pass' : verdict === 'warn' ? 'warn' : 'fail';
    const errorIf = String(node.config.error_if ?? '!=0');
    const warnIf = String(node.config.warn_if ?? '!=0');
    const message =
      status === 'pass'
        ? 'PASS'
        : `Got ${failures} result${failures === 1 ? '' : 's'}, configured to ${status === 'fail' ? 'fail' : 'warn'} if ${status === 'fail' ? errorIf : warnIf}`;
    return { status, message, failures, sampleRows, storedFailuresRelation, compiledPath: shownRunPath, compiledCode: compiled.compiledSql };
  } catch (error) {
    const base = error instanceof TsdbtError ? error : new TsdbtError({ kind: 'database', message: String(error), cause: error });
    throw base.withDefaults(where);
  }
}
