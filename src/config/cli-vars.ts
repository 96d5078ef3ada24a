/**
 * `--vars '{key: value}'`: YAML or JSON (JSON is YAML), always a mapping.
 */
import { parse } from 'yaml';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { describeValue } from './zod-issues.js';

const HINT = `pass a mapping, e.g. --vars '{start_date: "2024-01-01", limit: 10}'`;

/**
 * Parses the text of `--vars`. Empty text gives `{}`.
 *
 * @example parseCliVars('{start_date: 2024-01-01, limit: 5}') // { start_date: '2024-01-01', limit: 5 }
 */
export function parseCliVars(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    // YAML 1.2 core schema: `2024-01-01` stays a string, as in dbt's --vars.
    value = parse(text, { prettyErrors: false });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new TsdbtError({ kind: 'config', message: `--vars is not valid YAML or JSON: ${reason}`, hint: HINT, cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TsdbtError({
      kind: 'config',
      message: `--vars must be a mapping of names to values, got ${describeValue(value)}`,
      hint: HINT,
    });
  }
  return value as Record<string, unknown>;
}
