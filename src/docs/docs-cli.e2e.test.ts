/**
 * The docs site the way a user gets it: `tsdbt build`, `tsdbt docs generate`,
 * `tsdbt docs serve --port 0`, then Debian's Chromium through playwright-core.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, openDocsPage } from './testing/browser.js';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli, type CliRun } from '../testing/run-cli.js';

const SCREENSHOTS = join(process.cwd(), 'target');
const HOSTILE = 'Hi <script>window.__xss=1</script> <img src=x onerror="window.__xss=2">';

const FILES: Readonly<Record<string, string>> = {
  'models/stg_orders.sql': "select * from (values (1, 10, 10.5, timestamp '2026-01-01 10:00'), (2, 20, 20.25, timestamp '2026-01-02 11:30')) as t(order_id, customer_id, amount, ordered_at)\n",
  'models/stg_customers.sql': "select * from (values (10, 'Ada'), (20, 'Grace')) as t(customer_id, name)\n",
  'models/fct_orders.sql': "{{ config(materialized='table') }}\nselect o.order_id, c.name as customer_name, cast(o.amount as decimal(12, 2)) as amount, o.ordered_at\nfrom {{ ref('stg_orders') }} o join {{ ref('stg_customers') }} c using (customer_id)\n",
  'models/daily_revenue.sql': "select cast(ordered_at as date) as day, sum(amount) as revenue from {{ ref('fct_orders') }} group by 1\n",
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: fct_orders',
    '    description: One row per order, with the customer name.',
    '    columns:',
    '      - name: order_id',
    '        description: The order key.',
    '        tests: [unique, not_null]',
    '  - name: stg_customers',
    `    description: '${HOSTILE}'`,
    '',
  ].join('\n'),
};

let browser: Browser;
let dir: string;
let url: string;
const stopServer = new AbortController();
let served: Promise<CliRun>;

/** Starts `tsdbt docs serve --port 0` in-process and resolves with the URL it prints. */
function serveThroughCli(cwd: string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let printed = '';
    served = runCli(['docs', 'serve', '--port', '0'], {
      cwd,
      signal: stopServer.signal,
      onStdout: (text) => {
        printed += text;
        const match = /Serving docs at (\S+) /.exec(printed);
        if (match) resolveUrl(match[1]);
      },
    });
    served.then((run) => reject(new Error(`docs serve ended early (exit ${run.code}): ${run.output}`)), reject);
  });
}

async function openPage(address: string): Promise<Page> {
  const { page, errors } = await openDocsPage(browser, address);
  expect(errors).toEqual([]);
  return page;
}

beforeAll(async () => {
  ({ dir } = await makeDuckDbProject(FILES));
  const build = await runCli(['build'], { cwd: dir });
  expect(build.stdout).toMatch(/PASS=6 WARN=0 ERROR=0 SKIP=0/);
  const docs = await runCli(['docs', 'generate'], { cwd: dir });
  expect(docs.stdout).toContain('Catalog written with 4 relations.');
  url = await serveThroughCli(dir);
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  stopServer.abort();
  // The command returns once the server is closed; exit 0 means a clean stop.
  if (served) expect((await served).code).toBe(0);
  if (dir) await removeProject(dir);
});

describe('tsdbt docs serve in Chromium', () => {
  test('search opens a model page with DuckDB column types and its lineage neighbours', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await openPage(url);
    await page.fill('#search', 'fct_ord');
    await expect.poll(() => page.locator('#search-results li[role=option]').first().getAttribute('data-id')).toBe('model.shop.fct_orders');
    await page.press('#search', 'Enter');
    await page.waitForSelector('.node-page[data-id="model.shop.fct_orders"]');
    expect(page.url()).toContain('#/node/model.shop.fct_orders');
    expect(await page.locator('.node-page .description').textContent()).toContain('One row per order, with the customer name.');

    // The YAML column first, then the catalog's, each with the type DuckDB reported.
    const columns = await page.locator('table.columns tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent)),
    );
    expect(columns).toEqual([
      ['order_id', 'INTEGER'],
      ['customer_name', 'VARCHAR'],
      ['amount', 'DECIMAL(12,2)'],
      ['ordered_at', 'TIMESTAMP'],
    ]);
    const parents = await page.locator('.parents .node-link').allTextContents();
    expect(parents.sort()).toEqual(['modelstg_customers', 'modelstg_orders']);
    expect(await page.locator('.children .node-link').allTextContents()).toEqual(expect.arrayContaining(['modeldaily_revenue']));

    await page.waitForSelector('#lineage-svg .graph-node.focus[data-id="model.shop.fct_orders"]');
    const drawn = await page.locator('#lineage-svg .graph-node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id')));
    expect(drawn).toEqual(expect.arrayContaining(['model.shop.stg_orders', 'model.shop.stg_customers', 'model.shop.daily_revenue']));
    await page.screenshot({ path: join(SCREENSHOTS, 'docs-cli-e2e.png') });
    await page.close();
  });

  test('a <script> in a model description is shown as text and never runs', async () => {
    const page = await openPage(`${url}#/node/model.shop.stg_customers`);
    await page.waitForSelector('.node-page[data-id="model.shop.stg_customers"] .description');
    const description = await page.locator('.node-page .description').textContent();
    expect(description).toContain('<script>window.__xss=1</script>');
    expect(description).toContain('<img src=x onerror="window.__xss=2">');
    expect(await page.locator('.node-page .description script, .node-page .description img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });
});
