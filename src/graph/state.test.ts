import { describe, expect, it } from 'vitest';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { Manifest } from '../parse/manifest.js';
import { macro, manifestOf, model, source, test } from '../testing/manifest-factory.js';
import { buildDag } from './build-dag.js';
import { selectNodes, type SelectNodesOptions } from './select-nodes.js';
import { captureState, nodeFingerprint, stableHash, type PreviousState } from './state.js';

const CENTS = 'macro.shop.cents_to_dollars';

const before = manifestOf(
  macro('cents_to_dollars', '{% macro cents_to_dollars(c) %}{{ c }} / 100{% endmacro %}'),
  model('a'),
  model('b', { refs: ['a'] }),
  model('c', { refs: ['b'], macros: [CENTS] }),
  model('d', { refs: ['a'], config: { contract: { enforced: true } }, columns: [{ name: 'id', dataType: 'int' }] }),
  model('f', { refs: ['a'] }),
  test('not_null_b_id', { refs: ['b'], generic: 'not_null' }),
);

const after = manifestOf(
  macro('cents_to_dollars', '{% macro cents_to_dollars(c) %}{{ c }} / 100.0{% endmacro %}'),
  model('a'),
  model('b', { refs: ['a'], rawCode: "select id from {{ ref('a') }} where id > 0" }),
  model('c', { refs: ['b'], macros: [CENTS] }),
  model('d', { refs: ['a'], config: { contract: { enforced: true } }, columns: [{ name: 'id', dataType: 'bigint' }] }),
  model('e', { refs: ['a'] }),
  model('f', { refs: ['a'], config: { materialized: 'table' } }),
  test('not_null_b_id', { refs: ['b'], generic: 'not_null' }),
);

const state = captureState(before);

function names(manifest: Manifest, options: SelectNodesOptions): string[] {
  return selectNodes(manifest, buildDag(manifest), options)
    .map((id) => manifest.nodes[id].name)
    .sort();
}

function selected(select: string, extra: SelectNodesOptions = {}): string[] {
  return names(after, { select: [select], state, resourceTypes: ['model'], ...extra });
}

function selectionError(run: () => unknown): TsdbtError {
  try {
    run();
  } catch (error) {
    if (error instanceof TsdbtError) return error;
    throw error;
  }
  throw new Error('expected a selection error');
}

describe('nodeFingerprint', () => {
  it('hashes config independently of key order and tracks macros and contracts', () => {
    expect(stableHash({ b: 1, a: [1, { d: 2, c: undefined }] })).toBe(stableHash({ a: [1, { d: 2 }], b: 1 }));
    const fingerprint = nodeFingerprint(after.nodes['model.shop.d']);
    expect(fingerprint.checksum).toBe(after.nodes['model.shop.d'].checksum);
    expect(fingerprint.contractHash).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint.contractHash).not.toBe(nodeFingerprint(before.nodes['model.shop.d']).contractHash);
    expect(nodeFingerprint(after.nodes['model.shop.c']).macros).toEqual([CENTS]);
    expect(nodeFingerprint(after.nodes['model.shop.a']).contractHash).toBeUndefined();
  });
});

