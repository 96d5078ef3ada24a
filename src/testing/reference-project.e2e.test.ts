/**
 * The e-commerce reference warehouse end to end: the repository's own project files, copied to
 * a temp dir, a small generated dataset, `tsdbt generate` + `tsdbt build` in-process, then the
 * business facts compared with values computed from the feed files in TypeScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliRun } from './run-cli.js';
import { queryDuckDb } from './query-duckdb.js';
import { computeShopExpectations, type ShopExpectations } from './shop-expectations.js';
import { readJsonLines } from '../generate/test-dataset.js';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PROJECT_ENTRIES = ['project.yml', 'models', 'snapshots', 'tests', 'macros', 'analyses', 'seeds', 'project'];
const DAY_MS = 86_400_000;

/**
 * Days end two days before today: fact_events is a daily microbatch model, which (like dbt)
 * builds the batches up to now, and a day in the future would be quarantined as future data.
 */
const START_DATE = new Date(Date.now() - 6 * DAY_MS).toISOString().slice(0, 10);
const NEXT_DATE = new Date(Date.parse(START_DATE) + 4 * DAY_MS).toISOString().slice(0, 10);
const SMALL = ['--seed', '7', '--days', '4', '--start-date', START_DATE, '--orders-per-day', '300', '--events-per-day', '3000', '--customers', '400', '--products', '60', '--dirty-rate', '0.02'];
const VARS = ['--vars', `{events_begin: '${START_DATE}'}`];

/** Dirty kind → the reason quarantine_records gives. */
const REASON_OF_KIND: Record<string, string> = {
  duplicate_order: 'superseded_duplicate',
  null_customer_id: 'null_customer_id',
  future_order_ts: 'future_timestamp',
  malformed_order_ts: 'unparseable_timestamp',
  zero_quantity: 'non_positive_quantity',
  negative_unit_price: 'non_positive_amount',
  orphan_product_id: 'orphan_product_id',
  null_event_id: 'null_event_id',
  malformed_event_row: 'malformed_row',
};

let dir: string;
let dbPath: string;
let firstBuild: CliRun;
let expected: ShopExpectations;

function expectGreen(run: CliRun): void {
  if (run.code !== 0) throw new Error(`tsdbt failed (exit ${run.code}):\n${run.output.slice(-4000)}`);
  expect(run.stdout).toMatch(/Done\. PASS=\d+ WARN=\d+ ERROR=0 SKIP=0/);
}

