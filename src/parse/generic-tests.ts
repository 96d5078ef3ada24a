/**
 * Generic data tests declared in YAML (`tests:`/`data_tests:` on models, columns, sources,
 * seeds, snapshots) become test nodes. Names follow dbt (`not_null_orders_order_id`,
 * `accepted_values_orders_status__placed__shipped`), shortened with a hash past 63 characters.
 */
import { createHash } from 'node:crypto';
import type { TestEntry } from './property-shapes.js';
import { TsdbtError } from '../errors/tsdbt-error.js';

/** Config keys a test entry may carry beside its arguments (dbt accepts both places). */
const TEST_CONFIG_KEYS = new Set([
  'severity', 'error_if', 'warn_if', 'where', 'limit', 'store_failures', 'store_failures_as',
  'enabled', 'tags', 'meta', 'schema', 'alias', 'database', 'fail_calc',
]);

export interface GenericTestSpec {
  readonly testName: string;
  readonly namespace?: string;
  /** Explicit name given with `name:`. */
  readonly customName?: string;
  readonly kwargs: Readonly<Record<string, unknown>>;
  readonly config: Readonly<Record<string, unknown>>;
}

/** Read one YAML test entry (`unique`, `{accepted_values: {...}}`, `{name:, test_name:, ...}`). */
export function readTestEntry(entry: TestEntry, where: { file: string; line?: number }): GenericTestSpec {
  if (typeof entry === 'string') return splitNamespace(entry, {}, {}, undefined);
  const keys = Object.keys(entry);
  if (typeof entry.test_name === 'string') {
    const { test_name: testName, name, config, arguments: args, ...rest } = entry as Record<string, unknown>;
    return fromBody(String(testName), { ...(rest as object), ...(args as object), config }, typeof name === 'string' ? name : undefined);
  }
  if (keys.length !== 1) {
    throw new TsdbtError({
      kind: 'config',
      message: `A test entry must have exactly one key, the test name; got ${keys.map((key) => `'${key}'`).join(', ')}`,
      file: where.file,
      line: where.line,
      hint: "Write it as '- accepted_values: {values: [...]}' or give 'name:' and 'test_name:'.",
    });
  }
  const testName = keys[0];
  const body = entry[testName];
  return fromBody(testName, body ?? {}, undefined);
}

function fromBody(testName: string, body: unknown, customName: string | undefined): GenericTestSpec {
  const kwargs: Record<string, unknown> = {};
  const config: Record<string, unknown> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key === 'config' && value && typeof value === 'object') Object.assign(config, value);
      else if (key === 'arguments' && value && typeof value === 'object') Object.assign(kwargs, value);
      else if (key === 'name' && typeof value === 'string') customName = value;
      else if (TEST_CONFIG_KEYS.has(key)) config[key] = value;
      else if (key !== 'description') kwargs[key] = value;
    }
  }
  return splitNamespace(testName, kwargs, config, customName);
}

function splitNamespace(
  testName: string,
  kwargs: Record<string, unknown>,
  config: Record<string, unknown>,
  customName: string | undefined,
): GenericTestSpec {
  const dot = testName.lastIndexOf('.');
  return dot === -1
    ? { testName, kwargs, config, customName }
    : { testName: testName.slice(dot + 1), namespace: testName.slice(0, dot), kwargs, config, customName };
}

function flattenArgument(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(flattenArgument);
  if (value && typeof value === 'object') return Object.values(value).flatMap(flattenArgument);
  if (value === null || value === undefined) return [];
  return [String(value)];
}

/** dbt-style test name from the test, the tested node, the column and the argument values. */
export function genericTestName(spec: GenericTestSpec, targetName: string, columnName: string | undefined): string {
  if (spec.customName) return spec.customName;
  const argumentParts = Object.entries(spec.kwargs)
    .filter(([key]) => key !== 'column_name' && key !== 'model')
    .flatMap(([, value]) => flattenArgument(value));
  const raw = [spec.namespace?.replaceAll('.', '_'), spec.testName, targetName, columnName].filter(Boolean).join('_');
  const withArgs = argumentParts.length ? `${raw}__${argumentParts.join('__')}` : raw;
  const clean = withArgs.replace(/[^A-Za-z0-9_]+/g, '_');
  if (clean.length <= 63) return clean;
  const hash = createHash('md5').update(clean).digest('hex').slice(0, 10);
  return `${clean.slice(0, 52)}_${hash}`;
}

/** `ref('x')` / `source('a', 'b')` inside a test argument string (relationships' `to`). */
export function dependencyInArgument(value: unknown): { readonly ref?: string; readonly source?: readonly [string, string] } {
  if (typeof value !== 'string') return {};
  const ref = /ref\(\s*['"]([^'"]+)['"]\s*\)/.exec(value);
  if (ref) return { ref: ref[1] };
  const source = /source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/.exec(value);
  if (source) return { source: [source[1], source[2]] };
  return {};
}