describe('state: selectors', () => {
  it('state:new selects nodes absent from the previous run', () => {
    expect(selected('state:new')).toEqual(['e']);
    expect(selected('state:old')).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('state:modified covers new, body, configs, macros and contract changes', () => {
    expect(selected('state:modified')).toEqual(['b', 'c', 'd', 'e', 'f']);
    expect(selected('state:unmodified')).toEqual(['a']);
  });

  it('state:modified.<aspect> narrows to one kind of change', () => {
    expect(selected('state:modified.body')).toEqual(['b']);
    expect(selected('state:modified.configs')).toEqual(['f']);
    expect(selected('state:modified.macros')).toEqual(['c']);
    expect(selected('state:modified.contract')).toEqual(['d']);
  });

  it('combines with graph operators and indirect selection', () => {
    expect(names(after, { select: ['state:modified.body+'], state })).toEqual(['b', 'c', 'not_null_b_id']);
    expect(selected('state:modified', { exclude: ['state:new'] })).toEqual(['b', 'c', 'd', 'f']);
  });

  it('uses the given current macro checksums instead of hashing the manifest', () => {
    expect(selected('state:modified.macros', { currentMacroChecksums: state.macroChecksums })).toEqual([]);
  });

  it('requires a previous state', () => {
    const error = selectionError(() => names(after, { select: ['state:modified+'] }));
    expect(error.kind).toBe('selection');
    expect(error.message).toBe("The selector 'state:modified' requires --state: there is no previous run to compare with");
    expect(error.hint).toContain('--state');
  });
});

describe('result: selectors', () => {
  const withResults: PreviousState = {
    ...state,
    results: { 'model.shop.b': 'error', 'model.shop.a': 'success', 'model.shop.f': 'skipped', 'test.shop.not_null_b_id': 'fail' },
  };
  const pick = (select: string): string[] => names(after, { select: [select], state: withResults, indirectSelection: 'empty' });

  it('selects by the status of the previous run', () => {
    expect(pick('result:error')).toEqual(['b']);
    expect(pick('result:error+')).toEqual(['b', 'c', 'not_null_b_id']);
    expect(pick('result:fail')).toEqual(['not_null_b_id']);
    expect(pick('result:skipped result:error')).toEqual(['b', 'f']);
    expect(pick('result:warn')).toEqual([]);
  });

  it('requires results in the state', () => {
    expect(selectionError(() => names(after, { select: ['result:error'], state })).message).toBe(
      "The selector 'result:error' requires --state with the results of a previous run",
    );
  });
});

describe('source_status: selectors', () => {
  const warehouse = manifestOf(
    source('raw', 'orders'),
    source('raw', 'customers'),
    model('stg_orders', { sources: [['raw', 'orders']] }),
    model('stg_customers', { sources: [['raw', 'customers']] }),
  );
  const freshnessState: PreviousState = {
    ...captureState(warehouse),
    sourceFreshness: {
      'source.shop.raw.orders': { maxLoadedAt: '2024-05-01T10:00:00Z', status: 'pass' },
      'source.shop.raw.customers': { maxLoadedAt: '2024-05-01T10:00:00Z', status: 'warn' },
    },
  };
  const current = {
    'source.shop.raw.orders': { maxLoadedAt: '2024-05-02T08:00:00Z' },
    'source.shop.raw.customers': { maxLoadedAt: '2024-05-01T10:00:00Z' },
  };
  const pick = (select: string): string[] =>
    names(warehouse, { select: [select], state: freshnessState, currentSourceFreshness: current });

  it('fresher and stale compare the newest loaded rows with the previous run', () => {
    expect(pick('source_status:fresher+')).toEqual(['stg_orders']);
    expect(pick('source_status:stale+')).toEqual(['stg_customers']);
    expect(pick('source_status:fresher')).toEqual([]);
  });

  it('pass, warn and error read the previous freshness status', () => {
    expect(pick('source_status:warn+')).toEqual(['stg_customers']);
    expect(pick('source_status:error+')).toEqual([]);
  });

  it('fresher needs the current freshness', () => {
    const error = selectionError(() => names(warehouse, { select: ['source_status:fresher+'], state: freshnessState }));
    expect(error.message).toBe("The selector 'source_status:fresher' needs the current source freshness to compare with");
  });

  it('a modified source selects its children with state:modified+', () => {
    const moved = manifestOf(
      source('raw', 'orders', { loadedAtField: '_loaded_at' }),
      source('raw', 'customers'),
      model('stg_orders', { sources: [['raw', 'orders']] }),
      model('stg_customers', { sources: [['raw', 'customers']] }),
    );
    expect(names(moved, { select: ['state:modified+'], state: captureState(warehouse) })).toEqual(['stg_orders']);
    // Without source fingerprints in the state, sources are never "new".
    const nodesOnly: PreviousState = { nodes: captureState(warehouse).nodes, macroChecksums: {} };
    expect(names(moved, { select: ['state:modified+'], state: nodesOnly })).toEqual([]);
  });
});
