import { describe, expect, it } from 'vitest';
import { pythonMethod } from './python-methods.js';

const call = (value: unknown, name: string, ...args: unknown[]): unknown => {
  const method = pythonMethod(value, name);
  if (!method) throw new Error(`no method ${name}`);
  return method(...args);
};
const kw = (values: Record<string, unknown>) => ({ ...values, __keywords: true });

describe('python string methods', () => {
  it('split like Python', () => {
    expect(call(' a  b ', 'split')).toEqual(['a', 'b']);
    expect(call('a,b,', 'split', ',')).toEqual(['a', 'b', '']);
    expect(call('a,b,c', 'split', ',', 1)).toEqual(['a', 'b,c']);
    expect(call('  a b  c ', 'split', null, 1)).toEqual(['a', 'b  c']);
    expect(call('', 'split')).toEqual([]);
    expect(call('', 'split', ',')).toEqual(['']);
    expect(() => call('a', 'split', '')).toThrow('ValueError: empty separator');
  });

  it('format with positional, numbered, named and spec fields', () => {
    expect(call('{0}-{name}', 'format', 1, kw({ name: 'x' }))).toBe('1-x');
    expect(call('{}+{}={}', 'format', 1, 2, 3)).toBe('1+2=3');
    expect(call('{{literal}} {:>5}|{:<4}|{:.2f}|{:,}|{:05d}', 'format', 'ab', 'c', 3.14159, 1234567, 42)).toBe('{literal}    ab|c   |3.14|1,234,567|00042');
    expect(call('{0.name} {1[k]}', 'format', { name: 'n' }, { k: 'v' })).toBe('n v');
    expect(() => call('{missing}', 'format')).toThrow("KeyError: 'missing'");
  });

  it('strip, lstrip, rstrip with and without chars', () => {
    expect(call('  x \n', 'strip')).toBe('x');
    expect(call('xxaxx', 'strip', 'x')).toBe('a');
    expect(call('__a__', 'lstrip', '_')).toBe('a__');
    expect(call('__a__', 'rstrip', '_')).toBe('__a');
  });

  it('replace every occurrence, or count of them', () => {
    expect(call('a.b.c', 'replace', '.', '_')).toBe('a_b_c');
    expect(call('a.b.c', 'replace', '.', '_', 1)).toBe('a_b.c');
    expect(call('ab', 'replace', '', '-')).toBe('-a-b-');
  });

  it('startswith/endswith accept a tuple (list) of candidates', () => {
    expect(call('stg_orders', 'startswith', ['int_', 'stg_'])).toBe(true);
    expect(call('stg_orders', 'endswith', 'orders')).toBe(true);
    expect(call('stg_orders', 'startswith', 'fct_')).toBe(false);
  });

  it('case, search and predicate methods', () => {
    expect(call('hello WORLD', 'upper')).toBe('HELLO WORLD');
    expect(call('Hello', 'lower')).toBe('hello');
    expect(call("they're bill's", 'title')).toBe("They'Re Bill'S");
    expect(call('hELLO', 'capitalize')).toBe('Hello');
    expect(call('banana', 'count', 'an')).toBe(2);
    expect(call('banana', 'find', 'na')).toBe(2);
    expect(call('banana', 'find', 'x')).toBe(-1);
    expect(call('123', 'isdigit')).toBe(true);
    expect(call('12a', 'isdigit')).toBe(false);
    expect(call('', 'isdigit')).toBe(false);
    expect(call('42', 'zfill', 5)).toBe('00042');
    expect(call('-42', 'zfill', 5)).toBe('-0042');
    expect(call(', ', 'join', ['a', 'b'])).toBe('a, b');
    expect(() => call(',', 'join', ['a', 1])).toThrow('sequence item 1: expected str instance, int found');
  });
});

describe('python list methods', () => {
  it('mutate in place and return None', () => {
    const list: unknown[] = [3, 1];
    expect(call(list, 'append', 2)).toBeNull();
    call(list, 'extend', [10, 20]);
    call(list, 'insert', 0, 0);
    call(list, 'insert', -1, 15);
    expect(list).toEqual([0, 3, 1, 2, 10, 15, 20]);
    expect(call(list, 'pop')).toBe(20);
    expect(call(list, 'pop', 0)).toBe(0);
    call(list, 'remove', 10);
    expect(call(list, 'index', 2)).toBe(2);
    expect(call(list, 'count', 3)).toBe(1);
    call(list, 'sort');
    expect(list).toEqual([1, 2, 3, 15]);
    call(list, 'sort', kw({ reverse: true }));
    expect(list).toEqual([15, 3, 2, 1]);
    call(list, 'reverse');
    expect(list).toEqual([1, 2, 3, 15]);
    expect(() => call([], 'pop')).toThrow('IndexError: pop from empty list');
    expect(() => call([1], 'remove', 2)).toThrow('ValueError');
  });
});

describe('python dict methods', () => {
  it('items, keys, values, get, update, pop, setdefault', () => {
    const dict: Record<string, unknown> = { a: 1 };
    expect(call(dict, 'items')).toEqual([['a', 1]]);
    expect(call(dict, 'get', 'missing')).toBeNull();
    expect(call(dict, 'get', 'missing', 'fallback')).toBe('fallback');
    expect(call(dict, 'update', { b: 2 }, kw({ c: 3 }))).toBeNull();
    expect(call(dict, 'keys')).toEqual(['a', 'b', 'c']);
    expect(call(dict, 'values')).toEqual([1, 2, 3]);
    expect(call(dict, 'pop', 'c')).toBe(3);
    expect(call(dict, 'pop', 'c', 'gone')).toBe('gone');
    expect(() => call(dict, 'pop', 'c')).toThrow("KeyError: 'c'");
    expect(call(dict, 'setdefault', 'z', [])).toEqual([]);
    expect(dict).toEqual({ a: 1, b: 2, z: [] });
  });

  it('a key of the same name wins over the method; class instances get no dict methods', () => {
    expect(pythonMethod({ items: [1] }, 'items')).toBeUndefined();
    class Config {
      get(key: string): string {
        return `own ${key}`;
      }
    }
    expect(pythonMethod(new Config(), 'get')).toBeUndefined();
  });
});
