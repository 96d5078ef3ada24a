import { describe, expect, it } from 'vitest';
import { mergeConfig, normalizeConfigKey, normalizeHooks, normalizeTags } from './merge-config.js';

describe('mergeConfig', () => {
  it('appends tags without duplicates and normalises a single tag', () => {
    expect(mergeConfig({ tags: ['daily', 'core'] }, { '+tags': 'core' })).toEqual({ tags: ['daily', 'core'] });
    expect(mergeConfig({ tags: ['a'] }, { tags: ['b', 'a', 'c'] })).toEqual({ tags: ['a', 'b', 'c'] });
  });

  it('accumulates hooks in order, accepting both spellings', () => {
    const merged = mergeConfig(
      { 'pre-hook': [{ sql: 'select 1', transaction: true }] },
      { pre_hook: ['select 2', { sql: 'vacuum', transaction: false }], '+post-hook': 'grant select on t to r' },
    );
    expect(merged).toEqual({
      'pre-hook': [
        { sql: 'select 1', transaction: true },
        { sql: 'select 2', transaction: true },
        { sql: 'vacuum', transaction: false },
      ],
      'post-hook': [{ sql: 'grant select on t to r', transaction: true }],
    });
  });

  it('merges meta, grants and docs key by key', () => {
    const merged = mergeConfig(
      { meta: { owner: 'a', pii: false }, grants: { select: ['r1'] }, docs: { show: true } },
      { meta: { pii: true }, grants: { insert: ['r2'] }, docs: { node_color: 'red' } },
    );
    expect(merged).toEqual({
      meta: { owner: 'a', pii: true },
      grants: { select: ['r1'], insert: ['r2'] },
      docs: { show: true, node_color: 'red' },
    });
  });

  it('replaces everything else, and leaves its inputs untouched', () => {
    const base = { materialized: 'view', unique_key: ['a', 'b'], persist_docs: { relation: true } };
    const merged = mergeConfig(base, { materialized: 'table', unique_key: 'id', persist_docs: { columns: true } });
    expect(merged).toEqual({ materialized: 'table', unique_key: 'id', persist_docs: { columns: true } });
    expect(base.materialized).toBe('view');
  });

  it('ignores undefined overrides but lets null replace', () => {
    expect(mergeConfig({ schema: 'a', alias: 'x' }, { schema: undefined, alias: null })).toEqual({
      schema: 'a',
      alias: null,
    });
  });
});

describe('normalizers', () => {
  it('normalises keys', () => {
    expect(['+materialized', 'pre_hook', '+post_hook', 'post-hook'].map(normalizeConfigKey)).toEqual([
      'materialized',
      'pre-hook',
      'post-hook',
      'post-hook',
    ]);
  });

  it('normalises tags and rejects non-strings', () => {
    expect(normalizeTags('x')).toEqual(['x']);
    expect(normalizeTags(null)).toEqual([]);
    expect(() => normalizeTags(['a', 3])).toThrow(expect.objectContaining({ kind: 'config', message: 'tags must be strings, got 3' }));
  });

  it('normalises hooks and rejects other shapes', () => {
    expect(normalizeHooks({ sql: 'select 1' })).toEqual([{ sql: 'select 1', transaction: true }]);
    expect(() => normalizeHooks([{ sql: 'x', transaction: 'no' }])).toThrow(
      'a hook must be SQL text or {sql, transaction}, got {"sql":"x","transaction":"no"}',
    );
  });
});
