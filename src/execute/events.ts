/**
 * Events the core emits while it works. The core never prints: `reporter/` turns these into
 * dbt-style text lines, JSON lines or JUnit XML. Tests assert on events.
 */
import type { TsdbtError } from '../errors/tsdbt-error.js';
import type { ResourceType } from '../parse/manifest.js';

export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn' | 'runtime error';

/** One row of `run_results.json`, in memory. */
export interface NodeResult {
  readonly uniqueId: string;
  readonly status: NodeStatus;
  /** Seconds. */
  readonly executionTime: number;
  /** dbt's short message: `CREATE VIEW`, `INSERT 1200`, `Got 3 results, configured to fail if != 0`. */
  readonly message: string;
  /** For tests: number of failing rows. */
  readonly failures?: number;
  readonly rowsAffected?: number;
  readonly error?: TsdbtError;
  /** For tests: the first few failing rows, shown inline in the summary. */
  readonly sampleRows?: readonly Record<string, unknown>[];
  /** Relation where failing rows were stored (store_failures). */
  readonly storedFailuresRelation?: string;
  readonly compiledPath?: string;
  readonly compiledCode?: string;
  readonly relationName?: string;
  readonly startedAt: Date;
  readonly completedAt: Date;
  /** Which node's failure caused this skip. */
  readonly skippedBecauseOf?: string;
  /** Microbatch models: one entry per batch. */
  readonly batches?: readonly { readonly start: string; readonly end: string; readonly status: 'success' | 'error'; readonly message: string }[];
}

export interface NodeDescription {
  readonly uniqueId: string;
  readonly name: string;
  /** `source` only in `tsdbt source freshness`, which reports on sources rather than nodes. */
  readonly resourceType: ResourceType | 'source';
  /** `view`, `table`, `incremental`, `seed`, `snapshot`, `test` ... */
  readonly materialized: string;
  /** Rendered relation, e.g. `analytics_staging.stg_orders`; empty for tests. */
  readonly relationName: string;
  readonly originalFilePath: string;
}

export type RunEvent =
  | { readonly type: 'RunStarted'; readonly command: string; readonly version: string; readonly counts: Readonly<Record<string, number>>; readonly at: Date }
  | { readonly type: 'Notice'; readonly message: string; readonly at: Date }
  | { readonly type: 'HookStarted'; readonly name: string; readonly index: number; readonly total: number; readonly at: Date }
  | { readonly type: 'HookFinished'; readonly name: string; readonly index: number; readonly total: number; readonly status: 'success' | 'error'; readonly executionTime: number; readonly error?: TsdbtError; readonly at: Date }
  | { readonly type: 'NodeStarted'; readonly node: NodeDescription; readonly index: number; readonly total: number; readonly at: Date }
  | { readonly type: 'NodeFinished'; readonly node: NodeDescription; readonly index: number; readonly total: number; readonly result: NodeResult; readonly at: Date }
  | { readonly type: 'RunFinished'; readonly command: string; readonly results: readonly NodeResult[]; readonly nodes: ReadonlyMap<string, NodeDescription>; readonly elapsedSeconds: number; readonly at: Date };

export type EventSink = (event: RunEvent) => void;
