/**
 * Reads a previous `run_results.json` into `unique id -> status`, what `result:<status>`
 * selectors and `tsdbt retry` need.
 */
import { TsdbtError } from '../errors/tsdbt-error.js';

/**
 * `{ 'model.shop.orders': 'error', 'test.shop.unique_orders_id': 'pass', ... }` from a parsed
 * `run_results.json` (dbt's or tsdbt's). Throws a `TsdbtError` when the value has no results list.
 */
export function readRunResults(json: unknown): Record<string, string> {
  const results = typeof json === 'object' && json !== null ? (json as { readonly results?: unknown }).results : undefined;
  if (!Array.isArray(results)) {
    throw new TsdbtError({
      kind: 'runtime',
      message: 'The previous run_results.json has no "results" list.',
      hint: 'Point --state at the target directory of a previous run.',
    });
  }
  const statuses: Record<string, string> = {};
  for (const entry of results) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { unique_id: uniqueId, status } = entry as { readonly unique_id?: unknown; readonly status?: unknown };
    if (typeof uniqueId === 'string' && typeof status === 'string') statuses[uniqueId] = status;
  }
  return statuses;
}
