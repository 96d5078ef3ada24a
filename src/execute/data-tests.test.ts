import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

/**
 * One shop project with deliberately dirty orders, built once; every test below runs
 * `tsdbt test` against it with a different selection and checks what exactly failed.
 */
const files: Record<string, string> = {
  'models/customers.sql': "{{ config(materialized='table') }}\nselect * from (values (1, 'ann'), (2, 'bob'), (3, 'cy')) as t(customer_id, name)",
  'models/orders.sql': [
    "{{ config(materialized='table') }}",
    'select * from (values',
    "  (1, 1, 'placed', 10, 1),",
    "  (2, 2, 'shipped', 20, 2),",
    "  (2, 9, 'lost', 30, 2),",
    "  (null, 3, 'placed', -5, 1),",
    "  (4, 8, 'returned', 0, 3)",
    ') as t(order_id, customer_id, status, amount, priority)',
  ].join('\n'),
  'macros/positive.sql': [
    '{% test is_positive(model, column_name, allow_zero=false) %}',
    'select {{ column_name }} as bad_value from {{ model }}',
    'where {{ column_name }} {% if allow_zero %}<{% else %}<={% endif %} 0',
    '{% endtest %}',
  ].join('\n'),
  'tests/generic/at_most.sql': [
    '{% test at_most_rows(model, limit_rows) %}',
    'select count(*) as row_count from {{ model }} having count(*) > {{ limit_rows }}',
    '{% endtest %}',
  ].join('\n'),
  'tests/no_big_orders.sql': "select order_id, amount from {{ ref('orders') }} where amount > 25",
  'tests/customers_have_names.sql': "{{ config(tags=['names']) }}\nselect * from {{ ref('customers') }} where name is null",
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: customers',
    '    columns:',
    '      - name: customer_id',
    '        data_tests: [unique, not_null]',
    '  - name: orders',
    '    data_tests:',
    '      - at_most_rows:',
    '          arguments:',
    '            limit_rows: 3',
    '          config:',
    '            severity: warn',
    '    columns:',
    '      - name: order_id',
    '        data_tests:',
    '          - not_null:',
    '              config:',
    '                tags: [keys]',
    '          - unique:',
    '              config:',
    '                store_failures: true',
    '                tags: [keys]',
    '      - name: customer_id',
    '        tests:',
    '          - relationships:',
    "              to: ref('customers')",
    '              field: customer_id',
    '      - name: status',
    '        tests:',
    '          - accepted_values:',
    '              arguments:',
    "                values: ['placed', 'shipped']",
    '              config:',
    "                where: \"status <> 'returned'\"",
    '      - name: priority',
    '        tests:',
    '          - accepted_values:',
    '              values: [1, 2]',
    '              quote: false',
    '              severity: warn',
    '      - name: amount',
    '        tests:',
    '          - is_positive:',
    '              arguments:',
    '                allow_zero: true',
    '              config:',
    "                error_if: '>10'",
    "                warn_if: '>0'",
    '          - is_positive:',
    '              name: amount_strictly_positive',
    '              config:',
    '                enabled: false',
  ].join('\n'),
};

let dir = '';
let dbPath = '';

beforeAll(async () => {
  ({ dir, dbPath } = await makeDuckDbProject(files));
  const run = await runCli(['run'], { cwd: dir });
  expect(run.code).toBe(0);
});

afterAll(async () => {
  if (dir) await removeProject(dir);
});

/** The visible line without the dot padding, e.g. `3 of 9 FAIL 1 unique_orders_order_id [FAIL 1 in 0.01s]`. */
function resultLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => / of \d+ (PASS|FAIL|WARN|ERROR|SKIP)/.test(line))
    .map((line) => line.replace(/^\d\d:\d\d:\d\d\s+/, '').replace(/ \.+ /, ' ').replace(/ in \d+\.\d+s\]/, ']'));
}

