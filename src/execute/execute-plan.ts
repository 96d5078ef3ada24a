/**
 * Walk a node's plan on a session. A failure inside `begin ... commit` rolls back, so the
 * target is left exactly as it was; the error carries the node and the run-SQL path.
 */
import type { Session } from '../adapters/adapter.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { Step } from '../plan/plan-types.js';

export async function executePlan(
  plan: { readonly steps: readonly Step[] },
  session: Session,
  where: { readonly nodeId: string; readonly file: string; readonly runPath: string },
): Promise<{ readonly rowsAffected?: number }> {
  let inTransaction = false;
  let rowsAffected: number | undefined;
  const flagged = plan.steps.some((step) => step.reportsRows === true);
  for (const step of plan.steps) {
    try {
      if (step.kind === 'begin') {
        await session.begin();
        inTransaction = true;
      } else if (step.kind === 'commit') {
        await session.commit();
        inTransaction = false;
      } else if (step.kind === 'check') {
        const result = await session.query(step.sql);
        if (result.rows.length > 0) throw checkFailure(step, result.rows[0]);
      } else {
        const result = await session.execute(step.sql);
        if (result.rowsAffected !== undefined && (step.reportsRows === true || !flagged)) rowsAffected = result.rowsAffected;
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

/** The error a failed `check` step raises: its message with the offending row filled in. */
function checkFailure(step: Step, row: Readonly<Record<string, unknown>>): TsdbtError {
  const shown = Object.entries(row)
    .map(([column, value]) => `${column}=${value instanceof Date ? value.toISOString() : JSON.stringify(value)}`)
    .join(', ');
  const message = (step.failure?.message ?? `Check '${step.name}' failed on {row}`).replace('{row}', shown);
  return new TsdbtError({ kind: 'database', message, hint: step.failure?.hint });
}
