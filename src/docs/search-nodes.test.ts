import { describe, expect, test } from 'vitest';
import './assets/search-nodes.js';
import { buildDocsData } from './build-docs-data.js';
import { shopArtifacts } from './fixtures/shop-artifacts.js';
import { syntheticManifest } from './fixtures/synthetic-manifest.js';

const searchNodes = globalThis.tsdbtDocs!.searchNodes!;

describe('searchNodes', () => {
  const nodes = buildDocsData(shopArtifacts()).index.nodes;
  const names = (query: string): string[] => searchNodes(nodes, query).results.map((index) => nodes[index].name);

  test('name hits first (exact, prefix, substring), models before tests', () => {
    const found = names('orders');
    expect(found.slice(0, 2)).toEqual(['orders', 'orders_snapshot']); // exact, then prefix
    expect(found.slice(2, 4).sort()).toEqual(['fct_orders', 'stg_orders']);
    expect(found.indexOf('fct_orders')).toBeLessThan(found.indexOf('not_null_fct_orders_order_id'));
  });

  test('matches column names and descriptions, case-insensitively, all words required', () => {
    expect(names('LIFETIME_VALUE')).toEqual(['dim_customers']);
    expect(names('scd2')).toEqual(['orders_snapshot']);
    expect(names('order payment total')).toEqual(['fct_orders']);
    expect(searchNodes(nodes, '   ')).toEqual({ total: 0, results: [] });
  });

  test('limits the list but reports the total', () => {
    const result = searchNodes(nodes, 'stg', 2);
    expect(result.results).toHaveLength(2);
    expect(result.total).toBeGreaterThanOrEqual(3);
  });

  // A generous bound for shared CI machines; bench/docs/docs.bench.js tracks the real time.
  test('answers over 20,000 nodes in a fraction of a frame budget', () => {
    const big = buildDocsData({ manifest: syntheticManifest(10_000) }).index.nodes;
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const result = searchNodes(big, 'model_09876');
      times.push(performance.now() - started);
      expect(big[result.results[0]].name).toBe('model_09876');
    }
  });
});
