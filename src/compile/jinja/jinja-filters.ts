/**
 * Jinja's filters with Jinja's arguments and results, registered over Nunjucks' own where
 * they differ (keyword arguments, Python truthiness, `None` printing, case-insensitive
 * `unique`/`min`/`max`, ...). Nunjucks filters kept as they are get a guard: Nunjucks would
 * read a keyword argument as a positional one, so a keyword argument fails clearly instead.
 */
import type nunjucks from 'nunjucks';
import { splitArgs } from '../call-args.js';
import { TsdbtError } from '../../errors/tsdbt-error.js';
import { formatPercent } from './python-format.js';
import { pythonJsonDumps } from './python-json.js';
import { pythonReplace, pythonStrip, pythonTitle } from './python-methods.js';
import {
  dictKeys, isPlainDict, isStringLike, pythonCompare, pythonError, pythonRepr, pythonStr, pythonTruthy, pythonTypeName,
} from './python-values.js';

type Keywords = Readonly<Record<string, unknown>>;
type Filter = (value: unknown, positional: readonly unknown[], keywords: Keywords) => unknown;

/** The value of `attribute` (dotted, integer parts index lists) on `item`, as Jinja's attrgetter. */
export function getAttribute(item: unknown, attribute: unknown): unknown {
  let value = item;
  for (const part of String(attribute).split('.')) {
    if (value === null || value === undefined) return undefined;
    const key: string | number = /^\d+$/.test(part) ? Number(part) : part;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A list of the items of any iterable value, the way Python's `list()` sees it. */
export function toList(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (isStringLike(value)) return [...value.toString()];
  if (isPlainDict(value)) return dictKeys(value);
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') return [...(value as Iterable<unknown>)];
  throw pythonError('TypeError', `'${pythonTypeName(value)}' object is not iterable`);
}

function argument(positional: readonly unknown[], keywords: Keywords, index: number, name: string, fallback?: unknown): unknown {
  if (Object.prototype.hasOwnProperty.call(keywords, name)) return keywords[name];
  return index < positional.length ? positional[index] : fallback;
}

function sortKey(value: unknown, caseSensitive: boolean): unknown {
  return !caseSensitive && isStringLike(value) ? value.toString().toLowerCase() : value;
}

/** Registers the Jinja filters on `env`. */
export function registerJinjaFilters(env: nunjucks.Environment): void {
  const runTest = (name: unknown, value: unknown, args: readonly unknown[]): boolean => {
    if (name === undefined) return pythonTruthy(value);
    const test = (env as unknown as { getTest(name: string): (...args: unknown[]) => unknown }).getTest(String(name));
    return pythonTruthy(test(value, ...args));
  };
  const selectBy = (keep: boolean, byAttribute: boolean): Filter => (value, positional) => {
    const [attribute, testName, ...args] = byAttribute ? positional : [undefined, ...positional];
    return toList(value).filter((item) => runTest(testName, byAttribute ? getAttribute(item, attribute) : item, args) === keep);
  };
  const minMax = (sign: number): Filter => (value, positional, keywords) => {
    const caseSensitive = pythonTruthy(argument(positional, keywords, 0, 'case_sensitive', false));
    const attribute = argument(positional, keywords, 1, 'attribute');
    const items = toList(value);
    if (items.length === 0) return undefined;
    const key = (item: unknown) => sortKey(attribute === undefined || attribute === null ? item : getAttribute(item, attribute), caseSensitive);
    return items.reduce((best, item) => (sign * pythonCompare(key(item), key(best)) > 0 ? item : best));
  };

  const filters: Readonly<Record<string, Filter>> = {
    tojson: (value, positional, keywords) => {
      const indent = argument(positional, keywords, 0, 'indent');
      return pythonJsonDumps(value, {
        sortKeys: pythonTruthy(keywords.sort_keys ?? true),
        indent: indent === undefined || indent === null ? undefined : Number(indent),
        htmlSafe: true,
      });
    },
    selectattr: selectBy(true, true),
    rejectattr: selectBy(false, true),
    select: selectBy(true, false),
    reject: selectBy(false, false),
    map: (value, positional, keywords) => {
      const items = toList(value);
      if (keywords.attribute !== undefined) {
        return items.map((item) => {
          const found = getAttribute(item, keywords.attribute);
          return found === undefined ? keywords.default : found;
        });
      }
      const [name, ...args] = positional;
      if (name === undefined) return items;
      const filter = (env as unknown as { getFilter(name: string): (...args: unknown[]) => unknown }).getFilter(String(name));
      return items.map((item) => filter(item, ...args));
    },
    unique: (value, positional, keywords) => {
      const caseSensitive = pythonTruthy(argument(positional, keywords, 0, 'case_sensitive', false));
      const attribute = argument(positional, keywords, 1, 'attribute');
      const seen = new Set<unknown>();
      return toList(value).filter((item) => {
        const key = sortKey(attribute === undefined || attribute === null ? item : getAttribute(item, attribute), caseSensitive);
        const identity = typeof key === 'object' && key !== null ? pythonRepr(key) : key;
        if (seen.has(identity)) return false;
        seen.add(identity);
        return true;
      });
    },
    list: (value) => [...toList(value)],
    join: (value, positional, keywords) => {
      const separator = pythonStr(argument(positional, keywords, 0, 'd', ''));
      const attribute = argument(positional, keywords, 1, 'attribute');
      return toList(value)
        .map((item) => pythonStr(attribute === undefined || attribute === null ? item : getAttribute(item, attribute)))
        .join(separator);
    },
    default: (value, positional, keywords) => {
      const fallback = argument(positional, keywords, 0, 'default_value', '');
      const boolean = pythonTruthy(argument(positional, keywords, 1, 'boolean', false));
      return value === undefined || (boolean && !pythonTruthy(value)) ? fallback : value;
    },
    length: (value) => (value === undefined || value === null ? 0 : isPlainDict(value) ? dictKeys(value).length : toList(value).length),
    sum: (value, positional, keywords) => {
      const attribute = argument(positional, keywords, 0, 'attribute');
      const start = argument(positional, keywords, 1, 'start', 0);
      return toList(value).reduce<number>((total, item) => {
        const addend = attribute === undefined || attribute === null ? item : getAttribute(item, attribute);
        if (typeof addend !== 'number' && typeof addend !== 'boolean') {
          throw pythonError('TypeError', `unsupported operand type(s) for +: 'int' and '${pythonTypeName(addend)}'`);
        }
        return total + Number(addend);
      }, Number(start));
    },
    min: minMax(-1),
    max: minMax(1),
    items: (value) => {
      if (value === undefined) return [];
      if (!isPlainDict(value)) throw pythonError('TypeError', `Can only get item pairs from a mapping, not ${pythonTypeName(value)}`);
      return dictKeys(value).map((key) => [key, value[key]]);
    },
    batch: (value, positional, keywords) => {
      const size = Number(argument(positional, keywords, 0, 'linecount'));
      const fill = argument(positional, keywords, 1, 'fill_with');
      const items = toList(value);
      const batches: unknown[][] = [];
      for (let index = 0; index < items.length; index += size) batches.push(items.slice(index, index + size));
      const lastBatch = batches[batches.length - 1];
      if (fill !== undefined && fill !== null && lastBatch) while (lastBatch.length < size) lastBatch.push(fill);
      return batches;
    },
    lower: (value) => pythonStr(value).toLowerCase(),
    upper: (value) => pythonStr(value).toUpperCase(),
    capitalize: (value) => {
      const text = pythonStr(value);
      return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
    },
    title: (value) => pythonTitle(pythonStr(value)),
    replace: (value, positional, keywords) =>
      pythonReplace(
        pythonStr(value),
        pythonStr(argument(positional, keywords, 0, 'old')),
        pythonStr(argument(positional, keywords, 1, 'new')),
        Number(argument(positional, keywords, 2, 'count', -1) ?? -1),
      ),
    trim: (value, positional, keywords) => pythonStrip(pythonStr(value), argument(positional, keywords, 0, 'chars'), true, true),
    int: (value, positional, keywords) => toInt(value, argument(positional, keywords, 0, 'default', 0), Number(argument(positional, keywords, 1, 'base', 10))),
    float: (value, positional, keywords) => toFloat(value, argument(positional, keywords, 0, 'default', 0)),
    string: (value) => pythonStr(value),
    round: (value, positional, keywords) =>
      roundNumber(Number(value), Number(argument(positional, keywords, 0, 'precision', 0)), String(argument(positional, keywords, 1, 'method', 'common'))),
    abs: (value) => {
      if (typeof value !== 'number' && typeof value !== 'boolean') throw pythonError('TypeError', `bad operand type for abs(): '${pythonTypeName(value)}'`);
      return Math.abs(Number(value));
    },
    first: (value) => toList(value)[0],
    last: (value) => {
      const items = toList(value);
      return items[items.length - 1];
    },
    reverse: (value) => (isStringLike(value) ? [...value.toString()].reverse().join('') : [...toList(value)].reverse()),
    sort: (value, positional, keywords) => {
      const reverse = pythonTruthy(argument(positional, keywords, 0, 'reverse', false));
      const caseSensitive = pythonTruthy(argument(positional, keywords, 1, 'case_sensitive', false));
      const attribute = argument(positional, keywords, 2, 'attribute');
      const key = (item: unknown) => sortKey(attribute === undefined || attribute === null ? item : getAttribute(item, attribute), caseSensitive);
      const sorted = [...toList(value)].sort((left, right) => pythonCompare(key(left), key(right)));
      return reverse ? sorted.reverse() : sorted;
    },
    dictsort: (value, positional, keywords) => {
      if (!isPlainDict(value)) throw pythonError('TypeError', 'dictsort needs a mapping');
      const caseSensitive = pythonTruthy(argument(positional, keywords, 0, 'case_sensitive', false));
      const byValue = argument(positional, keywords, 1, 'by', 'key') === 'value';
      const reverse = pythonTruthy(argument(positional, keywords, 2, 'reverse', false));
      const pairs = dictKeys(value).map((key) => [key, value[key]] as const);
      pairs.sort((left, right) => pythonCompare(sortKey(left[byValue ? 1 : 0], caseSensitive), sortKey(right[byValue ? 1 : 0], caseSensitive)));
      return reverse ? pairs.reverse() : pairs;
    },
    groupby: (value, positional, keywords) => {
      const attribute = argument(positional, keywords, 0, 'attribute');
      const fallback = argument(positional, keywords, 1, 'default');
      const caseSensitive = pythonTruthy(argument(positional, keywords, 2, 'case_sensitive', false));
      const keyOf = (item: unknown) => {
        const found = getAttribute(item, attribute);
        return found === undefined ? fallback : found;
      };
      const sorted = [...toList(value)].sort((left, right) => pythonCompare(sortKey(keyOf(left), caseSensitive), sortKey(keyOf(right), caseSensitive)));
      const groups: unknown[][] = [];
      for (const item of sorted) {
        const last = groups[groups.length - 1];
        if (last && pythonCompare(sortKey(last[0], caseSensitive), sortKey(keyOf(item), caseSensitive)) === 0) (last[1] as unknown[]).push(item);
        else groups.push([keyOf(item), [item]]);
      }
      // Jinja's groups are named tuples: `group.grouper` / `group.list` as well as `grouper, list`.
      return groups.map((group) => Object.assign(group, { grouper: group[0], list: group[1] }));
    },
    format: (value, positional, keywords) => {
      const named = dictKeys(keywords as Record<string, unknown>);
      if (named.length > 0 && positional.length > 0) throw pythonError('FilterArgumentError', "can't handle positional and keyword arguments at the same time");
      return formatPercent(pythonStr(value), named.length > 0 ? { ...keywords } : [...positional]);
    },
    indent: (value, positional, keywords) =>
      indentText(pythonStr(value), argument(positional, keywords, 0, 'width', 4), pythonTruthy(argument(positional, keywords, 1, 'first', false)), pythonTruthy(argument(positional, keywords, 2, 'blank', false))),
  };
  const aliases: Readonly<Record<string, string>> = { d: 'default', count: 'length' };
  const table = env as unknown as { filters: Record<string, (...args: unknown[]) => unknown> };
  for (const [name, filter] of Object.entries(table.filters)) {
    if (!(name in filters) && !(name in aliases)) table.filters[name] = guardKeywords(name, filter);
  }
  for (const [name, filter] of Object.entries(filters)) {
    env.addFilter(name, (value: unknown, ...args: unknown[]) => {
      const { positional, keywords } = splitArgs(args);
      return filter(value, positional, keywords);
    });
  }
  for (const [alias, name] of Object.entries(aliases)) env.addFilter(alias, table.filters[name]);
}

function guardKeywords(name: string, filter: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return function guarded(this: unknown, ...args: unknown[]): unknown {
    const last = args[args.length - 1] as Record<string, unknown> | undefined;
    if (args.length > 1 && last !== null && typeof last === 'object' && last.__keywords === true) {
      throw new TsdbtError({
        kind: 'template',
        message: `The filter '${name}' does not take keyword arguments here`,
        hint: `Pass the arguments of '${name}' by position.`,
      });
    }
    return filter.apply(this, args);
  };
}

function toInt(value: unknown, fallback: unknown, base: number): unknown {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : fallback;
  if (!isStringLike(value)) return fallback;
  const text = value.toString().trim().replace(/_/g, '');
  const digits = base === 16 ? text.replace(/^([+-]?)0x/i, '$1') : base === 8 ? text.replace(/^([+-]?)0o/i, '$1') : base === 2 ? text.replace(/^([+-]?)0b/i, '$1') : text;
  const valid = new RegExp(`^[+-]?[${'0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base)}]+$`, 'i');
  if (valid.test(digits)) return parseInt(digits, base);
  const asFloat = toFloat(text, undefined);
  return typeof asFloat === 'number' && Number.isFinite(asFloat) ? Math.trunc(asFloat) : fallback;
}

function toFloat(value: unknown, fallback: unknown): unknown {
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number') return value;
  if (!isStringLike(value)) return fallback;
  const text = value.toString().trim().replace(/_/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(text)) return NaN;
  return fallback;
}

/** Jinja's `round`: 'common' is Python's `round` (ties to even), or 'floor' / 'ceil'. */
function roundNumber(value: number, precision: number, method: string): number {
  const factor = 10 ** precision;
  const scaled = value * factor;
  if (method === 'floor') return Math.floor(scaled) / factor;
  if (method === 'ceil') return Math.ceil(scaled) / factor;
  if (method !== 'common') throw pythonError('FilterArgumentError', 'method must be common, ceil or floor');
  const floor = Math.floor(scaled);
  const difference = scaled - floor;
  const rounded = difference > 0.5 ? floor + 1 : difference < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return rounded / factor;
}

function indentText(text: string, width: unknown, first: boolean, blank: boolean): string {
  const indention = isStringLike(width) ? width.toString() : ' '.repeat(Number(width));
  const lines = `${text}\n`.split(/\r\n|\n|\r/);
  lines.pop();
  let result: string;
  if (blank) result = lines.join(`\n${indention}`);
  else result = [lines[0] ?? '', ...lines.slice(1).map((line) => (line ? indention + line : line))].join('\n');
  return first ? indention + result : result;
}
