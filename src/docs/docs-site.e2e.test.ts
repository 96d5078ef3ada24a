import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, openDocsPage } from './testing/browser.js';
import { shopArtifacts } from './fixtures/shop-artifacts.js';
import { syntheticManifest } from './fixtures/synthetic-manifest.js';
import { generateDocsSite } from './generate-docs-site.js';
import { serveDocs, type DocsServer } from './serve-docs.js';

const SCREENSHOTS = join(process.cwd(), 'target');

let browser: Browser;
let workDir: string;
let server: DocsServer;

async function openPage(url: string): Promise<Page> {
  const { page, errors } = await openDocsPage(browser, url);
  expect(errors).toEqual([]);
  return page;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tsdbt-docs-e2e-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  await generateDocsSite({ ...shopArtifacts(), outDir: join(workDir, 'shop') });
  await generateDocsSite({ ...shopArtifacts('Hi <script>window.__xss=1</script> <img src=x onerror="window.__xss=2"> [link](javascript:window.__xss=3)'), outDir: join(workDir, 'xss') });
  await generateDocsSite({ manifest: syntheticManifest(10_000), outDir: join(workDir, 'big') });
  server = await serveDocs({ dir: workDir, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('docs site in Chromium', () => {
  test('search finds a model; its page lists columns, tests and lineage, and the graph draws its neighbours', async () => {
    const page = await openPage(`${server.url}shop/index.html`);
    // The overview draws the whole (small) project.
    await page.waitForSelector('#lineage-svg .graph-node[data-id="model.shop.fct_orders"]');
    await page.screenshot({ path: join(SCREENSHOTS, 'docs-e2e-overview.png') });

    await page.fill('#search', 'fct_ord');
    await expect.poll(() => page.locator('#search-results li[role=option]').first().getAttribute('data-id')).toBe('model.shop.fct_orders');
    await page.press('#search', 'Enter');
    await page.waitForSelector('.node-page[data-id="model.shop.fct_orders"]');
    expect(page.url()).toContain('#/node/model.shop.fct_orders');
    // The sidebar tree opens to the current node.
    await page.waitForSelector('#sidebar .tree-leaf.active[data-id="model.shop.fct_orders"]');

    const columns = await page.locator('table.columns tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent)),
    );
    expect(columns).toEqual([
      ['order_id', 'INTEGER'],
      ['customer_id', 'INTEGER'],
      ['status', 'VARCHAR'],
      ['amount', 'DECIMAL(18,2)'],
      ['ORDERED_AT', 'TIMESTAMP'],
    ]);
    expect(await page.locator('table.tests tr[data-status="fail"]').textContent()).toContain('accepted_values');
    expect(await page.locator('.parents .node-link').allTextContents()).toEqual(expect.arrayContaining(['modelstg_orders', 'modelstg_payments']));
    expect(await page.locator('.children .node-link').allTextContents()).toEqual(expect.arrayContaining(['modeldim_customers', 'analysisrevenue_by_month']));

    // The lineage panel is focused on the model with 2 levels each way, neighbours drawn.
    expect(await page.inputValue('#lineage-filter')).toBe('2+fct_orders+2');
    await page.waitForSelector('#lineage-svg .graph-node.focus[data-id="model.shop.fct_orders"]');
    const drawn = await page.locator('#lineage-svg .graph-node').evaluateAll((links) => links.map((link) => link.getAttribute('data-id')));
    expect(drawn).toEqual(expect.arrayContaining(['model.shop.stg_orders', 'model.shop.stg_payments', 'source.shop.raw.orders', 'model.shop.dim_customers']));
    expect(drawn).not.toContain('test.shop.assert_positive_amount');
    expect(await page.locator('#lineage-svg path.edge').count()).toBeGreaterThanOrEqual(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'docs-e2e.png') });

    // The filter box takes CLI syntax; depth 1 upstream only.
    await page.fill('#lineage-filter', '1+fct_orders');
    await page.press('#lineage-filter', 'Enter');
    await expect.poll(() => page.locator('#lineage-svg .graph-node').count()).toBe(3);

    // Clicking a node in the graph opens its page.
    await page.click('#lineage-svg .graph-node[data-id="model.shop.stg_payments"]');
    await page.waitForSelector('.node-page[data-id="model.shop.stg_payments"]');
    await page.close();
  });

  test('a hostile description is shown as text and its script never runs', async () => {
    const page = await openPage(`${server.url}xss/index.html#/node/model.shop.fct_orders`);
    await page.waitForSelector('.node-page .description');
    const description = await page.locator('.node-page .description').textContent();
    expect(description).toContain('<script>window.__xss=1</script>');
    expect(description).toContain('<img src=x onerror="window.__xss=2">');
    expect(await page.locator('.node-page .description script, .node-page .description img').count()).toBe(0);
    await page.click('.node-page .description a');
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });

  test('works from file:// without a server', async () => {
    const page = await openPage(`${pathToFileURL(join(workDir, 'shop', 'index.html')).href}#/node/model.shop.stg_orders`);
    await page.waitForSelector('.node-page[data-id="model.shop.stg_orders"]');
    await page.waitForSelector('#lineage-svg .graph-node.focus');
    await page.close();
  });

  test('the 10,000-model site opens, answers a search and draws a capped graph', async () => {
    const started = Date.now();
    const page = await openPage(`${server.url}big/index.html`);
    await page.fill('#search', 'model_09876');
    await page.waitForSelector('#search-results li[data-id="model.big.model_09876"]');
    const searchableMs = Date.now() - started;
    // performance.now() counts from navigation start, without the browser-tab setup above.
    const inPageMs = Math.round(await page.evaluate(() => performance.now()));
    console.log(`10k-model site: searchable ${searchableMs} ms after opening a tab, ${inPageMs} ms after navigation start`);

    await page.press('#search', 'Enter');
    await page.waitForSelector('.node-page[data-id="model.big.model_09876"]');
    await page.fill('#lineage-filter', '+model_09876 path:models/area_1');
    await page.press('#lineage-filter', 'Enter');
    await page.waitForSelector('#lineage-svg .graph-node.focus', { timeout: 15_000 });
    const drawnCount = await page.locator('#lineage-svg .graph-node').count();
    expect(drawnCount).toBeLessThanOrEqual(300);
    expect(await page.textContent('#lineage-message')).toMatch(/^Showing 300 of \d+ — refine the filter$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'docs-e2e-10k.png') });
    await page.close();
  });
});
