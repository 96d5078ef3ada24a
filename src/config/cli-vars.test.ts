import { describe, expect, it } from 'vitest';
import { parseCliVars } from './cli-vars.js';

describe('parseCliVars', () => {
  it('accepts YAML and JSON mappings', () => {
    expect(parseCliVars('{start_date: 2024-01-01, limit: 5, flag: true}')).toEqual({
      start_date: '2024-01-01',
      limit: 5,
      flag: true,
    });
    expect(parseCliVars('{"nested": {"a": [1, 2]}}')).toEqual({ nested: { a: [1, 2] } });
    expect(parseCliVars('key: value')).toEqual({ key: 'value' });
    expect(parseCliVars('  ')).toEqual({});
  });

  it('explains bad input', () => {
    expect(() => parseCliVars('[1, 2]')).toThrow('--vars must be a mapping of names to values, got a list');
    expect(() => parseCliVars('just text')).toThrow(
      '--vars must be a mapping of names to values, got a string (`just text`)',
    );
    expect(() => parseCliVars('{a: 1')).toThrow(/^--vars is not valid YAML or JSON: /);
  });
});