const query = (sql: string) => queryDuckDb(dbPath, sql);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsdbt-shop-'));
  // Generated data and build output under the copied folders are not project files.
  for (const entry of PROJECT_ENTRIES) await cp(join(REPO, entry), join(dir, entry), { recursive: true, filter: (path) => !/[\\/](data|target)$/.test(path) });
  dbPath = join(dir, 'target', 'shop.duckdb');
  const generated = await runCli(['generate', ...SMALL], { cwd: dir });
  if (generated.code !== 0) throw new Error(generated.output);
  firstBuild = await runCli(['build', ...VARS], { cwd: dir });
  expected = await computeShopExpectations(join(dir, 'data', 'raw'));
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the shop reference warehouse', () => {
  it('builds every model, snapshot, seed and data test green', () => {
    expectGreen(firstBuild);
    expect(firstBuild.stdout).toMatch(/OK created sql incremental model analytics_marts\.fact_orders/);
  });

  it("creates the database file in the storage format the dev profile's config_options name", async () => {
    // `generate` creates the file (loading the raw feeds), so it must open it as the adapter does.
    const [row] = await query("select tags['storage_version'] as version from duckdb_databases() where database_name = current_database()");
    expect(row!.version).toMatch(/^v1\.[5-9]/);
  });

  it('has the revenue of the clean orders', async () => {
    const [facts] = await query('select sum(line_total)::double as gross, count(*)::int as lines from analytics_marts.fact_orders');
    expect(Math.round(Number(facts!.gross) * 100)).toBe(expected.grossRevenueCents);
    expect(facts!.lines).toBe(expected.cleanLineIds.size);
    const [daily] = await query('select sum(revenue)::double as revenue from analytics_analytics.daily_metrics');
    expect(Math.round(Number(daily!.revenue) * 100)).toBe(expected.netRevenueCents);
  });

  it('counts the clean orders of each day', async () => {
    const rows = await query("select strftime(metric_date, '%Y-%m-%d') as day, orders::int as orders from analytics_analytics.daily_metrics where orders > 0 order by 1");
    expect(Object.fromEntries(rows.map((row) => [row.day, row.orders]))).toEqual(expected.ordersPerDay);
  });

  it('counts the customers with two or more orders', async () => {
    const [row] = await query('select repeat_customers::int as repeat_customers from analytics_analytics.repeat_customers');
    expect(row!.repeat_customers).toBe(expected.repeatCustomers);
    expect(expected.repeatCustomers).toBeGreaterThan(0);
  });

  it('re-sessionises the clickstream and counts the funnel per day', async () => {
    const rows = await query(
      `select strftime(funnel_date, '%Y-%m-%d') as day, sessions::int as sessions, product_view_sessions::int as pv,
         add_to_cart_sessions::int as cart, checkout_sessions::int as checkout, purchase_sessions::int as purchase
       from analytics_analytics.fct_funnel order by 1`,
    );
    const actual = Object.fromEntries(
      rows.map((row) => [row.day, { sessions: row.sessions, productView: row.pv, addToCart: row.cart, checkout: row.checkout, purchase: row.purchase }]),
    );
    expect(actual).toEqual(expected.funnel);
  });

  it('quarantines every dirty record in the manifest and keeps it out of the marts', async () => {
    const records = expected.manifest.dirty.records;
    expect(records.length).toBeGreaterThan(20);
    const quarantine = await query('select source_table, record_id, reason from analytics_audit.quarantine_records');
    const reasons = new Set(quarantine.map((row) => `${row.source_table}/${row.record_id}/${row.reason}`));
    for (const record of records) {
      if (record.kind === 'null_event_id') continue; // no id to find it by: counted below
      expect(reasons, `${record.kind} ${record.id}`).toContain(`${record.feed}/${record.id}/${REASON_OF_KIND[record.kind]}`);
    }
    const nullIds = quarantine.filter((row) => row.reason === 'null_event_id').length;
    expect(nullIds).toBe(records.filter((record) => record.kind === 'null_event_id').length);

    // The payload keeps the feed's raw text, not the typed columns: a malformed event's device
    // (an ENUM on DuckDB, NULL for text outside it) is the shifted value the row arrived with,
    // and an unparseable order timestamp is the text sent.
    const payloads = await query(
      `select reason, json_extract_string(raw_payload, '$.device') as device, json_extract_string(raw_payload, '$.order_ts_text') as order_ts
       from analytics_audit.quarantine_records where reason in ('malformed_row', 'unparseable_timestamp')`,
    );
    const malformedDevices = payloads.filter((row) => row.reason === 'malformed_row').map((row) => row.device);
    expect(malformedDevices.length).toBe(records.filter((record) => record.kind === 'malformed_event_row').length);
    expect(malformedDevices.some((device) => typeof device === 'string' && !['desktop', 'mobile', 'tablet'].includes(device))).toBe(true);
    const badTimestamps = payloads.filter((row) => row.reason === 'unparseable_timestamp').map((row) => row.order_ts);
    expect(badTimestamps.length).toBe(records.filter((record) => record.kind === 'malformed_order_ts').length);
    for (const text of badTimestamps) expect(typeof text === 'string' && Number.isNaN(Date.parse(String(text).replace(' ', 'T')))).toBe(true);

    const factOrderIds = new Set((await query('select distinct order_id::int as id from analytics_marts.fact_orders')).map((row) => row.id));
    const factLineIds = new Set((await query('select order_line_id::int as id from analytics_marts.fact_orders')).map((row) => row.id));
    const factEventIds = new Set((await query('select event_id::int as id from analytics_marts.fact_events')).map((row) => row.id));
    for (const record of records) {
      if (record.feed === 'orders' && record.kind !== 'duplicate_order') expect(factOrderIds.has(record.id), `order ${record.id}`).toBe(false);
      if (record.feed === 'order_lines') expect(factLineIds.has(record.id), `line ${record.id}`).toBe(false);
      if (record.feed === 'events') expect(factEventIds.has(record.id), `event ${record.id}`).toBe(false);
    }
    // A duplicated order is in the marts once, as its latest version.
    const duplicates = records.filter((record) => record.kind === 'duplicate_order').map((record) => record.id);
    const enriched = await query(`select order_id::int as id, count(*)::int as n from analytics_intermediate.int_orders_enriched where order_id in (${duplicates.join(',')}) group by 1`);
    expect(enriched.map((row) => row.n)).toEqual(duplicates.filter((id) => expected.cleanOrderIds.has(id)).map(() => 1));
  });

  it('records the run in the audit table', async () => {
    const [run] = await query('select raw_orders::int as raw_orders, fact_orders_rows::int as facts, duration_seconds from analytics_audit.pipeline_runs order by started_at desc limit 1');
    expect(run!.facts).toBe(expected.cleanLineIds.size);
    expect(run!.raw_orders).toBe(Object.values(expected.manifest.rowCounts.orders).reduce((a, b) => a + b, 0));
    expect(Number(run!.duration_seconds)).toBeGreaterThan(0);
  });

  it('merges a second day incrementally to the same rows as a full refresh', async () => {
    const added = await runCli(['generate', '--date', NEXT_DATE], { cwd: dir });
    expect(added.code, added.output).toBe(0);
    const incremental = await runCli(['build', ...VARS], { cwd: dir });
    expectGreen(incremental);
    expect(incremental.stdout).toMatch(/OK created sql incremental model analytics_marts\.fact_orders \.+ \[MERGE \d+/);
    const factsSql = 'select * from analytics_marts.fact_orders order by order_line_id';
    const eventsSql = 'select event_id, session_key, event_type from analytics_marts.fact_events order by event_id';
    const afterIncremental = await query(factsSql);
    const eventsAfterIncremental = await query(eventsSql);

    const both = await computeShopExpectations(join(dir, 'data', 'raw'));
    expect(afterIncremental.length).toBe(both.cleanLineIds.size);
    expect(new Set(afterIncremental.map((row) => Number(row.order_line_id)))).toEqual(both.cleanLineIds);

    // The snapshot saw days 1-4 at the first build and day 5 now: a profile changed on day 5
    // has two versions, every other customer one.
    const latestBefore = new Map<number, string>();
    for (const day of both.manifest.dates.slice(0, -1)) {
      for (const row of await readJsonLines(join(dir, 'data', 'raw', 'customers', `customers_${day}.json`))) latestBefore.set(Number(row.customer_id), String(row.updated_at));
    }
    const changed = (await readJsonLines(join(dir, 'data', 'raw', 'customers', `customers_${NEXT_DATE}.json`)))
      .filter((row) => latestBefore.has(Number(row.customer_id)) && latestBefore.get(Number(row.customer_id)) !== String(row.updated_at))
      .map((row) => Number(row.customer_id))
      .sort((a, b) => a - b);
    expect(changed.length).toBeGreaterThan(0);
    const versions = await query(
      'select customer_id::int as id, count(*)::int as n, sum(case when is_current then 1 else 0 end)::int as current from analytics_marts.dim_customers group by 1 order by 1',
    );
    expect(versions.filter((row) => row.n === 2).map((row) => row.id)).toEqual(changed);
    expect(versions.every((row) => row.current === 1 && Number(row.n) <= 2)).toBe(true);

    // Rebuild only the two facts from scratch: their inputs are the ones the incremental run read.
    const refreshed = await runCli(['run', '--full-refresh', '-s', 'fact_orders', 'fact_events', ...VARS], { cwd: dir });
    expect(refreshed.code, refreshed.output).toBe(0);
    expect(refreshed.stdout).toMatch(/fact_orders \.+ \[CREATE TABLE/);
    expect(await query(factsSql)).toEqual(afterIncremental);
    expect(await query(eventsSql)).toEqual(eventsAfterIncremental);
  }, 180_000);

  it('compiles the analyses to SQL that runs', async () => {
    const compiled = await runCli(['compile', '-s', 'resource_type:analysis', ...VARS], { cwd: dir });
    expect(compiled.code, compiled.output).toBe(0);
    const analysis = (name: string) => readFile(join(dir, 'target', 'compiled', 'shop', 'analyses', `${name}.sql`), 'utf8');
    const top = await query(await analysis('clv_top_20'));
    expect(top).toHaveLength(20);
    const revenues = top.map((row) => Number(row.lifetime_revenue));
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a));
    const funnel = await query(await analysis('funnel_by_day'));
    const table = await query('select sessions from analytics_analytics.fct_funnel order by funnel_date');
    expect(funnel.map((row) => row.sessions)).toEqual(table.map((row) => row.sessions));
    expect((await query(await analysis('revenue_by_category_last_3_months'))).length).toBeGreaterThan(0);
    const repeat = await query(await analysis('repeat_customers'));
    expect(repeat.find((row) => row.value_segment === 'all')).toBeDefined();
  });
});
