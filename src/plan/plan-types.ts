/**
 * A plan is data: for each node, the statements to run in order. `tsdbt compile` can print it,
 * tests can assert it, and the runner only walks it (it never decides SQL).
 */
export type StepKind = 'sql' | 'begin' | 'commit';

export interface Step {
  readonly kind: StepKind;
  /** What the step does, e.g. `create temp table`, `swap`, `pre-hook 1`. */
  readonly name: string;
  readonly sql: string;
}

export interface NodePlan {
  readonly nodeId: string;
  readonly materialized: string;
  readonly steps: readonly Step[];
  /** dbt's adapter response shown in brackets, e.g. `CREATE TABLE` (`{rows}` is filled in after execution). */
  readonly message: string;
  /** Microbatch models: the batches this plan runs, in order. */
  readonly batches?: readonly { readonly start: string; readonly end: string; readonly status: 'success' | 'error'; readonly message: string }[];
}

export const begin: Step = { kind: 'begin', name: 'begin', sql: 'begin' };
export const commit: Step = { kind: 'commit', name: 'commit', sql: 'commit' };

export function sqlStep(name: string, sql: string): Step {
  return { kind: 'sql', name, sql: sql.trim() };
}
