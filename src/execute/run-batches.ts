/**
 * Microbatch execution. Each batch is its own transaction; a failed batch is recorded and the
 * others still run, so a rerun only has to redo the failed windows. The node fails if any did.
 *
 * Concurrent batches (decided in `plan-microbatch.ts`) run as dbt runs them: the first batch
 * alone (it may be the first write into a new table), the ones between on the node's session
 * plus the run's idle ones (so `--threads` bounds everything running), the last alone after them
 * (it carries the post-hooks). Borrowed sessions get the node's session settings (warehouse,
 * query tag) for the batches and go back to the scheduler afterwards.
 */
import type { Session } from '../adapters/adapter.js';
import type { ManifestNode } from '../parse/manifest.js';
import type { BatchPlan } from '../plan/plan-types.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { executePlan } from './execute-plan.js';
import type { NodeOutcome, RunnerContext } from './runner-context.js';
import { withSessionSettings } from './session-settings.js';

type BatchResult = NonNullable<NodeOutcome['batches']>[number];

interface BatchRun {
  readonly node: ManifestNode;
  readonly session: Session;
  readonly context: RunnerContext;
  readonly where: Parameters<typeof executePlan>[2];
  readonly shown: Pick<NodeOutcome, 'compiledPath' | 'compiledCode' | 'relationName'>;
}

export async function runBatches(
  batches: { readonly batchPlans: readonly BatchPlan[]; readonly concurrent: boolean },
  run: BatchRun,
): Promise<NodeOutcome> {
  const plans = batches.batchPlans;
  const results: BatchResult[] = new Array(plans.length);
  const errors: (TsdbtError | undefined)[] = new Array(plans.length);
  const rows: number[] = new Array(plans.length).fill(0);
  const runOne = async (index: number, session: Session): Promise<void> => {
    const batch = plans[index]!;
    if (run.context.signal?.aborted) {
      results[index] = { start: batch.start, end: batch.end, status: 'error', message: 'Cancelled before it started' };
      return;
    }
    try {
      const result = await executePlan(batch, session, run.where);
      rows[index] = result.rowsAffected ?? 0;
      results[index] = { start: batch.start, end: batch.end, status: 'success', message: `INSERT ${result.rowsAffected ?? 0}` };
    } catch (error) {
      const tsdbtError = error instanceof TsdbtError ? error : new TsdbtError({ kind: 'database', message: String(error), cause: error });
      errors[index] = tsdbtError;
      results[index] = { start: batch.start, end: batch.end, status: 'error', message: tsdbtError.message };
    }
  };

  const middle = plans.length - 2;
  if (!batches.concurrent || middle < 2 || !run.context.borrowIdleSessions) {
    for (let index = 0; index < plans.length; index++) await runOne(index, run.session);
  } else {
    await runOne(0, run.session);
    await withBorrowedSessions(run, middle - 1, async (extra) => {
      let next = 1;
      const worker = async (session: Session): Promise<void> => {
        while (next <= middle) await runOne(next++, session);
      };
      await Promise.all([run.session, ...extra].map(worker));
    });
    await runOne(plans.length - 1, run.session);
  }
  return outcome(results, errors, rows, run);
}

function outcome(results: readonly BatchResult[], errors: readonly (TsdbtError | undefined)[], batchRows: readonly number[], run: BatchRun): NodeOutcome {
  const rows = batchRows.reduce((sum, count) => sum + count, 0);
  const failed = results.filter((batch) => batch.status === 'error').length;
  if (failed > 0) {
    const first = errors.find((error) => error !== undefined);
    const message = `${failed} of ${results.length} batches failed`;
    const error = new TsdbtError({ kind: first?.kind ?? 'database', message, hint: first?.hint, nodeId: run.where.nodeId, file: run.where.file, compiledPath: run.where.runPath });
    return { status: 'error', message, error, batches: results, rowsAffected: rows, ...run.shown };
  }
  return { status: 'success', message: `INSERT ${rows} in ${results.length} batches`, batches: results, rowsAffected: rows, ...run.shown };
}

/** Up to `count` idle sessions of the run, with the node's session settings applied while `work` runs. */
async function withBorrowedSessions(run: BatchRun, count: number, work: (sessions: readonly Session[]) => Promise<void>): Promise<void> {
  const borrowed = run.context.borrowIdleSessions!(count);
  try {
    const withSettings = borrowed.sessions.reduceRight<() => Promise<void>>(
      (inner, session) => () => withSessionSettings(session, run.node.config, inner, run.context.signal),
      () => work(borrowed.sessions),
    );
    await withSettings();
  } finally {
    borrowed.giveBack();
  }
}
