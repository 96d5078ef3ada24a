import type { Row } from '../adapter.js';

/**
 * DuckDB's JS conversion gives `bigint` for BIGINT/HUGEINT (count(*) among them). Tests and
 * templates want plain numbers: convert when the value fits exactly, else keep a decimal string.
 */
export function toJsValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (Array.isArray(value)) return value.map(toJsValue);
  return value;
}

export function toJsRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const key of Object.keys(row)) out[key] = toJsValue(row[key]);
  return out;
}
