import { beforeAll, describe, expect, test } from 'vitest';
import './assets/select-nodes.js';
import { buildDocsData } from './build-docs-data.js';
import type { DocsIndexNode } from './docs-data.js';
import { shopArtifacts } from './fixtures/shop-artifacts.js';

let nodes: readonly DocsIndexNode[];
let select: (expression: string) => string[];

beforeAll(() => {
  nodes = buildDocsData(shopArtifacts()).index.nodes;
  const selectNodes = globalThis.tsdbtDocs?.selectNodes;
  if (!selectNodes) throw new Error('select-nodes.js did not publish selectNodes');
  // Names without tests and macros keep the expectations readable; tests get their own case.
  select = (expression) =>
    [...selectNodes(nodes, expression)]
      .map((index) => nodes[index])
      .filter((node) => node.type !== 'test')
      .map((node) => node.name)
      .sort();
});

describe('selectNodes (the CLI selection syntax in the browser)', () => {
  test.each([
    ['fct_orders', ['fct_orders']],
    ['stg_*', ['stg_customers', 'stg_orders', 'stg_payments']],
    ['+fct_orders', ['fct_orders', 'orders', 'payments', 'stg_orders', 'stg_payments']],
    ['fct_orders+', ['dim_customers', 'fct_orders', 'revenue_by_month']],
    ['1+dim_customers', ['dim_customers', 'fct_orders', 'stg_customers']],
    ['2+dim_customers', ['customers', 'dim_customers', 'fct_orders', 'stg_customers', 'stg_orders', 'stg_payments']],
    ['stg_orders+1', ['fct_orders', 'orders_snapshot', 'stg_orders']],
    ['@stg_payments', ['dim_customers', 'fct_orders', 'orders', 'payments', 'revenue_by_month', 'stg_customers', 'stg_orders', 'stg_payments', 'customers'].sort()],
    ['tag:nightly', ['fct_orders', 'stg_orders']],
    ['tag:fin*', ['fct_orders']],
    ['path:models/marts', ['dim_customers', 'fct_orders']],
    ['models/staging/stg_orders.sql', ['stg_orders']],
    ['resource_type:seed', ['country_codes']],
    ['source:raw', ['customers', 'orders', 'payments']],
    ['source:raw.orders+1', ['orders', 'stg_orders']],
    ['config.materialized:table', ['dim_customers']],
    ['config.materialized:view', ['stg_customers', 'stg_orders', 'stg_payments']],
    ['staging', ['customers', 'orders', 'payments', 'stg_customers', 'stg_orders', 'stg_payments']],
    ['stg_orders stg_payments', ['stg_orders', 'stg_payments']],
    ['tag:nightly,path:models/marts', ['fct_orders']],
    ['+dim_customers,resource_type:source', ['customers', 'orders', 'payments']],
    ['stg_orders+,config.materialized:incremental fct_orders', ['fct_orders']],
    ['no_such_model', []],
  ])('%s', (expression, expected) => {
    expect(select(expression)).toEqual(expected);
  });

  test('an empty expression selects everything, tests and macros included', () => {
    expect(globalThis.tsdbtDocs?.selectNodes?.(nodes, '  ').size).toBe(nodes.length);
  });

  test('resource_type:test and the tests a + walk reaches', () => {
    const selectNodes = globalThis.tsdbtDocs!.selectNodes!;
    const names = (expression: string): string[] => [...selectNodes(nodes, expression)].map((index) => nodes[index].name).sort();
    expect(names('resource_type:test,stg_orders+1')).toEqual(['not_null_stg_orders_order_id']);
    // Two steps down from stg_orders reach fct_orders' tests too.
    expect(names('resource_type:test,stg_orders+2')).toHaveLength(6);
    expect(names('resource_type:test')).toHaveLength(6);
  });

  test('an unknown method is an error that lists the supported ones', () => {
    expect(() => globalThis.tsdbtDocs?.selectNodes?.(nodes, 'colour:red')).toThrow(/Unknown selector method "colour:".*tag:.*source:/);
    expect(() => globalThis.tsdbtDocs?.selectNodes?.(nodes, '@+x')).toThrow(/mixes @ with \+/);
  });

  test('parseAtom reads depths', () => {
    expect(globalThis.tsdbtDocs?.parseAtom?.('2+tag:nightly+1')).toEqual({ at: false, upDepth: 2, downDepth: 1, method: 'tag', value: 'nightly' });
    expect(globalThis.tsdbtDocs?.parseAtom?.('+x')).toMatchObject({ upDepth: Infinity, downDepth: undefined, method: 'default', value: 'x' });
  });
});
