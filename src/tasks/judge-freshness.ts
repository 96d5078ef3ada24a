/**
 * dbt's freshness verdict: a source is `error` once its newest row is older than
 * `error_after`, `warn` once older than `warn_after`, else `pass`. Errors win over warnings.
 */
import type { FreshnessRule, FreshnessThreshold } from '../parse/manifest.js';

const SECONDS_PER: Readonly<Record<FreshnessThreshold['period'], number>> = { minute: 60, hour: 3_600, day: 86_400 };

/** `{count: 12, period: 'hour'}` → 43200. */
export function thresholdSeconds(threshold: FreshnessThreshold): number {
  return threshold.count * SECONDS_PER[threshold.period];
}

/**
 * @example judgeFreshness({ warnAfter: { count: 1, period: 'hour' } }, 7200) // 'warn'
 */
export function judgeFreshness(rule: FreshnessRule, ageSeconds: number): 'pass' | 'warn' | 'error' {
  // dbt compares with `>`: exactly at the limit is still fresh.
  if (rule.errorAfter !== undefined && ageSeconds > thresholdSeconds(rule.errorAfter)) return 'error';
  if (rule.warnAfter !== undefined && ageSeconds > thresholdSeconds(rule.warnAfter)) return 'warn';
  return 'pass';
}
