import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

/** Two branches: orders (a failing unique test) and customers (passing tests). */
const files: Record<string, string> = {
  'models/customers.sql': "{{ config(materialized='table') }}\nselect * from (values (1), (2)) as t(customer_id)",
  'models/customer_report.sql': "{{ config(materialized='table') }}\nselect count(*) as customers from {{ ref('customers') }}",
  'models/raw_orders.sql': "{{ config(materialized='table') }}\nselect * from (values (1, 1), (1, 2), (2, 3)) as t(order_id, customer_id)",
  'models/orders_summary.sql': "{{ config(materialized='table') }}\nselect count(*) as orders from {{ ref('raw_orders') }}",
  'models/orders_report.sql': "select orders * 2 as doubled from {{ ref('orders_summary') }}",
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: customers',
    '    columns:',
    '      - name: customer_id',
    '        data_tests: [unique, not_null]',
    '  - name: raw_orders',
    '    columns:',
    '      - name: order_id',
    '        data_tests: [unique]',
    '      - name: customer_id',
    '        data_tests:',
    '          - relationships:',
    "              arguments: {to: ref('customers'), field: customer_id}",
    '              config: {severity: warn}',
  ].join('\n'),
};

let dir = '';
let dbPath = '';

beforeAll(async () => {
  ({ dir, dbPath } = await makeDuckDbProject(files, { threads: 2 }));
});

afterAll(async () => {
  if (dir) await removeProject(dir);
});

async function tableNames(): Promise<string[]> {
  const rows = await queryDuckDb(dbPath, "select table_name from information_schema.tables where table_schema = 'main' order by 1");
  return rows.map((row) => String(row.table_name));
}

describe('tsdbt build gating', () => {
  it("skips a failing test's downstream models and finishes the independent branch", async () => {
    const run = await runCli(['build'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL 1 unique_raw_orders_order_id \.+ \[FAIL 1 in/);
    expect(run.stdout).toMatch(/WARN 1 relationships_raw_orders_[0-9a-f]{32} \.+ \[WARN 1 in/);
    expect(run.stdout).toMatch(/SKIP relation main\.orders_summary/);
    expect(run.stdout).toMatch(/SKIP relation main\.orders_report/);
    expect(run.stdout).toMatch(/OK created sql table model main\.customer_report/);
    expect(run.stdout).toMatch(/Done\. PASS=5 WARN=1 ERROR=1 SKIP=2 NO-OP=0 TOTAL=9/);
    // The tested model exists (tests run after it); nothing below the failing test was built.
    expect(await tableNames()).toEqual(['customer_report', 'customers', 'raw_orders']);
    expect(await queryDuckDb(dbPath, 'select customers from main.customer_report')).toEqual([{ customers: 2 }]);
  });

  it('eager indirect selection brings tests that touch other models; cautious leaves them out', async () => {
    const eager = await runCli(['build', '-s', 'customers'], { cwd: dir });
    expect(eager.code).toBe(0);
    // dbt shortens names of 64+ characters to 30 of them and an md5 of the whole.
    expect(eager.stdout).toMatch(/WARN 1 relationships_raw_orders_[0-9a-f]{32} /);
    expect(eager.stdout).toMatch(/Done\. PASS=3 WARN=1 ERROR=0 SKIP=0 NO-OP=0 TOTAL=4/);

    const cautious = await runCli(['build', '-s', 'customers', '--indirect-selection', 'cautious'], { cwd: dir });
    expect(cautious.code).toBe(0);
    expect(cautious.stdout).not.toMatch(/relationships_raw_orders/);
    expect(cautious.stdout).toMatch(/Done\. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3/);
  });

  it('a test excluded from the build no longer gates its model’s children', async () => {
    const run = await runCli(['build', '-s', 'raw_orders+', '--exclude', 'unique_raw_orders_order_id'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(await queryDuckDb(dbPath, 'select doubled from main.orders_report')).toEqual([{ doubled: 6 }]);
  });
});