describe('data tests on DuckDB', () => {
  it('runs built-in, custom and singular tests and reports each failure with its rows', async () => {
    const run = await runCli(['test'], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = resultLines(run.stdout).map((line) => line.replace(/^\d+ of \d+ /, ''));
    expect(lines.sort()).toEqual([
      'FAIL 1 accepted_values_orders_status__placed__shipped [FAIL 1]',
      'FAIL 1 no_big_orders [FAIL 1]',
      'FAIL 1 not_null_orders_order_id [FAIL 1]',
      'FAIL 1 unique_orders_order_id [FAIL 1]',
      'FAIL 2 relationships_orders_customer_id__customer_id__ref_customers_ [FAIL 2]',
      'PASS customers_have_names [PASS]',
      'PASS not_null_customers_customer_id [PASS]',
      'PASS unique_customers_customer_id [PASS]',
      'WARN 1 accepted_values_orders_priority__False__1__2 [WARN 1]',
      'WARN 1 is_positive_orders_True__amount [WARN 1]',
      'WARN 1 at_most_rows_orders_3 [WARN 1]',
    ].sort());
    expect(run.stdout).toMatch(/Finished running 11 data tests/);
    expect(run.stdout).toMatch(/Done\. PASS=3 WARN=3 ERROR=5 SKIP=0 NO-OP=0 TOTAL=11/);
    // The summary names the test, the file, the count against the threshold and the failing rows.
    expect(run.stdout).toContain('Failure in test unique_orders_order_id (models/schema.yml)');
    expect(run.stdout).toContain('Got 1 result, configured to fail if !=0');
    expect(run.stdout).toMatch(/\| unique_field \| n_records \|\n.*\| -+ \| -+ \|\n.*\|\s+2 \|\s+2 \|/);
    expect(run.stdout).toContain('Got 2 results, configured to fail if !=0');
    expect(run.stdout).toMatch(/\| from_field \|\n.*\| -+ \|\n.*\|\s+[89] \|\n.*\|\s+[89] \|/);
    expect(run.stdout).toMatch(/Failure in test no_big_orders \(tests\/no_big_orders\.sql\)[\s\S]*?\| order_id \| amount \|\n.*\| -+ \| -+ \|\n.*\|\s+2 \|\s+30 \|/);
    expect(run.stdout).toContain('Warning in test is_positive_orders_True__amount (models/schema.yml)');
    expect(run.stdout).toContain('Got 1 result, configured to warn if >0');
    expect(run.stdout).toMatch(/\| bad_value \|\n.*\| -+ \|\n.*\|\s+-5 \|/);
    // Paths people read are relative to the project, never the temp directory.
    expect(run.stdout).toContain('compiled code at target/run/shop/models/schema.yml/not_null_orders_order_id.sql');
    expect(run.stdout).not.toContain(dir);
    // store_failures keeps exactly the failing rows, in the audit schema, and says where.
    expect(run.stdout).toContain('select * from "dev"."main_dbt_test__audit"."unique_orders_order_id"');
    expect(await queryDuckDb(dbPath, 'select unique_field, n_records from main_dbt_test__audit.unique_orders_order_id')).toEqual([{ unique_field: 2, n_records: 2 }]);
    // A disabled test is not a node at all.
    expect(run.stdout).not.toContain('amount_strictly_positive');
  });

  it('exits 0 when only warnings fail and applies error_if/warn_if thresholds', async () => {
    const run = await runCli(['test', '-s', 'test_name:is_positive', 'test_name:at_most_rows'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(resultLines(run.stdout).map((line) => line.replace(/^\d+ of \d+ /, '')).sort()).toEqual([
      'WARN 1 at_most_rows_orders_3 [WARN 1]',
      'WARN 1 is_positive_orders_True__amount [WARN 1]',
    ]);
    expect(run.stdout).toMatch(/Completed with 2 warnings:/);
    expect(run.stdout).toMatch(/Done\. PASS=0 WARN=2 ERROR=0/);
  });

  it('selects tests by tested model, test type, tag and name', async () => {
    const names = async (args: string[]): Promise<string[]> => {
      const run = await runCli(['ls', '--resource-type', 'test', '--output', 'name', ...args], { cwd: dir });
      expect(run.code).toBe(0);
      return run.stdout.trim().split('\n').filter(Boolean).sort();
    };
    expect(await names(['-s', 'customers'])).toEqual(['customers_have_names', 'not_null_customers_customer_id', 'relationships_orders_customer_id__customer_id__ref_customers_', 'unique_customers_customer_id']);
    expect(await names(['-s', 'test_type:singular'])).toEqual(['customers_have_names', 'no_big_orders']);
    expect(await names(['-s', 'tag:keys'])).toEqual(['not_null_orders_order_id', 'unique_orders_order_id']);
    expect(await names(['-s', 'tag:names'])).toEqual(['customers_have_names']);
    expect((await names(['-s', 'test_type:generic'])).length).toBe(9);

    const run = await runCli(['test', '-s', 'customers'], { cwd: dir });
    // `-s customers` also picks the relationships test (eager), which fails on orders' customer ids.
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Done\. PASS=3 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=4/);
    const cautious = await runCli(['test', '-s', 'customers', '--indirect-selection', 'cautious'], { cwd: dir });
    expect(cautious.code).toBe(0);
    expect(cautious.stdout).toMatch(/Done\. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3/);
  });

  it('turns a failing test into a warning with severity warn and limits the counted rows', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await writeFile(
      join(dir, 'tests/negative_or_zero.sql'),
      "{{ config(severity='warn', limit=1, store_failures=true) }}\nselect order_id, amount from {{ ref('orders') }} where amount <= 0",
    );
    const run = await runCli(['test', '-s', 'negative_or_zero'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(resultLines(run.stdout)).toEqual(['1 of 1 WARN 1 negative_or_zero [WARN 1]']);
    expect(run.stdout).toContain('Got 1 result, configured to warn if !=0');
    expect(run.stdout).toContain('select * from "dev"."main_dbt_test__audit"."negative_or_zero"');
    // The count is limited, but the stored failures hold every failing row.
    expect(await queryDuckDb(dbPath, 'select order_id, amount from main_dbt_test__audit.negative_or_zero order by amount')).toEqual([
      { order_id: null, amount: -5 },
      { order_id: 4, amount: 0 },
    ]);
  });
});
