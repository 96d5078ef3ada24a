/**
 * Python's view of JavaScript values: how Jinja prints them (`str`), shows them inside
 * containers (`repr`), tests them (`bool`) and compares them (`==`).
 *
 * Jinja renders `{{ none }}` as `None`, `{{ true }}` as `True` and `{{ ['a'] }}` as `['a']`;
 * Nunjucks renders '', 'true' and 'a'. dbt projects print such values into SQL (for example a
 * boolean `var()`), so the compiled SQL must match what dbt would produce.
 */
import { TsdbtError } from '../../errors/tsdbt-error.js';

/** True for `{}` literals and other plain dictionaries (not class instances). */
export function isPlainDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A string or a Nunjucks SafeString (a `String` subclass). */
export function isStringLike(value: unknown): value is string | String {
  return typeof value === 'string' || value instanceof String;
}

/** The keys of a dictionary as Python sees them (Nunjucks' keyword-argument marker excluded). */
export function dictKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => key !== '__keywords');
}

/** Python's `str(value)`; `undefined` (Jinja's Undefined) prints as ''. */
export function pythonStr(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof String) return value.toString();
  return pythonRepr(value);
}

/** Python's `repr(value)`, used for values inside lists and dicts. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return quotePython(value);
  if (value instanceof String) return quotePython(value.toString());
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (isPlainDict(value)) {
    return `{${dictKeys(value).map((key) => `${quotePython(key)}: ${pythonRepr(value[key])}`).join(', ')}}`;
  }
  return String(value);
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return String(value);
}

function quotePython(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
  if (quote === "'") body = body.replace(/'/g, "\\'");
  return `${quote}${body}${quote}`;
}

/** Python's truthiness: empty strings, lists and dicts are false, unlike in JavaScript. */
export function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof String) return value.length > 0;
  if (isPlainDict(value)) return dictKeys(value).length > 0;
  return Boolean(value);
}

/** Python's `==`: by value for lists and dicts, no string/number coercion. */
export function pythonEquals(left: unknown, right: unknown): boolean {
  if (left instanceof String) left = left.toString();
  if (right instanceof String) right = right.toString();
  if (left === right) return true;
  if (left === null || left === undefined || right === null || right === undefined) return (left ?? null) === (right ?? null);
  const isNumeric = (value: unknown): boolean => typeof value === 'number' || typeof value === 'boolean';
  if (isNumeric(left) && isNumeric(right)) return Number(left) === Number(right);
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => pythonEquals(item, right[index]));
  }
  if (isPlainDict(left) && isPlainDict(right)) {
    const keys = dictKeys(left);
    return keys.length === dictKeys(right).length && keys.every((key) => key in right && pythonEquals(left[key], right[key]));
  }
  return false;
}

/** Python's type name of a value, for error messages that read like Jinja's. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (isStringLike(value)) return 'str';
  if (Array.isArray(value)) return 'list';
  if (isPlainDict(value)) return 'dict';
  if (typeof value === 'function') return 'function';
  return (value as object).constructor?.name ?? 'object';
}

/** A Python exception raised by a method or operator; becomes a template error at its line. */
export function pythonError(type: string, message: string): TsdbtError {
  return new TsdbtError({ kind: 'template', message: `${type}: ${message}` });
}

/** Python's ordering for `sort`, `min` and `max`: numbers by value, strings by code point. */
export function pythonCompare(left: unknown, right: unknown): number {
  const a = left instanceof String ? left.toString() : left;
  const b = right instanceof String ? right.toString() : right;
  const numeric = (typeof a === 'number' || typeof a === 'boolean') && (typeof b === 'number' || typeof b === 'boolean');
  if (numeric) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let index = 0; index < Math.min(a.length, b.length); index++) {
      const order = pythonCompare(a[index], b[index]);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  throw pythonError('TypeError', `'<' not supported between instances of '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`);
}
