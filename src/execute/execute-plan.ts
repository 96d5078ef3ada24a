/**
 * Walk a node's plan on a session. A failure inside `begin ... commit` rolls back, so the
 * target is left exactly as it was; the error carries the node and the run-SQL path.
 */
import type { Session } from '../adapters/adapter.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { NodePlan } from '../plan/plan-types.js';

export async function executePlan(
  plan: NodePlan,
  session: Session,
  where: { readonly nodeId: string; readonly file: string; readonly runPath: string },
): Promise<{ readonly rowsAffected?: number }> {
  let inTransaction = false;
  let rowsAffected: number | undefined;
  for (const step of plan.steps) {
    try {
      if (step.kind === 'begin') {
        await session.begin();
        inTransaction = true;
      } else if (step.kind === 'commit') {
        await session.commit();
        inTransaction = false;
      } else {
        const result = await session.execute(step.sql);
        if (result.rowsAffected !== undefined) rowsAffected = result.rowsAffected;
      }
    } catch (error) {
      if (inTransaction) await session.rollback();
      const base =
        error instanceof TsdbtError
          ? error
          : new TsdbtError({ kind: 'database', message: error instanceof Error ? error.message : String(error), cause: error });
      throw base.withDefaults({ nodeId: where.nodeId, file: where.file, compiledPath: where.runPath });
    }
  }
  return { rowsAffected };
}
