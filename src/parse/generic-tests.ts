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
