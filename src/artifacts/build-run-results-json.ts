/**
 * `run_results.json` (dbt run-results v6): one entry per executed node, read by CI jobs,
 * `result:` selectors and `tsdbt retry`.
 */
import type { NodeResult } from '../execute/events.js';
import { artifactMetadata, isoTimestamp, type ArtifactMeta } from './artifact-metadata.js';
import { redactArgs } from './redact-args.js';

export interface RunResultsJsonMeta extends ArtifactMeta {
  /** Seconds the whole invocation took. */
  readonly elapsedTime: number;
  /** The invocation's flags; secrets are masked before writing. */
  readonly args: Readonly<Record<string, unknown>>;
}

export const RUN_RESULTS_SCHEMA_PATH = 'run-results/v6.json';

/**
 * tsdbt runs nodes on a pool of async workers, not OS threads; results do not record which
 * worker ran them, so every result names the same thread.
 */
const THREAD_ID = 'Thread-1';

function timingJson(result: NodeResult): Record<string, unknown>[] {
  // dbt leaves timing empty for nodes that never started.
  if (result.status === 'skipped') return [];
  const started = isoTimestamp(result.startedAt);
  return [
    { name: 'compile', started_at: started, completed_at: started },
    { name: 'execute', started_at: started, completed_at: isoTimestamp(result.completedAt) },
  ];
}

function adapterResponseJson(result: NodeResult): Record<string, unknown> {
  if (result.status === 'skipped' || result.error !== undefined) return {};
  const response: Record<string, unknown> = { _message: result.message };
  if (result.rowsAffected !== undefined) response.rows_affected = result.rowsAffected;
  return response;
}

function batchResultsJson(result: NodeResult): Record<string, unknown> | null {
  if (result.batches === undefined) return null;
  const pick = (status: 'success' | 'error'): string[][] =>
    (result.batches ?? []).filter((batch) => batch.status === status).map((batch) => [batch.start, batch.end]);
  return { successful: pick('success'), failed: pick('error') };
}

/** One `results[]` entry. */
export function runResultJson(result: NodeResult): Record<string, unknown> {
  return {
    status: result.status,
    timing: timingJson(result),
    thread_id: THREAD_ID,
    execution_time: result.executionTime,
    adapter_response: adapterResponseJson(result),
    message: result.error?.message ?? (result.message === '' ? null : result.message),
    failures: result.failures ?? null,
    unique_id: result.uniqueId,
    compiled: result.compiledCode === undefined ? null : true,
    compiled_code: result.compiledCode ?? null,
    relation_name: result.relationName ?? null,
    batch_results: batchResultsJson(result),
  };
}

/** Builds the run-results v6 object; `args` go through `redactArgs`. */
export function buildRunResultsJson(results: readonly NodeResult[], meta: RunResultsJsonMeta): object {
  return {
    metadata: artifactMetadata(RUN_RESULTS_SCHEMA_PATH, meta),
    results: results.map(runResultJson),
    elapsed_time: meta.elapsedTime,
    args: redactArgs({ ...meta.args }),
  };
}
