/**
 * Jinja's tests (`x is none`, `x is in [...]`, `selectattr('n', '>', 1)`) that Nunjucks lacks
 * or implements with JavaScript's loose equality and truthiness.
 */
import type nunjucks from 'nunjucks';
import { dictKeys, isPlainDict, isStringLike, pythonCompare, pythonEquals, pythonTruthy } from './python-values.js';

type Test = (value: unknown, other?: unknown) => boolean;

function contains(container: unknown, item: unknown): boolean {
  if (isStringLike(container)) return isStringLike(item) && container.toString().includes(item.toString());
  if (Array.isArray(container)) return container.some((candidate) => pythonEquals(candidate, item));
  if (isPlainDict(container)) return dictKeys(container).includes(String(item));
  return false;
}

const equal: Test = (value, other) => pythonEquals(value, other);
const notEqual: Test = (value, other) => !pythonEquals(value, other);
const less: Test = (value, other) => pythonCompare(value, other) < 0;
const lessOrEqual: Test = (value, other) => pythonCompare(value, other) <= 0;
const greater: Test = (value, other) => pythonCompare(value, other) > 0;
const greaterOrEqual: Test = (value, other) => pythonCompare(value, other) >= 0;

const TESTS: Readonly<Record<string, Test>> = {
  none: (value) => value === null,
  true: (value) => value === true,
  false: (value) => value === false,
  boolean: (value) => typeof value === 'boolean',
  integer: (value) => typeof value === 'number' && Number.isInteger(value),
  float: (value) => typeof value === 'number' && !Number.isInteger(value),
  sequence: (value) => isStringLike(value) || Array.isArray(value) || isPlainDict(value),
  mapping: (value) => isPlainDict(value),
  string: (value) => isStringLike(value),
  in: (value, container) => contains(container, value),
  truthy: (value) => pythonTruthy(value),
  falsy: (value) => !pythonTruthy(value),
  '==': equal, eq: equal, equalto: equal,
  '!=': notEqual, ne: notEqual,
  '<': less, lt: less, lessthan: less,
  '<=': lessOrEqual, le: lessOrEqual,
  '>': greater, gt: greater, greaterthan: greater,
  '>=': greaterOrEqual, ge: greaterOrEqual,
};

/** Registers the Jinja tests on `env` (plus `filter` and `test`, which need the environment). */
export function registerJinjaTests(env: nunjucks.Environment): void {
  const tables = env as unknown as {
    filters: Record<string, unknown>;
    tests: Record<string, unknown>;
    addTest(name: string, test: (value: unknown) => boolean): void;
  };
  for (const [name, test] of Object.entries(TESTS)) tables.addTest(name, test);
  tables.addTest('filter', (value: unknown) => typeof value === 'string' && value in tables.filters);
  tables.addTest('test', (value: unknown) => typeof value === 'string' && value in tables.tests);
}
