/**
 * Python's `str`, `list` and `dict` methods, looked up by name on JavaScript values, with
 * Python's semantics (`'a,b,'.split(',')` keeps the empty tail, `replace` replaces every
 * occurrence, `sort` orders numbers by value).
 *
 * dbt macros call these constantly (`cols.append(c)`, `name.upper()`, `config.update({...})`);
 * JavaScript has different methods or none under the same names.
 */
import { splitArgs } from '../call-args.js';
import { formatPython } from './python-format.js';
import {
  dictKeys, isPlainDict, isStringLike, pythonCompare, pythonEquals, pythonError, pythonStr, pythonTruthy, pythonTypeName,
} from './python-values.js';

type Method<Self> = (self: Self, positional: readonly unknown[], keywords: Readonly<Record<string, unknown>>) => unknown;

/**
 * The Python method `name` of `value`, bound to it, or undefined when Python has none
 * (the caller then falls back to Nunjucks' own member lookup).
 * For dictionaries an existing key wins over a method of the same name, because Nunjucks
 * compiles `d.items` and `d['items']` to the same lookup and the key is what templates mean.
 */
export function pythonMethod(value: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  if (isStringLike(value)) return bind(STRING_METHODS, name, value.toString());
  if (Array.isArray(value)) return bind(LIST_METHODS, name, value);
  if (isPlainDict(value) && !Object.prototype.hasOwnProperty.call(value, name)) return bind(DICT_METHODS, name, value);
  return undefined;
}

function bind<Self>(table: Readonly<Record<string, Method<Self>>>, name: string, self: Self): ((...args: unknown[]) => unknown) | undefined {
  if (!Object.prototype.hasOwnProperty.call(table, name)) return undefined;
  const method = table[name];
  return (...args: unknown[]) => {
    const { positional, keywords } = splitArgs(args);
    return method(self, positional, keywords);
  };
}

function text(value: unknown, what: string): string {
  if (!isStringLike(value)) throw pythonError('TypeError', `${what} must be str, not ${pythonTypeName(value)}`);
  return value.toString();
}

function optionalInteger(value: unknown, fallback: number): number {
  return value === undefined || value === null ? fallback : Number(value);
}

const WHITESPACE = ' \t\n\r\x0b\x0c';

export function pythonStrip(self: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WHITESPACE : text(chars, 'strip arg');
  let start = 0;
  let end = self.length;
  if (left) while (start < end && set.includes(self[start])) start++;
  if (right) while (end > start && set.includes(self[end - 1])) end--;
  return self.slice(start, end);
}

/** `str.split`: runs of whitespace when `sep` is None, an exact separator otherwise. */
export function pythonSplit(self: string, separator: unknown, maxSplit: number): string[] {
  if (separator === undefined || separator === null) {
    const parts: string[] = [];
    let index = 0;
    while (index < self.length) {
      while (index < self.length && WHITESPACE.includes(self[index])) index++;
      if (index >= self.length) break;
      if (maxSplit >= 0 && parts.length === maxSplit) {
        parts.push(pythonStrip(self.slice(index), undefined, false, true));
        break;
      }
      const start = index;
      while (index < self.length && !WHITESPACE.includes(self[index])) index++;
      parts.push(self.slice(start, index));
    }
    return parts;
  }
  const sep = text(separator, 'separator');
  if (sep === '') throw pythonError('ValueError', 'empty separator');
  const parts = self.split(sep);
  if (maxSplit < 0 || parts.length <= maxSplit + 1) return parts;
  return [...parts.slice(0, maxSplit), parts.slice(maxSplit).join(sep)];
}

/** `str.replace` (every occurrence unless `count` is given). */
export function pythonReplace(self: string, old: string, replacement: string, count: number): string {
  if (count === 0) return self;
  if (old === '') {
    const pieces = [...self];
    const limit = count < 0 ? pieces.length + 1 : Math.min(count, pieces.length + 1);
    let result = '';
    for (let index = 0; index <= pieces.length; index++) result += (index < limit ? replacement : '') + (pieces[index] ?? '');
    return result;
  }
  if (count < 0) return self.split(old).join(replacement);
  const parts = self.split(old);
  return parts.length <= count + 1 ? parts.join(replacement) : parts.slice(0, count + 1).join(replacement) + old + parts.slice(count + 1).join(old);
}

