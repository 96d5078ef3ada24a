/**
 * The whole pipeline on Snowflake: the real CLI with `--target prod`, the real `snowflake-sdk`
 * driver, the loopback stand-in. Asserts the statements Snowflake receives, per model and in
 * order, and that the tables equal those the same project builds on DuckDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeProject, removeProject } from '../../testing/make-project.js';
import { runCli, type CliRun } from '../../testing/run-cli.js';
import { queryDuckDb } from '../../testing/query-duckdb.js';
import { startSnowflakeStandIn, type SnowflakeStandIn } from '../../testing/snowflake-stand-in/start-snowflake-stand-in.js';
import { pipelineProfilesYml, pipelineProjectFiles, readPipelineRelations } from '../../testing/fixtures/snowflake-pipeline-project.js';
import { createSnowflakeAdapter } from './snowflake-adapter.js';

const password = 'Sn0w-pipeline-secret!';
let standIn: SnowflakeStandIn;
let dir: string;
let prodBuild: CliRun;
let prodStatements: string[];
const outputs: CliRun[] = [];

function envFor(overrides: Record<string, string> = {}): Record<string, string> {
  return { SNOWFLAKE_ACCOUNT: 'stand_in', SNOWFLAKE_USER: 'tsdbt', SNOWFLAKE_PASSWORD: password, SNOWFLAKE_ACCESS_URL: standIn.url, ...overrides };
}

async function cli(args: readonly string[], options: { readonly env?: Record<string, string>; readonly signal?: AbortSignal } = {}): Promise<CliRun> {
  const run = await runCli(args, { cwd: dir, env: options.env ?? envFor(), signal: options.signal });
  outputs.push(run);
  return run;
}

/** `"ANALYTICS"."SHOP"."<NAME>"`, as the dialect renders the fixture's relations. */
const rel = (name: string): string => `"ANALYTICS"."SHOP"."${name.toUpperCase()}"`;

beforeAll(async () => {
  standIn = await startSnowflakeStandIn({ credentials: { user: 'tsdbt', password } });
  dir = await makeProject({ ...pipelineProjectFiles, 'profiles.yml': pipelineProfilesYml() });
  prodBuild = await cli(['build', '--target', 'prod']);
  prodStatements = standIn.statements();
  outputs.push(await runCli(['build'], { cwd: dir, env: envFor() }));
}, 120_000);

afterAll(async () => {
  await standIn?.close();
  if (dir) await removeProject(dir);
});

