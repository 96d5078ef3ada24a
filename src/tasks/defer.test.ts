/**
 * `--defer --state`: a CI target builds only what changed and reads everything else from
 * production. On DuckDB both targets share one database file and differ by schema (as dbt
 * users keep dev and prod schemas in one warehouse); relations written to the state
 * manifest name the prod schema, so refs to unselected models resolve there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

const PROFILES = `shop:
  target: prod
  outputs:
    prod:
      type: duckdb
      path: warehouse.duckdb
      schema: prod
    ci:
      type: duckdb
      path: warehouse.duckdb
      schema: ci
`;

const FILES: Readonly<Record<string, string>> = {
  'profiles.yml': PROFILES,
  'models/stg_orders.sql': 'select * from (values (1, 10, 10.0), (2, 10, 25.5), (3, 20, 2.0)) as t(order_id, customer_id, amount)\n',
  'models/orders.sql': "{{ config(materialized='table') }}\nselect * from {{ ref('stg_orders') }}\n",
  'models/customers.sql': "{{ config(materialized='table') }}\nselect * from (values (10, 'Ada'), (20, 'Grace')) as t(customer_id, name)\n",
  'models/customer_revenue.sql': "{{ config(materialized='table') }}\nselect c.name, sum(o.amount) as revenue\nfrom {{ ref('customers') }} c join {{ ref('orders') }} o using (customer_id)\ngroup by c.name\n",
};

let dir: string;
let warehouse: string;

beforeAll(async () => {
  ({ dir } = await makeDuckDbProject(FILES));
  warehouse = join(dir, 'warehouse.duckdb');
  const prod = await runCli(['build', '--target', 'prod'], { cwd: dir });
  expect(prod.stdout).toMatch(/PASS=4 WARN=0 ERROR=0 SKIP=0/);
  // The production artifacts, as a deploy job would publish them.
  await mkdir(join(dir, 'prod-artifacts'));
  for (const file of ['manifest.json', 'run_results.json']) await copyFile(join(dir, 'target', file), join(dir, 'prod-artifacts', file));
  // A row only production has: a deferred ref must read it.
  await queryDuckDb(warehouse, 'insert into prod.orders values (4, 20, 10.0)');
  await writeFile(join(dir, 'models/customer_revenue.sql'), FILES['models/customer_revenue.sql'].replace('sum(o.amount) as revenue', 'sum(o.amount) as revenue, count(*) as orders'));
});

afterAll(async () => {
  if (dir) await removeProject(dir);
});

describe('--defer to production artifacts', () => {
  it('builds only the changed model in the CI schema; its refs read the production relations', async () => {
    const run = await runCli(['run', '-s', 'customer_revenue', '--defer', '--state', 'prod-artifacts', '--target', 'ci'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/1 of 1 OK created sql table model ci\.customer_revenue/);
    expect(run.code).toBe(0);
    const compiled = await readFile(join(dir, 'target/compiled/shop/models/customer_revenue.sql'), 'utf8');
    expect(compiled).toContain('from "warehouse"."prod"."customers" c join "warehouse"."prod"."orders" o');
    expect(compiled).not.toContain('"ci"');
    expect(await queryDuckDb(warehouse, "select table_name from information_schema.tables where table_schema = 'ci'")).toEqual([{ table_name: 'customer_revenue' }]);
    expect(await queryDuckDb(warehouse, 'select name, revenue, orders from ci.customer_revenue order by name')).toEqual([
      { name: 'Ada', revenue: 35.5, orders: 2 },
      { name: 'Grace', revenue: 12, orders: 2 },
    ]);
  });

  it('the slim CI command builds state:modified+ only, deferring the rest', async () => {
    const run = await runCli(['build', '-s', 'state:modified+', '--defer', '--state', 'prod-artifacts', '--target', 'ci'], { cwd: dir });
    expect(run.stdout).toMatch(/Found 4 models/);
    expect(run.stdout).toMatch(/PASS=1 WARN=0 ERROR=0 SKIP=0 (NO-OP=0 )?TOTAL=1/);
    expect(run.code).toBe(0);
    const results = JSON.parse(await readFile(join(dir, 'target/run_results.json'), 'utf8')) as { results: { unique_id: string; status: string }[] };
    expect(results.results.map((result) => [result.unique_id, result.status])).toEqual([['model.shop.customer_revenue', 'success']]);
  });

  it('without --state, --defer is refused with a hint', async () => {
    const run = await runCli(['run', '-s', 'customer_revenue', '--defer', '--target', 'ci'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--defer needs --state DIR (the production artifacts to defer to)');
  });
});
