/**
 * Python's `json.dumps` output format (`{"a": 1, "b": [1, 2]}`: a space after `,` and `:`,
 * non-ASCII escaped), used by Jinja's `tojson` filter, which also sorts keys and escapes
 * `< > & '` so the result can sit inside a quoted string.
 */
import { dictKeys, isPlainDict, isStringLike } from './python-values.js';

export interface PythonJsonOptions {
  readonly sortKeys?: boolean;
  /** Spaces per level; undefined for one line. */
  readonly indent?: number;
  /** Escape `< > & '` as Jinja's `htmlsafe_json_dumps` does. */
  readonly htmlSafe?: boolean;
}

/** Serialises `value` exactly as Python's `json.dumps` would (with `ensure_ascii`). */
export function pythonJsonDumps(value: unknown, options: PythonJsonOptions = {}): string {
  const text = dump(value, options, 0);
  return options.htmlSafe
    ? text.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027')
    : text;
}

function dump(value: unknown, options: PythonJsonOptions, level: number): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : String(value);
  if (isStringLike(value)) return quote(value.toString());
  if (Array.isArray(value)) return container('[', ']', value.map((item) => dump(item, options, level + 1)), options, level);
  const object = toDict(value);
  let keys = dictKeys(object).filter((key) => object[key] !== undefined && typeof object[key] !== 'function');
  if (options.sortKeys) keys = [...keys].sort();
  const members = keys.map((key) => `${quote(key)}: ${dump(object[key], options, level + 1)}`);
  return container('{', '}', members, options, level);
}

function toDict(value: unknown): Record<string, unknown> {
  if (isPlainDict(value)) return value;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') {
    const converted = withJson.toJSON();
    return isPlainDict(converted) ? converted : { value: converted };
  }
  return { ...(value as Record<string, unknown>) };
}

function container(open: string, close: string, members: readonly string[], options: PythonJsonOptions, level: number): string {
  if (members.length === 0) return open + close;
  if (options.indent === undefined) return open + members.join(', ') + close;
  const inner = '\n' + ' '.repeat(options.indent * (level + 1));
  const outer = '\n' + ' '.repeat(options.indent * level);
  return open + inner + members.join(',' + inner) + outer + close;
}

function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