function affix(self: string, candidates: unknown, start: unknown, end: unknown, atStart: boolean): boolean {
  const slice = self.slice(optionalInteger(start, 0), end === undefined || end === null ? undefined : Number(end));
  const list = Array.isArray(candidates) ? candidates : [candidates];
  return list.some((candidate) => {
    const value = text(candidate, atStart ? 'startswith first arg' : 'endswith first arg');
    return atStart ? slice.startsWith(value) : slice.endsWith(value);
  });
}

function countOccurrences(self: string, sub: string): number {
  if (sub === '') return [...self].length + 1;
  return self.split(sub).length - 1;
}

export function pythonTitle(self: string): string {
  let result = '';
  let previousCased = false;
  for (const char of self) {
    const cased = char.toLowerCase() !== char.toUpperCase();
    result += cased ? (previousCased ? char.toLowerCase() : char.toUpperCase()) : char;
    previousCased = cased;
  }
  return result;
}

function findIndex(self: string, positional: readonly unknown[], fromEnd: boolean): number {
  const sub = text(positional[0], 'find arg');
  const start = optionalInteger(positional[1], 0);
  const end = positional[2] === undefined || positional[2] === null ? self.length : Number(positional[2]);
  const window = self.slice(start < 0 ? Math.max(self.length + start, 0) : start, end);
  const found = fromEnd ? window.lastIndexOf(sub) : window.indexOf(sub);
  return found === -1 ? -1 : found + (start < 0 ? Math.max(self.length + start, 0) : start);
}

const STRING_METHODS: Readonly<Record<string, Method<string>>> = {
  upper: (self) => self.toUpperCase(),
  lower: (self) => self.toLowerCase(),
  strip: (self, [chars]) => pythonStrip(self, chars, true, true),
  lstrip: (self, [chars]) => pythonStrip(self, chars, true, false),
  rstrip: (self, [chars]) => pythonStrip(self, chars, false, true),
  split: (self, [sep, max], kw) => pythonSplit(self, kw.sep ?? sep, optionalInteger(kw.maxsplit ?? max, -1)),
  replace: (self, [old, replacement, count], kw) =>
    pythonReplace(self, text(old, 'replace arg 1'), text(replacement, 'replace arg 2'), optionalInteger(kw.count ?? count, -1)),
  startswith: (self, [prefix, start, end]) => affix(self, prefix, start, end, true),
  endswith: (self, [suffix, start, end]) => affix(self, suffix, start, end, false),
  format: (self, positional, keywords) => formatPython(self, positional, keywords),
  join: (self, [items]) => {
    const list = Array.isArray(items) ? items : isPlainDict(items) ? dictKeys(items) : isStringLike(items) ? [...items.toString()] : [];
    return list
      .map((item, index) => {
        if (!isStringLike(item)) throw pythonError('TypeError', `sequence item ${index}: expected str instance, ${pythonTypeName(item)} found`);
        return item.toString();
      })
      .join(self);
  },
  title: (self) => pythonTitle(self),
  capitalize: (self) => self.charAt(0).toUpperCase() + self.slice(1).toLowerCase(),
  count: (self, [sub]) => countOccurrences(self, text(sub, 'count arg')),
  find: (self, positional) => findIndex(self, positional, false),
  rfind: (self, positional) => findIndex(self, positional, true),
  index: (self, positional) => {
    const found = findIndex(self, positional, false);
    if (found === -1) throw pythonError('ValueError', 'substring not found');
    return found;
  },
  isdigit: (self) => /^[0-9]+$/.test(self),
  isalpha: (self) => /^\p{L}+$/u.test(self),
  isalnum: (self) => /^[\p{L}0-9]+$/u.test(self),
  isspace: (self) => /^\s+$/.test(self),
  isupper: (self) => /\p{Lu}/u.test(self) && self === self.toUpperCase(),
  islower: (self) => /\p{Ll}/u.test(self) && self === self.toLowerCase(),
  zfill: (self, [width]) => {
    const size = Number(width);
    const sign = self.startsWith('-') || self.startsWith('+') ? self[0] : '';
    const body = sign ? self.slice(1) : self;
    return self.length >= size ? self : sign + '0'.repeat(size - self.length) + body;
  },
};

