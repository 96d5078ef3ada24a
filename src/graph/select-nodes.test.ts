import { describe, expect, it } from 'vitest';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { Manifest, ResourceType } from '../parse/manifest.js';
import { analysis, manifestOf, model, seed, source, test, unitTest } from '../testing/manifest-factory.js';
import { buildDag } from './build-dag.js';
import { selectNodes, selectNodesDetailed, type SelectNodesOptions } from './select-nodes.js';

/*
 * raw.orders ──▶ stg_orders ──▶ int_orders ──▶ fct_orders ──▶ revenue_check (analysis)
 * stripe.payments ─▶ stg_payments ─┘             ▲   ▲
 * raw.customers ──▶ stg_customers ───────────────┘   └── tests: relationships (+ dim_customers),
 *                        └──▶ dim_customers               assert_positive_totals, fct_orders_customers_match
 *                                                         (+ stg_customers), unit test test_fct_orders_math
 */
const shop = manifestOf(
  source('raw', 'orders', { tags: ['raw'] }),
  source('raw', 'customers', { tags: ['raw'] }),
  source('stripe', 'payments', { path: 'models/staging/stripe/sources.yml' }),
  model('stg_orders', { sources: [['raw', 'orders']], path: 'models/staging/stg_orders.sql', tags: ['staging', 'daily'] }),
  model('stg_customers', { sources: [['raw', 'customers']], path: 'models/staging/stg_customers.sql', tags: ['staging'] }),
  model('stg_payments', { sources: [['stripe', 'payments']], path: 'models/staging/stripe/stg_payments.sql', tags: ['staging'] }),
  model('int_orders', { refs: ['stg_orders', 'stg_payments'], path: 'models/intermediate/int_orders.sql', config: { materialized: 'ephemeral' } }),
  model('fct_orders', {
    refs: ['int_orders', 'stg_customers'],
    path: 'models/marts/fct_orders.sql',
    tags: ['nightly'],
    config: { materialized: 'table', meta: { owner: 'finance' }, contract: { enforced: true } },
  }),
  model('dim_customers', {
    refs: ['stg_customers'],
    path: 'models/marts/dim_customers.sql',
    config: { materialized: 'table', cluster_by: ['id', 'region'] },
  }),
  model('old_orders', { refs: ['stg_orders'], config: { enabled: false } }),
  seed('country_codes'),
  analysis('revenue_check', { refs: ['fct_orders'] }),
  test('not_null_stg_orders_id', { refs: ['stg_orders'], generic: 'not_null', columnName: 'id' }),
  test('unique_stg_customers_id', { refs: ['stg_customers'], generic: 'unique', columnName: 'id' }),
  test('relationships_fct_orders_customer_id', { refs: ['fct_orders', 'dim_customers'], generic: 'relationships' }),
  test('source_not_null_raw_orders_id', { sources: [['raw', 'orders']], generic: 'not_null', namespace: 'dbt' }),
  test('assert_positive_totals', { refs: ['fct_orders'] }),
  test('fct_orders_customers_match', { refs: ['fct_orders', 'stg_customers'] }),
  unitTest('test_fct_orders_math', { model: 'fct_orders' }),
);
const shopDag = buildDag(shop);

/** Names of the selected nodes, sorted, so expectations read as sets. */
function names(options: SelectNodesOptions, manifest: Manifest = shop): string[] {
  return selectNodes(manifest, buildDagCached(manifest), options)
    .map((id) => (manifest.nodes[id] as { name: string }).name)
    .sort();
}

function models(select: string, extra: SelectNodesOptions = {}): string[] {
  return names({ select: [select], resourceTypes: ['model'] satisfies ResourceType[], ...extra });
}

