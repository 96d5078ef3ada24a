/**
 * The part of a node's config that `state:modified.configs` compares, in one canonical shape
 * whichever side it comes from: the in-memory config of the current parse, the `config` of a
 * `manifest.json` written by tsdbt (which adds dbt's defaults and writes hooks with an
 * index), or one written by dbt itself (which has more defaults still).
 */
import { redactArgs } from '../artifacts/redact-args.js';

type JsonRecord = Record<string, unknown>;

/**
 * Values that mean "not set": a key holding one of these compares equal to a missing key.
 * These are dbt's `NodeConfig` defaults as written to `manifest.json` (dbt-core
 * `core/dbt/artifacts/resources/v1/config.py`).
 */
const DEFAULT_VALUES: Readonly<Record<string, unknown>> = {
  enabled: true,
  lookback: 1,
  on_schema_change: 'ignore',
  on_configuration_change: 'apply',
  access: 'protected',
};

/** Extra defaults of dbt's `TestConfig`, `SeedConfig` and `SnapshotConfig`. */
const RESOURCE_DEFAULT_VALUES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  test: { schema: 'dbt_test__audit', severity: 'ERROR', fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0' },
  seed: { delimiter: ',' },
};

/** Defaults inside the nested config objects dbt always writes. */
const NESTED_DEFAULT_VALUES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  docs: { show: true },
  contract: { enforced: false, alias_types: true },
};

const HOOK_KEYS: ReadonlySet<string> = new Set(['pre-hook', 'post-hook']);

/**
 * A node config reduced to what changes behaviour: unset and default values dropped, hooks
 * as `[{sql, transaction}]` (without the position dbt writes as `index`), secrets masked
 * as in the artifacts (so a changed secret is not visible, as it never reaches the state).
 *
 * @example
 * comparableConfig({ enabled: true, materialized: 'table', tags: [], 'pre-hook': [] }, 'model')
 * // → { materialized: 'table' }
 */
export function comparableConfig(config: Readonly<Record<string, unknown>>, resourceType: string): JsonRecord {
  const defaults = { ...DEFAULT_VALUES, ...RESOURCE_DEFAULT_VALUES[resourceType] };
  const out: JsonRecord = {};
  for (const [key, raw] of Object.entries(redactArgs(config))) {
    const value = HOOK_KEYS.has(key) ? comparableHooks(raw) : withoutNulls(raw, NESTED_DEFAULT_VALUES[key]);
    if (isUnset(value) || (key in defaults && sameJson(value, defaults[key]))) continue;
    out[key] = value;
  }
  return out;
}

/** Hooks as dbt accepts them (a string, `{sql, transaction}`, or a list of either). */
function comparableHooks(hooks: unknown): unknown {
  const list = Array.isArray(hooks) ? hooks : hooks === undefined || hooks === null ? [] : [hooks];
  return list.map((hook) =>
    typeof hook === 'string'
      ? { sql: hook, transaction: true }
      : { sql: (hook as JsonRecord).sql, transaction: (hook as JsonRecord).transaction !== false },
  );
}

/** Drops `null` members of nested objects (dbt writes unset sub-options as `null`) and the given defaults. */
function withoutNulls(value: unknown, defaults: Readonly<Record<string, unknown>> | undefined): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: JsonRecord = {};
  for (const [key, member] of Object.entries(value as JsonRecord)) {
    if (member === null || member === undefined) continue;
    if (defaults !== undefined && key in defaults && sameJson(member, defaults[key])) continue;
    out[key] = withoutNulls(member, undefined);
  }
  return out;
}

function isUnset(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as JsonRecord).length === 0;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