function listIndex(self: unknown[], index: unknown): number {
  const position = optionalInteger(index, -1);
  return position < 0 ? self.length + position : position;
}

function sortList(self: unknown[], keywords: Readonly<Record<string, unknown>>): null {
  self.sort(pythonCompare);
  if (pythonTruthy(keywords.reverse)) self.reverse();
  return null;
}

const LIST_METHODS: Readonly<Record<string, Method<unknown[]>>> = {
  append: (self, [item]) => {
    self.push(item);
    return null;
  },
  extend: (self, [items]) => {
    const list = Array.isArray(items) ? items : isPlainDict(items) ? dictKeys(items) : isStringLike(items) ? [...items.toString()] : null;
    if (list === null) throw pythonError('TypeError', `'${pythonTypeName(items)}' object is not iterable`);
    self.push(...list);
    return null;
  },
  insert: (self, [index, item]) => {
    self.splice(Math.min(Math.max(listIndex(self, index), 0), self.length), 0, item);
    return null;
  },
  pop: (self, [index]) => {
    if (self.length === 0) throw pythonError('IndexError', 'pop from empty list');
    const position = listIndex(self, index);
    if (position < 0 || position >= self.length) throw pythonError('IndexError', 'pop index out of range');
    return self.splice(position, 1)[0];
  },
  remove: (self, [item]) => {
    const position = self.findIndex((candidate) => pythonEquals(candidate, item));
    if (position === -1) throw pythonError('ValueError', 'list.remove(x): x not in list');
    self.splice(position, 1);
    return null;
  },
  index: (self, [item]) => {
    const position = self.findIndex((candidate) => pythonEquals(candidate, item));
    if (position === -1) throw pythonError('ValueError', `${pythonStr(item)} is not in list`);
    return position;
  },
  count: (self, [item]) => self.filter((candidate) => pythonEquals(candidate, item)).length,
  sort: (self, _positional, keywords) => sortList(self, keywords),
  reverse: (self) => {
    self.reverse();
    return null;
  },
  copy: (self) => [...self],
  clear: (self) => {
    self.length = 0;
    return null;
  },
};

function updateDict(self: Record<string, unknown>, positional: readonly unknown[], keywords: Readonly<Record<string, unknown>>): null {
  const [other] = positional;
  if (isPlainDict(other)) for (const key of dictKeys(other)) self[key] = other[key];
  else if (Array.isArray(other)) for (const pair of other as unknown[][]) self[String(pair[0])] = pair[1];
  else if (other !== undefined && other !== null) throw pythonError('TypeError', `'${pythonTypeName(other)}' object is not iterable`);
  for (const key of Object.keys(keywords)) self[key] = keywords[key];
  return null;
}

const DICT_METHODS: Readonly<Record<string, Method<Record<string, unknown>>>> = {
  items: (self) => dictKeys(self).map((key) => [key, self[key]]),
  keys: (self) => dictKeys(self),
  values: (self) => dictKeys(self).map((key) => self[key]),
  get: (self, [key, fallback]) => (Object.prototype.hasOwnProperty.call(self, String(key)) ? self[String(key)] : fallback ?? null),
  update: (self, positional, keywords) => updateDict(self, positional, keywords),
  pop: (self, positional) => {
    const key = String(positional[0]);
    if (Object.prototype.hasOwnProperty.call(self, key)) {
      const value = self[key];
      delete self[key];
      return value;
    }
    if (positional.length > 1) return positional[1];
    throw pythonError('KeyError', `'${key}'`);
  },
  setdefault: (self, [key, fallback]) => {
    const name = String(key);
    if (!Object.prototype.hasOwnProperty.call(self, name)) self[name] = fallback ?? null;
    return self[name];
  },
  copy: (self) => {
    const copy: Record<string, unknown> = {};
    for (const key of dictKeys(self)) copy[key] = self[key];
    return copy;
  },
};
