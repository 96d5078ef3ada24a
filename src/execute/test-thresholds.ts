/**
 * dbt's `error_if` / `warn_if`: a comparison against the failure count, like `!=0`, `>10`,
 * `>=5`. Errors win over warnings; severity `warn` never errors.
 */
import { TsdbtError } from '../errors/tsdbt-error.js';

export function crosses(condition: string, failures: number): boolean {
  const match = /^\s*(!=|<>|>=|<=|==|=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/.exec(condition);
  if (!match) {
    throw new TsdbtError({ kind: 'config', message: `Invalid test threshold '${condition}'`, hint: "Write it like '>10', '!=0' or '>=5'." });
  }
  const limit = Number(match[2]);
  switch (match[1]) {
    case '!=':
    case '<>':
      return failures !== limit;
    case '>=':
      return failures >= limit;
    case '<=':
      return failures <= limit;
    case '==':
    case '=':
      return failures === limit;
    case '>':
      return failures > limit;
    default:
      return failures < limit;
  }
}

export type TestVerdict = 'pass' | 'warn' | 'fail';

export function judgeTest(config: Readonly<Record<string, unknown>>, failures: number): TestVerdict {
  const severity = String(config.severity ?? 'ERROR').toUpperCase();
  const errorIf = String(config.error_if ?? '!=0');
  const warnIf = String(config.warn_if ?? '!=0');
  if (severity === 'ERROR' && crosses(errorIf, failures)) return 'fail';
  if (crosses(warnIf, failures)) return 'warn';
  return 'pass';
}
