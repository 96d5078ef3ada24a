/**
 * `sources.json` (dbt sources v3): the result of `tsdbt source freshness`, one entry per source.
 */
import { artifactMetadata, isoTimestamp, type ArtifactMeta } from './artifact-metadata.js';
import { freshnessJson } from './manifest-node-json.js';
import type { SourceFreshnessResult } from './source-freshness-result.js';

export interface SourcesJsonMeta extends ArtifactMeta {
  /** Seconds the whole check took. */
  readonly elapsedTime: number;
}

export const SOURCES_SCHEMA_PATH = 'sources/v3.json';

/** One `results[]` entry: dbt's SourceFreshnessOutput, or SourceFreshnessRuntimeError when the check failed. */
export function sourceFreshnessJson(result: SourceFreshnessResult): Record<string, unknown> {
  if (result.status === 'runtime error' || result.maxLoadedAt === undefined || result.snapshottedAt === undefined) {
    return {
      unique_id: result.uniqueId,
      error: result.error?.message ?? result.message ?? null,
      status: 'runtime error',
    };
  }
  const started = isoTimestamp(result.startedAt);
  return {
    unique_id: result.uniqueId,
    max_loaded_at: isoTimestamp(result.maxLoadedAt),
    snapshotted_at: isoTimestamp(result.snapshottedAt),
    max_loaded_at_time_ago_in_s: result.ageSeconds ?? (result.snapshottedAt.getTime() - result.maxLoadedAt.getTime()) / 1000,
    status: result.status,
    criteria: freshnessJson(result.criteria),
    adapter_response: result.message === undefined ? {} : { _message: result.message },
    timing: [
      { name: 'compile', started_at: started, completed_at: started },
      { name: 'execute', started_at: started, completed_at: isoTimestamp(result.completedAt) },
    ],
    thread_id: 'Thread-1',
    execution_time: result.executionTime,
  };
}

/** Builds the sources v3 object. */
export function buildSourcesJson(results: readonly SourceFreshnessResult[], meta: SourcesJsonMeta): object {
  return {
    metadata: artifactMetadata(SOURCES_SCHEMA_PATH, meta),
    results: results.map(sourceFreshnessJson),
    elapsed_time: meta.elapsedTime,
  };
}
