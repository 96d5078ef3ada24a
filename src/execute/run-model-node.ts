/**
 * Build one model, snapshot or analysis: compile, plan, write the SQL files, execute, and
 * record the new relation in the cache.
 */
import type { Session } from '../adapters/adapter.js';
import type { ManifestNode } from '../parse/manifest.js';
import { planNode } from '../plan/plan-node.js';
import { executePlan } from './execute-plan.js';
import { compiledPathOf, writeSqlFile } from './write-sql-files.js';
import { displayPathOf } from './display-path-of.js';
import type { NodeOutcome, RunnerContext } from './runner-context.js';
import { runBatches } from './run-batches.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

export async function runModelNode(node: ManifestNode, session: Session, context: RunnerContext): Promise<NodeOutcome> {
  const compiledPath = compiledPathOf(context.targetDir, context.manifest.projectName, node, 'compiled');
  const runPath = compiledPathOf(context.targetDir, context.manifest.projectName, node, 'run');
  // Written at the absolute path, reported relative to the project so people can open it.
  const shownRunPath = displayPathOf(context.manifest.projectRoot, runPath);
  let compiledSql: string;
  let plan;
  try {
    const compiled = context.nodeCompiler.compile(node);
    compiledSql = compiled.compiledSql;
    await writeSqlFile(compiledPath, compiledSql);
    if (node.resourceType === 'analysis') {
      return { status: 'success', message: 'COMPILED', compiledPath: displayPathOf(context.manifest.projectRoot, compiledPath), compiledCode: compiledSql };
    }
    plan = await planNode(compiled, {
      compiler: context.compiler,
      nodeCompiler: context.nodeCompiler,
      existing: context.relations.get(node.relation),
      fullRefresh: context.fullRefresh,
      session,
      runner: context,
    });
  } catch (error) {
    if (error instanceof TsdbtError) throw error.withDefaults({ nodeId: node.uniqueId, file: node.originalFilePath });
    throw error;
  }
  const allSteps = [...plan.steps, ...(plan.batchPlans ?? []).flatMap((batch) => batch.steps)];
  await writeSqlFile(runPath, allSteps.map((step) => `${step.sql};`).join('\n\n'));
  const where = { nodeId: node.uniqueId, file: node.originalFilePath, runPath: shownRunPath };
  const result = await executePlan(plan, session, where);
  if (plan.materialized !== 'ephemeral') {
    const type = plan.materialized === 'view' ? 'view' : 'table';
    context.relations.set({ ...node.relation, type });
  }
  if (plan.batchPlans) {
    const shown = { compiledPath: shownRunPath, compiledCode: compiledSql, relationName: context.compiler.dialect.renderRelation(node.relation) };
    return runBatches({ batchPlans: plan.batchPlans, concurrent: plan.concurrentBatches === true }, { node, session, context, where, shown });
  }
  const message = plan.message.includes('{rows}') ? plan.message.replace('{rows}', String(result.rowsAffected ?? 0)) : plan.message;
  return {
    status: 'success',
    message,
    rowsAffected: result.rowsAffected,
    compiledPath: shownRunPath,
    compiledCode: compiledSql,
    relationName: context.compiler.dialect.renderRelation(node.relation),
    batches: plan.batches,
  };
}
