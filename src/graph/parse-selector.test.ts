import { describe, expect, it } from 'vitest';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { parseSelector, parseSelectors } from './parse-selector.js';

function parseError(input: string): TsdbtError {
  try {
    parseSelector(input);
  } catch (error) {
    if (error instanceof TsdbtError) return error;
    throw error;
  }
  throw new Error(`expected '${input}' to fail`);
}

describe('parseSelector', () => {
  it('reads a bare name as an implicit name criterion', () => {
    expect(parseSelector('stg_orders')).toEqual({
      kind: 'term',
      raw: 'stg_orders',
      criterion: { method: 'name', pattern: 'stg_orders', implicit: true },
      childrensParents: false,
    });
  });

  it('reads graph operators with and without depth', () => {
    expect(parseSelector('2+tag:nightly+1')).toMatchObject({
      criterion: { method: 'tag', pattern: 'nightly' },
      ancestors: 2,
      descendants: 1,
    });
    expect(parseSelector('+fct_orders+')).toMatchObject({ ancestors: 'all', descendants: 'all' });
    expect(parseSelector('@stg_orders')).toMatchObject({ childrensParents: true, criterion: { pattern: 'stg_orders' } });
  });

  it('splits spaces into a union and commas into an intersection', () => {
    const expression = parseSelector('a tag:x,config.materialized:table');
    expect(expression.kind).toBe('union');
    if (expression.kind !== 'union') return;
    expect(expression.members.map((member) => member.kind)).toEqual(['term', 'intersection']);
    expect(expression.members[1]).toMatchObject({
      kind: 'intersection',
      members: [
        { criterion: { method: 'tag', pattern: 'x' } },
        { criterion: { method: 'config', keyPath: ['materialized'], value: 'table' } },
      ],
    });
  });

  it('unions several --select values', () => {
    const expression = parseSelectors(['a', 'b c']);
    expect(expression.kind === 'union' && expression.members.map((member) => member.kind === 'term' && member.raw)).toEqual(['a', 'b', 'c']);
  });

  it('reads nested config keys, source parts and test type aliases', () => {
    expect(parseSelector('config.meta.owner:finance')).toMatchObject({ criterion: { method: 'config', keyPath: ['meta', 'owner'], value: 'finance' } });
    expect(parseSelector('source:raw')).toMatchObject({ criterion: { method: 'source', sourceName: 'raw' } });
    expect(parseSelector('source:raw.orders')).toMatchObject({ criterion: { sourceName: 'raw', tableName: 'orders' } });
    expect(parseSelector('source:shop.raw.orders')).toMatchObject({ criterion: { packageName: 'shop', sourceName: 'raw', tableName: 'orders' } });
    expect(parseSelector('test_type:schema')).toMatchObject({ criterion: { method: 'test_type', testType: 'generic' } });
    expect(parseSelector('state:modified.body')).toMatchObject({ criterion: { method: 'state', state: 'modified.body' } });
  });

  it('treats bare terms with a slash as paths and bare file names as files', () => {
    expect(parseSelector('./models/staging/')).toMatchObject({ criterion: { method: 'path', path: 'models/staging' } });
    expect(parseSelector('models/staging/stg_orders.sql')).toMatchObject({ criterion: { method: 'path', path: 'models/staging/stg_orders.sql' } });
    expect(parseSelector('stg_orders.sql')).toMatchObject({ criterion: { method: 'file', pattern: 'stg_orders.sql' } });
  });

  it('names the term and suggests a method for an unknown one', () => {
    const error = parseError('tagg:nightly');
    expect(error.kind).toBe('selection');
    expect(error.message).toBe("Invalid selector 'tagg:nightly': unknown selection method 'tagg'");
    expect(error.hint).toMatch(/^Did you mean 'tag:'\?/);
  });

  it('lists the allowed values of enumerated methods', () => {
    const error = parseError('state:modifed');
    expect(error.message).toBe(
      "Invalid selector 'state:modifed': 'modifed' is not a valid state value; expected one of new, old, modified, unmodified, modified.body, modified.configs, modified.contract, modified.macros",
    );
    expect(error.hint).toBe("Did you mean 'state:modified'?");
    expect(parseError('resource_type:modle').hint).toBe("Did you mean 'resource_type:model'?");
    expect(parseError('result:boom').message).toContain('expected one of error, fail, warn, success, skipped, pass');
  });

  it('rejects malformed terms with the reason', () => {
    expect(parseError('@+x').message).toBe("Invalid selector '@+x': the '@' and '+' prefixes cannot be combined");
    expect(parseError('a,,b').message).toBe("Invalid selector 'a,,b': an intersection has an empty member");
    expect(parseError('config:table').message).toBe("Invalid selector 'config:table': 'config' needs a key, as in config.<key>:<value>");
    expect(parseError('a+b').message).toBe("Invalid selector 'a+b': unexpected '+' inside 'a+b'");
    expect(parseError('tag:').message).toBe("Invalid selector 'tag:': nothing follows 'tag:'");
    expect(parseError('   ').message).toBe('Empty selector: expected at least one selection term');
    expect(parseError('source:a.b.c.d').message).toContain('expected source:<source>');
  });
});