function buildDagCached(manifest: Manifest) {
  return manifest === shop ? shopDag : buildDag(manifest);
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

const STAGING = ['stg_customers', 'stg_orders', 'stg_payments'];

describe('selectNodes: defaults and order', () => {
  it('selects every enabled node, in topological order, without sources', () => {
    const ids = selectNodes(shop, shopDag, {});
    expect(ids).toHaveLength(15);
    expect(ids.some((id) => id.startsWith('source.'))).toBe(false);
    expect(ids).not.toContain('model.shop.old_orders');
    expect(ids.indexOf('model.shop.stg_orders')).toBeLessThan(ids.indexOf('model.shop.int_orders'));
    expect(ids.indexOf('model.shop.int_orders')).toBeLessThan(ids.indexOf('model.shop.fct_orders'));
  });

  it('filters the final set by resource type', () => {
    expect(names({ resourceTypes: ['seed', 'analysis'] })).toEqual(['country_codes', 'revenue_check']);
    expect(names({ select: ['fct_orders'], resourceTypes: ['unit_test'] })).toEqual(['test_fct_orders_math']);
    expect(names({ select: ['stg_orders'], resourceTypes: [] })).toEqual(['not_null_stg_orders_id', 'stg_orders']);
  });
});

describe('selectNodes: names, wildcards and FQNs', () => {
  it('selects a model by name together with its tests', () => {
    expect(names({ select: ['stg_orders'] })).toEqual(['not_null_stg_orders_id', 'stg_orders']);
  });

  it('selects a test by its own name', () => {
    expect(names({ select: ['not_null_stg_orders_id'] })).toEqual(['not_null_stg_orders_id']);
  });

  it('expands shell wildcards in names', () => {
    expect(models('stg_*')).toEqual(STAGING);
    expect(models('name:*_orders')).toEqual(['fct_orders', 'int_orders', 'stg_orders']);
    expect(models('name:stg_[!o]*')).toEqual(['stg_customers', 'stg_payments']);
  });

  it('matches dotted FQNs with and without the package', () => {
    expect(models('staging.stg_orders')).toEqual(['stg_orders']);
    // As dbt's default fqn method: a bare folder or package name selects everything under it.
    expect(models('staging')).toEqual(STAGING);
    expect(models('shop')).toHaveLength(6);
    expect(models('fqn:shop.staging')).toEqual(STAGING);
    expect(models('fqn:staging.stripe')).toEqual(['stg_payments']);
    expect(models('fqn:shop.marts.*')).toEqual(['dim_customers', 'fct_orders']);
  });

  it('never selects disabled nodes', () => {
    expect(names({ select: ['old_orders'] })).toEqual([]);
  });
});

describe('selectNodes: graph operators', () => {
  it('+x selects all ancestors, and eager selection brings their tests (source tests too)', () => {
    expect(models('+fct_orders')).toEqual(['fct_orders', 'int_orders', ...STAGING].sort());
    expect(names({ select: ['+int_orders'] })).toEqual([
      'int_orders',
      'not_null_stg_orders_id',
      'source_not_null_raw_orders_id',
      'stg_orders',
      'stg_payments',
    ]);
  });

  it('x+ selects all descendants, including tests and analyses downstream', () => {
    expect(names({ select: ['stg_orders+'] })).toEqual([
      'assert_positive_totals',
      'fct_orders',
      'fct_orders_customers_match',
      'int_orders',
      'not_null_stg_orders_id',
      'relationships_fct_orders_customer_id',
      'revenue_check',
      'stg_orders',
      'test_fct_orders_math',
    ]);
  });

  it('limits the walk with N+x and x+N', () => {
    expect(models('1+fct_orders')).toEqual(['fct_orders', 'int_orders', 'stg_customers']);
    expect(models('stg_customers+1')).toEqual(['dim_customers', 'fct_orders', 'stg_customers']);
    const chain = manifestOf(model('a'), model('b', { refs: ['a'] }), model('c', { refs: ['b'] }), model('d', { refs: ['c'] }));
    expect(names({ select: ['2+d'] }, chain)).toEqual(['b', 'c', 'd']);
    expect(names({ select: ['a+2'] }, chain)).toEqual(['a', 'b', 'c']);
    expect(names({ select: ['1+c+1'] }, chain)).toEqual(['b', 'c', 'd']);
  });

  it('@x adds the ancestors of every descendant, tests included (as dbt walks them)', () => {
    // fct_orders' relationships test is a descendant of stg_payments and needs dim_customers.
    expect(models('@stg_payments')).toEqual(['dim_customers', 'fct_orders', 'int_orders', ...STAGING].sort());
    expect(models('@int_orders', { exclude: ['test_name:relationships'] })).toEqual(['dim_customers', 'fct_orders', 'int_orders', ...STAGING].sort());
    const plain = manifestOf(model('a'), model('b'), model('c', { refs: ['a', 'b'] }), model('d', { refs: ['a'] }), model('e'));
    expect(names({ select: ['@a'] }, plain)).toEqual(['a', 'b', 'c', 'd']);
    expect(models('@dim_customers')).toEqual(['dim_customers', 'fct_orders', 'int_orders', ...STAGING].sort());
  });

  it('source:x+ selects the children of a source but never the source itself', () => {
    expect(names({ select: ['source:stripe'] })).toEqual([]);
    expect(models('source:raw+')).toEqual(['dim_customers', 'fct_orders', 'int_orders', 'stg_customers', 'stg_orders']);
    expect(models('source:raw.orders+1')).toEqual(['stg_orders']);
    expect(models('source:shop.stripe.payments+')).toEqual(['fct_orders', 'int_orders', 'stg_payments']);
  });
});

describe('selectNodes: set operators', () => {
  it('a space is a union, also across several --select values', () => {
    expect(models('stg_orders dim_customers')).toEqual(['dim_customers', 'stg_orders']);
    expect(names({ select: ['stg_orders', 'dim_customers'], resourceTypes: ['model'] })).toEqual(['dim_customers', 'stg_orders']);
  });

  it('a comma is an intersection', () => {
    expect(models('tag:staging,+fct_orders')).toEqual(STAGING);
    expect(models('path:models/marts,config.materialized:table')).toEqual(['dim_customers', 'fct_orders']);
    expect(models('tag:staging,config.materialized:table')).toEqual([]);
    expect(names({ select: ['tag:staging,stg_orders'] })).toEqual(['not_null_stg_orders_id', 'stg_orders']);
  });
});

describe('selectNodes: methods', () => {
  it('tag: matches node tags and source tags', () => {
    expect(names({ select: ['tag:nightly'], indirectSelection: 'empty' })).toEqual(['fct_orders']);
    expect(models('tag:raw')).toEqual([]);
    expect(names({ select: ['tag:raw'] })).toEqual(['source_not_null_raw_orders_id']);
    expect(models('tag:raw+1')).toEqual(['stg_customers', 'stg_orders']);
  });

  it('path: matches a folder or a file by prefix on a folder boundary', () => {
    expect(models('path:models/staging')).toEqual(STAGING);
    expect(models('models/staging/stripe')).toEqual(['stg_payments']);
    expect(models('path:models/staging/stg_orders.sql')).toEqual(['stg_orders']);
    expect(models('path:models/stag')).toEqual([]);
    expect(models('path:models/*/stg_o*')).toEqual(['stg_orders']);
    expect(models('path:models/staging/stripe/sources.yml+')).toEqual(['fct_orders', 'int_orders', 'stg_payments']);
  });

  it('file: matches a file name or its stem', () => {
    expect(models('stg_orders.sql')).toEqual(['stg_orders']);
    expect(models('file:dim_customers')).toEqual(['dim_customers']);
  });

  it('config.<key>: matches scalars, nested keys, list members and booleans', () => {
    expect(models('config.materialized:table')).toEqual(['dim_customers', 'fct_orders']);
    expect(models('config.materialized:ephemeral')).toEqual(['int_orders']);
    expect(models('config.meta.owner:finance')).toEqual(['fct_orders']);
    expect(models('config.cluster_by:region')).toEqual(['dim_customers']);
    expect(models('config.contract.enforced:true')).toEqual(['fct_orders']);
    expect(models('config.tags:daily')).toEqual(['stg_orders']);
  });

  it('resource_type:, package: and exposure:', () => {
    expect(names({ select: ['resource_type:seed'] })).toEqual(['country_codes']);
    expect(names({ select: ['resource_type:analysis'] })).toEqual(['revenue_check']);
    expect(models('package:this')).toHaveLength(6);
    expect(models('package:dbt_utils')).toEqual([]);
    expect(names({ select: ['exposure:weekly_report'] })).toEqual([]);
  });

  it('test_type: and test_name:', () => {
    expect(names({ select: ['test_type:generic'] })).toEqual([
      'not_null_stg_orders_id',
      'relationships_fct_orders_customer_id',
      'source_not_null_raw_orders_id',
      'unique_stg_customers_id',
    ]);
    expect(names({ select: ['test_type:singular'] })).toEqual(['assert_positive_totals', 'fct_orders_customers_match']);
    expect(names({ select: ['test_type:unit'] })).toEqual(['test_fct_orders_math']);
    expect(names({ select: ['test_name:not_null'] })).toEqual(['not_null_stg_orders_id', 'source_not_null_raw_orders_id']);
    expect(names({ select: ['test_name:dbt.not_null'] })).toEqual(['source_not_null_raw_orders_id']);
  });
});

describe('selectNodes: indirect selection of tests', () => {
  const fctTests = (mode: SelectNodesOptions['indirectSelection']): string[] =>
    names({ select: ['fct_orders'], indirectSelection: mode }).filter((name) => name !== 'fct_orders');

  it('eager: a test comes along when any of its parents is selected', () => {
    expect(fctTests('eager')).toEqual([
      'assert_positive_totals',
      'fct_orders_customers_match',
      'relationships_fct_orders_customer_id',
      'test_fct_orders_math',
    ]);
    expect(fctTests(undefined)).toEqual(fctTests('eager'));
  });

  it('cautious: only when all of its parents are selected', () => {
    expect(fctTests('cautious')).toEqual(['assert_positive_totals', 'test_fct_orders_math']);
    expect(names({ select: ['fct_orders dim_customers'], indirectSelection: 'cautious', resourceTypes: ['test'] })).toEqual([
      'assert_positive_totals',
      'relationships_fct_orders_customer_id',
    ]);
  });

  it('buildable: when all of its parents are selected or upstream of selected nodes', () => {
    expect(fctTests('buildable')).toEqual(['assert_positive_totals', 'fct_orders_customers_match', 'test_fct_orders_math']);
  });

  it('empty: no tests come along', () => {
    expect(fctTests('empty')).toEqual([]);
  });
});

describe('selectNodes: --exclude', () => {
  it('removes the excluded node and every test touching it', () => {
    const all = names({});
    const withoutStaging = names({ exclude: ['stg_orders'] });
    expect(all.filter((name) => !withoutStaging.includes(name))).toEqual(['not_null_stg_orders_id', 'stg_orders']);
  });

  it('applies after graph operators and indirect selection, eagerly even in cautious mode', () => {
    // The source test stays: raw.orders is still selected as an ancestor of fct_orders.
    expect(names({ select: ['+fct_orders'], exclude: ['tag:staging'], indirectSelection: 'cautious' })).toEqual([
      'assert_positive_totals',
      'fct_orders',
      'int_orders',
      'source_not_null_raw_orders_id',
      'test_fct_orders_math',
    ]);
    expect(names({ select: ['fct_orders'], exclude: ['test_type:unit test_name:relationships'] })).toEqual([
      'assert_positive_totals',
      'fct_orders',
      'fct_orders_customers_match',
    ]);
  });
});

describe('selectNodesDetailed', () => {
  it('reports terms that matched nothing, with suggestions', () => {
    const selection = selectNodesDetailed(shop, shopDag, { select: ['stg_ordrs tag:nightly source:rawx+'] });
    expect(selection.uniqueIds).toContain('model.shop.fct_orders');
    expect(selection.unmatched).toEqual([
      { term: 'stg_ordrs', suggestions: ['stg_orders'] },
      { term: 'source:rawx+', suggestions: ['raw'] },
    ]);
  });

  it('throws a selection error naming the bad term', () => {
    const error = selectionError(() => selectNodes(shop, shopDag, { select: ['stg_orders'], exclude: ['tag:a,'] }));
    expect(error.kind).toBe('selection');
    expect(error.message).toBe("Invalid selector 'tag:a,': an intersection has an empty member");
  });
});

describe('selectNodes: a 10,000-node project', () => {
  it('selects ancestors, descendants and tags correctly and fast', () => {
    const count = 10_000;
    const name = (i: number): string => `m_${String(i).padStart(5, '0')}`;
    const nodes = Array.from({ length: count }, (_, i) =>
      model(name(i), { refs: i === 0 ? [] : [name(Math.floor((i - 1) / 2))], tags: i % 10 === 0 ? ['tenth'] : [] }),
    );
    const manifest = manifestOf(...nodes);
    const dag = buildDag(manifest);
    const started = performance.now();
    // A binary tree: the ancestors of node 9998 are its path to the root.
    const ancestors = selectNodes(manifest, dag, { select: ['+m_09998'] });
    expect(ancestors).toEqual([0, 1, 3, 8, 18, 38, 77, 155, 311, 623, 1248, 2498, 4998, 9998].map((i) => `model.shop.${name(i)}`));
    expect(selectNodes(manifest, dag, { select: ['m_04999+'] })).toEqual(['model.shop.m_04999', 'model.shop.m_09999']);
    expect(selectNodes(manifest, dag, { select: ['tag:tenth'] })).toHaveLength(1000);
    expect(selectNodes(manifest, dag, { select: ['m_00000+'] })).toHaveLength(count);
  });
});
