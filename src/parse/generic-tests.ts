/**
 * Generic data tests declared in YAML (`tests:`/`data_tests:` on models, columns, sources,
 * seeds, snapshots) become test nodes. Names follow dbt (`not_null_orders_order_id`,
 * `accepted_values_orders_status__placed__shipped`), shortened with a hash past 63 characters.
 */
import { createHash } from 'node:crypto';
import type { TestEntry } from './property-shapes.js';

export interface GenericTestSpec {
  readonly testName: string;
  readonly namespace?: string;
  /** Explicit name given with `name:`. */
  readonly customName?: string;
  readonly kwargs: Readonly<Record<string, unknown>>;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A normalised YAML test entry → what the test node needs (`dbt_utils.x` splits into namespace and name). */
export function readTestEntry(entry: TestEntry): GenericTestSpec {
  const dot = entry.testName.lastIndexOf('.');
  return {
    testName: dot === -1 ? entry.testName : entry.testName.slice(dot + 1),
    namespace: dot === -1 ? undefined : entry.testName.slice(0, dot),
    customName: entry.name,
    kwargs: entry.arguments,
    config: entry.config,
  };
}

/** An argument value as Python's `str()` writes it, because dbt builds test names in Python. */
function pythonText(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `'${key}': ${pythonRepr(item)}`).join(', ')}}`;
  return String(value);
}

function pythonRepr(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : pythonText(value);
}

/** dbt flattens one level: a mapping contributes its values, a list its items. */
function argumentParts(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(pythonText);
  if (value !== null && typeof value === 'object') return Object.values(value).map(pythonText);
  return [pythonText(value)];
}

/**
 * dbt-style test name from the test, the tested node, the column and the argument values
 * (dbt's `synthesize_generic_test_names`): arguments sorted by name, `column_name` among
 * them, so `relationships(to, field)` on `orders.customer_id` is
 * `relationships_orders_customer_id__customer_id__ref_customers_`.
 */
export function genericTestName(spec: GenericTestSpec, targetName: string, columnName: string | undefined): string {
  if (spec.customName) return spec.customName;
  const args: Record<string, unknown> = { ...spec.kwargs };
  if (columnName !== undefined) args.column_name = columnName;
  const parts = Object.keys(args)
    .filter((key) => key !== 'model')
    .sort()
    .flatMap((key) => argumentParts(args[key]))
    .map((part) => part.replace(/[^0-9a-zA-Z_]+/g, '_'));
  const prefix = spec.namespace ? `${spec.namespace.replaceAll('.', '_')}_` : '';
  const identifier = `${prefix}${spec.testName}_${targetName}`;
  const full = parts.length ? `${identifier}_${parts.join('__')}` : identifier;
  // dbt keeps names under 64 characters: 30 of the identifier, then an md5 of the full name.
  if (full.length < 64) return full;
  return `${identifier.slice(0, 30)}_${createHash('md5').update(full).digest('hex')}`;
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
