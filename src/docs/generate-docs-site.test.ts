import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { DocsManifest } from './artifact-types.js';
import { shopArtifacts } from './fixtures/shop-artifacts.js';
import { syntheticManifest } from './fixtures/synthetic-manifest.js';
import { generateDocsSite } from './generate-docs-site.js';
import { isDocsManifest } from './is-docs-manifest.js';
import { readGeneratedSite } from './testing/read-generated-site.js';

let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'tsdbt-docs-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('generateDocsSite', () => {
  test('writes index.html, the page assets, elkjs and the data files', async () => {
    const site = join(outDir, 'shop');
    const { indexPath } = await generateDocsSite({ ...shopArtifacts(), outDir: site });
    expect(indexPath).toBe(join(site, 'index.html'));
    const html = await readFile(indexPath, 'utf8');
    expect(html).toContain('<script src="data/docs-index.js"></script>');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // no CDN: works offline
    const assets = await readdir(join(site, 'assets'));
    expect(assets).toEqual(expect.arrayContaining(['docs.css', 'docs-app.js', 'select-nodes.js', 'search-nodes.js', 'lineage-graph.js', 'elk.bundled.js']));
    expect(assets.some((file) => file.endsWith('.d.ts'))).toBe(false);
    expect(await readdir(join(site, 'data'))).toEqual(['details-0.js', 'docs-index.js']);
  });

  test('the data file holds every node, source and macro with edges and run status', async () => {
    const site = join(outDir, 'shop-data');
    await generateDocsSite({ ...shopArtifacts(), outDir: site });
    const { index, shard } = await readGeneratedSite(site);
    const ids = index.nodes.map((node) => node.id);
    expect(ids).toEqual(
      expect.arrayContaining(['model.shop.fct_orders', 'source.shop.raw.orders', 'seed.shop.country_codes', 'snapshot.shop.orders_snapshot', 'macro.shop.cents_to_dollars', 'test.shop.assert_positive_amount']),
    );
    expect(index.nodes).toHaveLength(3 + 14 + 1);
    expect(index.project).toMatchObject({ name: 'shop', adapterType: 'duckdb' });
    const byId = new Map(index.nodes.map((node) => [node.id, node]));
    const fct = byId.get('model.shop.fct_orders')!;
    expect(fct.parents.map((position) => index.nodes[position].name).sort()).toEqual(['stg_orders', 'stg_payments']);
    expect(fct.children.map((position) => index.nodes[position].name)).toEqual(expect.arrayContaining(['dim_customers', 'revenue_by_month', 'assert_positive_amount']));
    expect(fct.search).toContain('amount');
    expect(byId.get('model.shop.dim_customers')!.status).toBe('error');

    const detail = (await shard(fct.shard))['model.shop.fct_orders'];
    // Types: catalog wins (matched case-insensitively), YAML data_type is the fallback.
    expect(detail.columns.map((column) => [column.name, column.type])).toEqual([
      ['order_id', 'INTEGER'],
      ['customer_id', 'INTEGER'],
      ['status', 'VARCHAR'],
      ['amount', 'DECIMAL(18,2)'],
      ['ORDERED_AT', 'TIMESTAMP'],
    ]);
    const stg = (await shard(0))['model.shop.stg_orders'];
    expect(stg.columns.find((column) => column.name === 'order_id')?.type).toBe('integer');
    // Tests on the column, with their latest result.
    const statusColumn = detail.columns.find((column) => column.name === 'status')!;
    expect(statusColumn.tests.map((position) => detail.tests[position])).toEqual([
      expect.objectContaining({ label: 'accepted_values', run: expect.objectContaining({ status: 'fail', failures: 3 }) }),
    ]);
    expect(detail.tests.map((test) => `${test.label}:${test.run?.status}`).sort()).toEqual([
      'accepted_values:fail',
      'assert_positive_amount:warn',
      'not_null:pass',
      'relationships:undefined',
      'unique:pass',
    ]);
    expect(detail.run).toMatchObject({ status: 'success', executionTime: 0.42 });
    expect(detail.config).toMatchObject({ materialized: 'incremental', unique_key: 'order_id' });
    expect(detail.descriptionHtml).toContain('<strong>order</strong>');
    expect(detail.stats).toEqual([{ label: 'Row count', value: '1200' }]);
  });

  test('hostile descriptions are escaped in the data, never emitted as markup', async () => {
    const site = join(outDir, 'shop-xss');
    const hostile = 'Hi <script>alert(1)</script> and <img src=x onerror=alert(1)> and [click](javascript:alert(1))';
    await generateDocsSite({ ...shopArtifacts(hostile), outDir: site });
    const { index, shard } = await readGeneratedSite(site);
    const fct = index.nodes.find((node) => node.id === 'model.shop.fct_orders')!;
    const html = (await shard(fct.shard))['model.shop.fct_orders'].descriptionHtml;
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    expect(html).toContain('<a href="#"');
    // The raw text can never close a script element either.
    expect(await readFile(join(site, 'data', `details-${fct.shard}.js`), 'utf8')).not.toContain('</script>');
  });

  test('isDocsManifest accepts dbt manifests and rejects other JSON', () => {
    expect(isDocsManifest(shopArtifacts().manifest)).toBe(true);
    expect(isDocsManifest({ nodes: {} })).toBe(true);
    expect(isDocsManifest({ nodes: { a: { unique_id: 'a', name: 'a' } } })).toBe(false);
    expect(isDocsManifest({ results: [] })).toBe(false);
    expect(isDocsManifest(null)).toBe(false);
  });

  test('a manifest without nodes is a TsdbtError with a hint', async () => {
    const error = await generateDocsSite({ manifest: {} as DocsManifest, outDir: join(outDir, 'bad') }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TsdbtError);
    expect((error as TsdbtError).hint).toMatch(/manifest/);
  });

  test('a 10,000-model project generates in a few seconds into ~80 small shards', async () => {
    const manifest = syntheticManifest(10_000);
    const site = join(outDir, 'big');
    const started = performance.now();
    await generateDocsSite({ manifest, outDir: site });
    const seconds = (performance.now() - started) / 1000;
    // ~2 s on an idle laptop; the bound leaves room for a busy CI machine.
    const { index } = await readGeneratedSite(site);
    expect(index.nodes.filter((node) => node.type === 'model')).toHaveLength(10_000);
    expect(index.shardCount).toBe(Math.ceil(20_001 / 250));
    const indexBytes = (await readFile(join(site, 'data', 'docs-index.js'))).byteLength;
    expect(indexBytes).toBeLessThan(8_000_000);
  });
});
