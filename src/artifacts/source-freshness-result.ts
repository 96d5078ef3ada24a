/**
 * The outcome of checking one source's freshness (`tsdbt source freshness`), in memory.
 * `buildSourcesJson` turns a list of these into `sources.json`.
 */
import type { TsdbtError } from '../errors/tsdbt-error.js';
import type { FreshnessRule } from '../parse/manifest.js';

/** dbt's freshness statuses: `error` means stale past `error_after`, `runtime error` that the check failed. */
export type FreshnessStatus = 'pass' | 'warn' | 'error' | 'runtime error';

export interface SourceFreshnessResult {
  /** `source.<project>.<source>.<table>`. */
  readonly uniqueId: string;
  readonly status: FreshnessStatus;
  /** The newest `loaded_at_field` value; absent on a runtime error. */
  readonly maxLoadedAt?: Date;
  /** When the check ran (the database's `current_timestamp`). */
  readonly snapshottedAt?: Date;
  /** `snapshottedAt - maxLoadedAt` in seconds. */
  readonly ageSeconds?: number;
  /** The thresholds the source was checked against. */
  readonly criteria: FreshnessRule;
  /** Seconds. */
  readonly executionTime: number;
  readonly startedAt: Date;
  readonly completedAt: Date;
  /** The driver's short message, e.g. `SUCCESS 1`. */
  readonly message?: string;
  /** Set when `status` is `runtime error`. */
  readonly error?: TsdbtError;
}
