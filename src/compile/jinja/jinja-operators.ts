/**
 * Jinja's operators and value printing, called from templates compiled with the
 * compatibility patches in place of Nunjucks' plain JavaScript operators
 * (which turn `[1] + [2]` into "12", `'-' * 3` into NaN and `-7 % 3` into -1).
 */
import { formatPercent } from './python-format.js';
import { dictKeys, isPlainDict, isStringLike, pythonEquals, pythonError, pythonStr, pythonTypeName } from './python-values.js';

function isNumeric(value: unknown): value is number | boolean {
  return typeof value === 'number' || typeof value === 'boolean';
}

/** `{{ value }}`: Python's `str()` (None → "None", True → "True", lists as Python lists). */
export function renderValue(value: unknown, autoescape: boolean, escape: (text: string) => string): string {
  const text = pythonStr(value);
  return autoescape && !(value instanceof String) ? escape(text) : text;
}

/** `a ~ b`: both sides through `str()`, undefined as ''. */
export function concatValues(left: unknown, right: unknown): string {
  return pythonStr(left) + pythonStr(right);
}

/** `a + b` with Python's types: numbers add, strings and lists concatenate, anything else fails. */
export function addValues(left: unknown, right: unknown): unknown {
  if (isNumeric(left) && isNumeric(right)) return Number(left) + Number(right);
  if (isStringLike(left) && isStringLike(right)) return left.toString() + right.toString();
  if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
  if (isStringLike(left)) throw pythonError('TypeError', `can only concatenate str (not "${pythonTypeName(right)}") to str`);
  throw pythonError('TypeError', `unsupported operand type(s) for +: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`);
}

/** `a * b`: numbers multiply, a string or list times an integer repeats. */
export function multiplyValues(left: unknown, right: unknown): unknown {
  if (isNumeric(left) && isNumeric(right)) return Number(left) * Number(right);
  const [sequence, count] = isNumeric(left) ? [right, Number(left)] : [left, Number(right)];
  if ((isNumeric(left) || isNumeric(right)) && Number.isInteger(count)) {
    if (isStringLike(sequence)) return sequence.toString().repeat(Math.max(count, 0));
    if (Array.isArray(sequence)) return Array.from({ length: Math.max(count, 0) }, () => sequence).flat(1);
  }
  throw pythonError('TypeError', `unsupported operand type(s) for *: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`);
}

/** `a % b`: printf-style formatting for strings, Python's modulo (sign of the divisor) for numbers. */
export function moduloValues(left: unknown, right: unknown): unknown {
  if (isStringLike(left)) return formatPercent(left.toString(), right);
  if (isNumeric(left) && isNumeric(right)) {
    const divisor = Number(right);
    if (divisor === 0) throw pythonError('ZeroDivisionError', 'integer modulo by zero');
    return ((Number(left) % divisor) + divisor) % divisor;
  }
  throw pythonError('TypeError', `unsupported operand type(s) for %: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`);
}

/** `a == b` with Python's equality (no '1' == 1, lists and dicts by value). */
export function equalValues(left: unknown, right: unknown): boolean {
  return pythonEquals(left, right);
}

function sliceBound(value: unknown, length: number, fallback: number, step: number): number {
  if (value === null || value === undefined) return fallback;
  let index = Math.trunc(Number(value));
  if (index < 0) index += length;
  return step > 0 ? Math.min(Math.max(index, 0), length) : Math.min(Math.max(index, -1), length - 1);
}

/** `value[start:stop:step]` with Python's slicing; strings stay strings. */
export function sliceValue(value: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const stride = step === null || step === undefined ? 1 : Math.trunc(Number(step));
  if (stride === 0) throw pythonError('ValueError', 'slice step cannot be zero');
  const isText = isStringLike(value);
  const items: readonly unknown[] = isText ? [...value.toString()] : Array.isArray(value) ? value : [];
  const length = items.length;
  const from = sliceBound(start, length, stride > 0 ? 0 : length - 1, stride);
  const to = sliceBound(stop, length, stride > 0 ? length : -1, stride);
  const result: unknown[] = [];
  for (let index = from; stride > 0 ? index < to : index > to; index += stride) result.push(items[index]);
  return isText ? result.join('') : result;
}

/** The items a `for ... if` loop filters: dicts give keys (or key/value pairs for two names). */
export function loopItems(value: unknown, nameCount: number, fromIterator: (value: unknown) => unknown): readonly unknown[] {
  if (value === null || value === undefined) return [];
  if (isStringLike(value)) return [...value.toString()];
  if (isPlainDict(value)) return nameCount > 1 ? dictKeys(value).map((key) => [key, value[key]]) : dictKeys(value);
  const items = fromIterator(value);
  if (Array.isArray(items)) return items;
  throw pythonError('TypeError', `'${pythonTypeName(value)}' object is not iterable`);
}