describe('tsdbt build --target prod through snowflake-sdk and the stand-in', () => {
  it('succeeds and reports Snowflake relations', () => {
    expect(prodBuild.code).toBe(0);
    expect(prodBuild.stdout).toMatch(/Concurrency: 1 threads \(target='prod'\)/);
    expect(prodBuild.stdout).toMatch(/OK loaded seed file shop\.raw_orders \.+ \[INSERT 5 in/);
    expect(prodBuild.stdout).toMatch(/OK created sql table model shop\.customer_revenue \.+ \[CREATE TABLE in/);
    expect(prodBuild.stdout).toMatch(/Done\. PASS=10 WARN=0 ERROR=0 SKIP=0/);
  });

  it('sends exactly these statements, model by model', () => {
    const session = ["alter session set query_tag = 'tsdbt'", 'create schema if not exists "ANALYTICS"."SHOP"', 'show objects in "ANALYTICS"."SHOP"'];
    const rawCustomers = [
      `create or replace table ${rel('raw_customers')} ("CUSTOMER_ID" bigint, "NAME" varchar, "COUNTRY" varchar)`,
      'begin',
      `insert into ${rel('raw_customers')} values\n(1, 'Ada'::varchar, 'NL'::varchar),\n(2, 'Grace'::varchar, 'US'::varchar),\n(3, 'O''Brien'::varchar, 'IE'::varchar),\n(4, 'Linus'::varchar, 'FI'::varchar)`,
      'commit',
    ];
    // transient: false and copy_grants: true.
    const dimCustomers = [`create or replace table ${rel('dim_customers')} copy grants as (\nselect * from (\nselect customer_id, name, country\nfrom ${rel('raw_customers')}\n)\n)`];
    const rawOrders = [
      `create or replace table ${rel('raw_orders')} ("ORDER_ID" bigint, "CUSTOMER_ID" bigint, "AMOUNT" double, "ORDERED_ON" date, "STATUS" varchar)`,
      'begin',
      `insert into ${rel('raw_orders')} values\n(10, 1, 12.5, '2024-01-03'::date, 'shipped'::varchar),\n(11, 1, 7.25, '2024-01-04'::date, 'shipped'::varchar),\n(12, 2, 100, '2024-01-04'::date, 'returned'::varchar),\n(13, 3, 3.75, '2024-02-01'::date, 'shipped'::varchar),\n(14, 4, null, '2024-02-02'::date, 'placed'::varchar)`,
      'commit',
    ];
    const stgOrders = [`create or replace view ${rel('stg_orders')} as (\nselect order_id, customer_id, coalesce(amount, 0) as amount, ordered_on, status\nfrom ${rel('raw_orders')}\n)`];
    // Transient by default, written in cluster-key order, then the key and automatic clustering.
    const fctOrders = [
      `create or replace transient table ${rel('fct_orders')} as (\nselect * from (\nselect o.order_id, o.customer_id, c.country, o.amount, o.ordered_on\nfrom ${rel('stg_orders')} as o\njoin ${rel('raw_customers')} as c on c.customer_id = o.customer_id\n)\norder by (ordered_on, customer_id)\n)`,
      `alter table ${rel('fct_orders')} cluster by (ordered_on, customer_id)`,
      `alter table ${rel('fct_orders')} resume recluster`,
    ];
    // snowflake_warehouse and query_tag: switched before the model, restored after it; the ephemeral model is a CTE.
    const customerRevenue = [
      'use warehouse "REPORTING_XL"',
      "alter session set query_tag = 'revenue'",
      `create or replace transient table ${rel('customer_revenue')} as (\nselect * from (\nwith __dbt__cte__shipped_orders as (\nselect * from ${rel('stg_orders')} where status = 'shipped'\n)\nselect customer_id, sum(amount) as shipped_revenue, count(*) as shipped_orders\nfrom __dbt__cte__shipped_orders\ngroup by customer_id\n)\n)`,
      "alter session set query_tag = 'tsdbt'",
      'use warehouse "TRANSFORMING"',
    ];
    const notNull = [`select count(*) as failures\nfrom (\nselect customer_id\nfrom ${rel('dim_customers')}\nwhere customer_id is null\n) as dbt_internal_test`];
    const relationships = [
      `select count(*) as failures\nfrom (\nwith child as (\n    select customer_id as from_field\n    from ${rel('fct_orders')}\n    where customer_id is not null\n),\nparent as (\n    select customer_id as to_field\n    from ${rel('dim_customers')}\n)\nselect from_field\nfrom child\nleft join parent\n    on child.from_field = parent.to_field\nwhere parent.to_field is null\n) as dbt_internal_test`,
    ];
    const unique = [
      `select count(*) as failures\nfrom (\nselect\n    customer_id as unique_field,\n    count(*) as n_records\nfrom ${rel('dim_customers')}\nwhere customer_id is not null\ngroup by customer_id\nhaving count(*) > 1\n) as dbt_internal_test`,
    ];
    const customerNames = [`create or replace secure view ${rel('customer_names')} as (\nselect customer_id, name from ${rel('dim_customers')}\n)`];
    const expected = [
      ...session, ...rawCustomers, ...dimCustomers, ...rawOrders, ...stgOrders, ...fctOrders, ...customerRevenue,
      ...notNull, ...relationships, ...unique, ...customerNames,
    ];
    // Blank lines come from template whitespace and mean nothing to Snowflake.
    expect(prodStatements.map((sql) => sql.replace(/\n\s*\n/g, '\n'))).toEqual(expected);
  });

  it('runs the model with its own warehouse and tag, and everything else with the target\'s', () => {
    const create = standIn.requests.find((request) => request.sql?.startsWith(`create or replace transient table ${rel('customer_revenue')}`));
    expect(create).toMatchObject({ warehouse: 'REPORTING_XL', queryTag: 'revenue' });
    const names = standIn.requests.find((request) => request.sql?.startsWith(`create or replace secure view ${rel('customer_names')}`));
    expect(names).toMatchObject({ warehouse: 'TRANSFORMING', queryTag: 'tsdbt', role: 'TRANSFORMER' });
  });

  it('builds the same tables, row for row, as the project on DuckDB', async () => {
    const onDuckDb = await readPipelineRelations((sql) => queryDuckDb(path.join(dir, 'target', 'dev.duckdb'), sql), (name) => `main.${name}`);
    const adapter = await createSnowflakeAdapter({ account: 'stand_in', user: 'tsdbt', password, database: 'analytics', schema: 'shop', access_url: standIn.url });
    try {
      const session = await adapter.openSession();
      try {
        const onSnowflake = await readPipelineRelations(async (sql) => (await session.query(sql)).rows, (name) => rel(name));
        expect(onSnowflake).toEqual(onDuckDb);
      } finally {
        await session.release();
      }
    } finally {
      await adapter.close();
    }
    expect(onDuckDb.customer_revenue).toEqual([
      { customer_id: 1, shipped_revenue: 19.75, shipped_orders: 2 },
      { customer_id: 3, shipped_revenue: 3.75, shipped_orders: 1 },
    ]);
    expect(onDuckDb.fct_orders).toHaveLength(5);
  });

  it('finds existing relations in Snowflake casing: a view that became a table is dropped first', async () => {
    await writeFile(path.join(dir, 'models/marts/customer_names.sql'), "{{ config(materialized='table', transient=false) }}\nselect customer_id, name from {{ ref('dim_customers') }}\n");
    standIn.clearLog();
    const run = await cli(['run', '--target', 'prod', '-s', 'customer_names']);
    expect(run.code).toBe(0);
    expect(standIn.statements().slice(2)).toEqual([
      'show objects in "ANALYTICS"."SHOP"',
      `drop view if exists ${rel('customer_names')}`,
      `create or replace table ${rel('customer_names')} as (\nselect * from (\n\nselect customer_id, name from ${rel('dim_customers')}\n\n)\n)`,
    ]);
  });
});

describe('incremental models and snapshots on Snowflake', () => {
  it('merges a later run inside begin/commit and records snapshot history', async () => {
    await writeFile(path.join(dir, 'models/marts/order_totals.sql'), "{{ config(materialized='incremental', unique_key='order_id') }}\nselect order_id, amount, status from {{ ref('stg_orders') }}\n{% if is_incremental() %}where order_id >= 12{% endif %}\n");
    await mkdir(path.join(dir, 'snapshots'), { recursive: true });
    await writeFile(path.join(dir, 'snapshots/orders_snapshot.sql'), "{% snapshot orders_snapshot %}\n{{ config(unique_key='order_id', strategy='check', check_cols=['status']) }}\nselect order_id, status from {{ ref('raw_orders') }}\n{% endsnapshot %}\n");
    expect((await cli(['build', '--target', 'prod', '-s', 'order_totals', 'orders_snapshot'])).code).toBe(0);
    // Order 12 is now shipped, 15 is new.
    await writeFile(path.join(dir, 'seeds/raw_orders.csv'), 'order_id,customer_id,amount,ordered_on,status\n10,1,12.5,2024-01-03,shipped\n12,2,100,2024-01-04,shipped\n15,4,1,2024-02-02,placed\n');
    expect((await cli(['seed', '--target', 'prod', '-s', 'raw_orders'])).code).toBe(0);
    standIn.clearLog();
    const run = await cli(['build', '--target', 'prod', '-s', 'order_totals', 'orders_snapshot']);
    expect(run.stdout).toMatch(/OK created sql incremental model shop\.order_totals \.+ \[MERGE 2 in/);
    expect(run.code).toBe(0);
    const statements = standIn.statements().map((sql) => sql.replace(/\n\s*\n/g, '\n').replace(/'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+'/g, "'<now>'"));
    const tmp = rel('order_totals__tsdbt_tmp');
    const incremental = [
      `select * from (\nselect order_id, amount, status from ${rel('stg_orders')}\nwhere order_id >= 12\n) as tsdbt_columns\nlimit 0`,
      `select * from (\nselect * from ${rel('order_totals')}\n) as tsdbt_columns\nlimit 0`,
      `drop table if exists ${tmp}`,
      `create or replace temporary table ${tmp} as (\nselect order_id, amount, status from ${rel('stg_orders')}\nwhere order_id >= 12\n)`,
      `select order_id, count(*) as duplicate_rows\nfrom ${tmp}\nwhere order_id is not null\ngroup by order_id\nhaving count(*) > 1\nlimit 1`,
      'begin',
      [
        `merge into ${rel('order_totals')} as DBT_INTERNAL_DEST`,
        `using ${tmp} as DBT_INTERNAL_SOURCE`,
        'on (DBT_INTERNAL_SOURCE.order_id = DBT_INTERNAL_DEST.order_id)',
        'when matched then update set',
        '    "ORDER_ID" = DBT_INTERNAL_SOURCE."ORDER_ID",',
        '    "AMOUNT" = DBT_INTERNAL_SOURCE."AMOUNT",',
        '    "STATUS" = DBT_INTERNAL_SOURCE."STATUS"',
        'when not matched then insert',
        '    ("ORDER_ID", "AMOUNT", "STATUS")',
        'values',
        '    (DBT_INTERNAL_SOURCE."ORDER_ID", DBT_INTERNAL_SOURCE."AMOUNT", DBT_INTERNAL_SOURCE."STATUS")',
      ].join('\n'),
      'commit',
      `drop table if exists ${tmp}`,
    ];
    const staging = rel('orders_snapshot__tsdbt_snapshot_staging');
    expect(statements.slice(0, 3)).toEqual(["alter session set query_tag = 'tsdbt'", 'create schema if not exists "ANALYTICS"."SHOP"', 'show objects in "ANALYTICS"."SHOP"']);
    expect(statements.slice(3, 3 + incremental.length)).toEqual(incremental);
    const snapshot = statements.slice(3 + incremental.length);
    expect(snapshot.slice(0, 3)).toEqual([
      `select * from (\nselect order_id, status from ${rel('raw_orders')}\n) as dbt_columns_query\nlimit 0`,
      `select * from ${rel('orders_snapshot')} limit 0`,
      `select\n        order_id as dbt_unique_key_1,\n    count(*) as dbt_row_count\nfrom (\nselect order_id, status from ${rel('raw_orders')}\n) as snapshot_query\ngroup by order_id\nhaving count(*) > 1\nlimit 1`,
    ]);
    expect(snapshot[3]).toMatch(new RegExp(`^create or replace temporary table ${staging.replace(/[.*"()]/g, '\\$&')} as \\(\nwith snapshot_query as \\(`));
    expect(snapshot[3]).toContain("cast('<now>' as timestamp_ntz) as dbt_version_time");
    expect(snapshot.slice(4)).toEqual([
      'begin',
      expect.stringMatching(new RegExp(`^merge into ${rel('orders_snapshot').replace(/[."]/g, '\\$&')} as dbt_internal_dest\nusing ${staging.replace(/[."]/g, '\\$&')} as dbt_internal_source\non dbt_internal_source.dbt_scd_id = dbt_internal_dest.dbt_scd_id\n`)),
      'commit',
      `drop table if exists ${staging}`,
    ]);

    const adapter = await createSnowflakeAdapter({ account: 'stand_in', user: 'tsdbt', password, database: 'analytics', schema: 'shop', access_url: standIn.url });
    try {
      const session = await adapter.openSession();
      try {
        const totals = await session.query(`select order_id, amount, status from ${rel('order_totals')} order by order_id`);
        expect(totals.rows).toEqual([
          { ORDER_ID: 10, AMOUNT: 12.5, STATUS: 'shipped' },
          { ORDER_ID: 11, AMOUNT: 7.25, STATUS: 'shipped' },
          { ORDER_ID: 12, AMOUNT: 100, STATUS: 'shipped' },
          { ORDER_ID: 13, AMOUNT: 3.75, STATUS: 'shipped' },
          { ORDER_ID: 14, AMOUNT: 0, STATUS: 'placed' },
          { ORDER_ID: 15, AMOUNT: 1, STATUS: 'placed' },
        ]);
        const history = await session.query(`select order_id, status, dbt_valid_to is null as is_current from ${rel('orders_snapshot')} order by order_id, dbt_valid_from`);
        expect(history.rows).toEqual([
          { ORDER_ID: 10, STATUS: 'shipped', IS_CURRENT: true },
          { ORDER_ID: 11, STATUS: 'shipped', IS_CURRENT: true },
          { ORDER_ID: 12, STATUS: 'returned', IS_CURRENT: false },
          { ORDER_ID: 12, STATUS: 'shipped', IS_CURRENT: true },
          { ORDER_ID: 13, STATUS: 'shipped', IS_CURRENT: true },
          { ORDER_ID: 14, STATUS: 'placed', IS_CURRENT: true },
          { ORDER_ID: 15, STATUS: 'placed', IS_CURRENT: true },
        ]);
      } finally {
        await session.release();
      }
    } finally {
      await adapter.close();
    }
  }, 60_000);
});

describe('failures on Snowflake', () => {
  it('shows the Snowflake error code of a model that selects from a missing table', async () => {
    await writeFile(path.join(dir, 'models/marts/broken.sql'), 'select * from no_such_table\n');
    const run = await cli(['run', '--target', 'prod', '-s', 'broken']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR creating sql view model shop\.broken/);
    expect(run.stdout).toContain('Database Error in model broken (models/marts/broken.sql)');
    expect(run.stdout).toContain("002003 (42S02): SQL compilation error: Object 'NO_SUCH_TABLE' does not exist or not authorized.");
    expect(run.stdout).toContain('compiled code at target/run/shop/models/marts/broken.sql');
    expect(run.stdout).toMatch(/Done\. PASS=0 WARN=0 ERROR=1 SKIP=0/);
  });

  it('retries a login and a statement that failed before reaching Snowflake', async () => {
    standIn.clearLog();
    standIn.injectFault({ kind: 'http500', times: 1, match: /^login$/ });
    standIn.injectFault({ kind: 'http500', times: 1, match: /STG_ORDERS" as \(/ });
    const run = await cli(['run', '--target', 'prod', '-s', 'stg_orders']);
    expect(run.output).toMatch(/Done\. PASS=1 WARN=0 ERROR=0/);
    expect(run.code).toBe(0);
    const logins = standIn.requests.filter((request) => request.path === '/session/v1/login-request');
    expect(logins.map((request) => request.status)).toEqual([500, 200]);
    const creates = standIn.requests.filter((request) => request.sql?.startsWith(`create or replace view ${rel('stg_orders')}`));
    expect(creates.map((request) => request.status)).toEqual([500, 200]);
    // The same request id: had the first try reached Snowflake, it would not run twice.
    expect(creates[1].requestId).toBe(creates[0].requestId);
    expect(standIn.statements().filter((sql) => sql.startsWith(`create or replace view ${rel('stg_orders')}`))).toHaveLength(1);
  }, 30_000);

  it('aborts the statement in flight on cancel, skips the rest and exits non-zero', async () => {
    standIn.clearLog();
    standIn.injectFault({ kind: 'slow', times: 1, match: /FCT_ORDERS" as \(/, delayMs: 20_000 });
    const controller = new AbortController();
    const watcher = setInterval(() => {
      if (standIn.requests.some((request) => request.sql?.includes(`table ${rel('fct_orders')} as (`))) controller.abort();
    }, 20);
    const started = Date.now();
    const run = await cli(['run', '--target', 'prod', '-s', 'stg_orders+'], { signal: controller.signal }).finally(() => clearInterval(watcher));
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Cancelling: aborting the running queries and skipping the nodes not started yet.');
    expect(run.stdout).toMatch(/ERROR creating sql table model shop\.fct_orders/);
    expect(run.stdout).toContain('000604 (57014): SQL execution canceled');
    expect(run.stdout).toMatch(/SKIP/);
    expect(standIn.requests.filter((request) => request.path === '/queries/v1/abort-request')).toHaveLength(1);
    // Nothing ran after the cancel, and the sessions were closed.
    const afterCancel = standIn.statements().slice(standIn.statements().findIndex((sql) => sql.includes(`table ${rel('fct_orders')} as (`)) + 1);
    expect(afterCancel).toEqual([]);
    expect(standIn.requests.filter((request) => request.path === '/session').length).toBeGreaterThanOrEqual(1);
  }, 30_000);

  it('never shows the password in output, artifacts or SQL files', async () => {
    const wrong = 'Wr0ng-pa55word-typed';
    const rejected = await cli(['run', '--target', 'prod', '-s', 'stg_orders'], { env: envFor({ SNOWFLAKE_PASSWORD: wrong }) });
    expect(rejected.code).not.toBe(0);
    expect(rejected.output).toMatch(/390100/);
    const files = await filesUnder(path.join(dir, 'target'));
    const artifacts = files.filter((file) => /\.(json|sql|xml|txt|log)$/.test(file));
    expect(artifacts).toEqual(expect.arrayContaining([path.join(dir, 'target', 'manifest.json'), path.join(dir, 'target', 'run_results.json')]));
    expect(artifacts.some((file) => file.includes(`${path.sep}compiled${path.sep}`))).toBe(true);
    const texts = [...outputs.flatMap((run) => [run.stdout, run.stderr]), ...(await Promise.all(artifacts.map((file) => readFile(file, 'utf8'))))];
    expect(outputs.length).toBeGreaterThanOrEqual(7);
    for (const text of texts) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(wrong);
    }
  }, 30_000);
});

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}
