import { describe, expect, it } from 'vitest';
import { hasWildcard, matchesShellPattern } from './shell-pattern.js';

describe('matchesShellPattern', () => {
  it('supports *, ? and character classes like fnmatch', () => {
    expect(matchesShellPattern('stg_orders', 'stg_*')).toBe(true);
    expect(matchesShellPattern('fct_orders', 'stg_*')).toBe(false);
    expect(matchesShellPattern('stg_a', 'stg_?')).toBe(true);
    expect(matchesShellPattern('stg_ab', 'stg_?')).toBe(false);
    expect(matchesShellPattern('stg_b', 'stg_[a-c]')).toBe(true);
    expect(matchesShellPattern('stg_b', 'stg_[!a-c]')).toBe(false);
  });

  it('treats regex characters literally and is case-sensitive', () => {
    expect(matchesShellPattern('a.b', 'a.*')).toBe(true);
    expect(matchesShellPattern('axb', 'a.b')).toBe(false);
    expect(matchesShellPattern('(x)+', '(x)+')).toBe(true);
    expect(matchesShellPattern('STG_orders', 'stg_*')).toBe(false);
    expect(hasWildcard('stg_orders')).toBe(false);
  });
});
