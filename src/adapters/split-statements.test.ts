import { describe, expect, it } from 'vitest';
import { splitStatements, tokenizeSql } from './split-statements.js';

describe('splitStatements', () => {
  it('splits on semicolons and trims each statement', () => {
    expect(splitStatements('select 1;\n  select 2 ;select 3')).toEqual(['select 1', 'select 2', 'select 3']);
  });

  it('drops empty statements and comment-only statements', () => {
    expect(splitStatements(';;  select 1;; -- trailing note\n;/* only a comment */;')).toEqual(['select 1']);
  });

  it('does not split inside single-quoted strings, including doubled and backslash-escaped quotes', () => {
    expect(splitStatements("insert into t values ('a;b', 'it''s; fine', 'x\\';y'); select 2")).toEqual([
      "insert into t values ('a;b', 'it''s; fine', 'x\\';y')",
      'select 2',
    ]);
  });

  it('does not split inside double-quoted identifiers', () => {
    expect(splitStatements('select 1 as "a;""b"; select 2')).toEqual(['select 1 as "a;""b"', 'select 2']);
  });

  it('does not split inside $$ strings', () => {
    const body = "create function f() returns int language sql as $$ select 1; select 2 $$";
    expect(splitStatements(`${body};select 3`)).toEqual([body, 'select 3']);
  });

  it('does not split inside line and block comments, and keeps them in the statement text', () => {
    expect(splitStatements('select 1 -- a; b\n, 2; /* c; d */ select 3')).toEqual([
      'select 1 -- a; b\n, 2',
      '/* c; d */ select 3',
    ]);
  });

  it('keeps an unterminated string to the end instead of splitting inside it', () => {
    expect(splitStatements("select 'abc; select 2")).toEqual(["select 'abc; select 2"]);
  });

  it('returns nothing for an empty script', () => {
    expect(splitStatements('  \n ')).toEqual([]);
  });
});

describe('tokenizeSql', () => {
  it('round-trips the input and labels each token', () => {
    const sql = `select x::int, "Q" from t -- c\nwhere s = 'a' /* b */;`;
    const tokens = tokenizeSql(sql);
    expect(tokens.map((token) => token.text).join('')).toBe(sql);
    expect(tokens.filter((token) => token.kind !== 'whitespace').map((token) => `${token.kind}:${token.text}`)).toEqual([
      'word:select',
      'word:x',
      'symbol:::',
      'word:int',
      'symbol:,',
      'quoted-identifier:"Q"',
      'word:from',
      'word:t',
      'line-comment:-- c',
      'word:where',
      'word:s',
      'symbol:=',
      "string:'a'",
      'block-comment:/* b */',
      'semicolon:;',
    ]);
  });
});
