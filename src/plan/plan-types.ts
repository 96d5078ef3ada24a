/**
 * A plan is data: for each node, the statements to run in order. `tsdbt compile` can print it,
 * tests can assert it, and the runner only walks it (it never decides SQL).
 */
export type StepKind = 'sql' | 'begin' | 'commit' | 'check';

export interface Step {
  readonly kind: StepKind;
  /** What the step does, e.g. `create temp table`, `swap`, `pre-hook 1`. */
  readonly name: string;
  readonly sql: string;
  /**
   * `check` steps: a query that must return no rows (e.g. duplicate keys in a staged batch).
   * The first row it returns fails the node; `{row}` in the message becomes `col=value, ...`.
   */
  readonly failure?: { readonly message: string; readonly hint?: string };
  /**
   * Set on the statements whose affected-row count the `{rows}` message reports (a merge, not
   * the DDL and hooks around it). Without any such step, the last statement that reported rows counts.
   */
  readonly reportsRows?: boolean;
}

/** One microbatch: its window and the statements that (re)build it, run as their own transaction. */
export interface BatchPlan {
  readonly start: string;
  readonly end: string;
  readonly steps: readonly Step[];
}

export interface NodePlan {
  readonly nodeId: string;
  readonly materialized: string;
  readonly steps: readonly Step[];
  /** dbt's adapter response shown in brackets, e.g. `CREATE TABLE` (`{rows}` is filled in after execution). */
  readonly message: string;
  /** Microbatch models: the batches this plan runs, in order. */
  readonly batches?: readonly { readonly start: string; readonly end: string; readonly status: 'success' | 'error'; readonly message: string }[];
  /**
   * Microbatch models: batches to run after `steps`, each on its own, so one failed batch is
   * reported without stopping the others (see `run-model-node.ts`).
   */
  readonly batchPlans?: readonly BatchPlan[];
  /**
   * Microbatch models: the batches between the first and the last may run at the same time on
   * several sessions (dbt's `concurrent_batches`).
   */
  readonly concurrentBatches?: boolean;
}

export const begin: Step = { kind: 'begin', name: 'begin', sql: 'begin' };
export const commit: Step = { kind: 'commit', name: 'commit', sql: 'commit' };

export function sqlStep(name: string, sql: string): Step {
  return { kind: 'sql', name, sql: sql.trim() };
}
