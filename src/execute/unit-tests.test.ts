import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

/**
 * A model over a source and a ref that do not exist in the database: unit tests mock both,
 * so they run before anything is built.
 */
const files: Record<string, string> = {
  'models/sources.yml': 'version: 2\nsources:\n  - name: raw\n    schema: raw\n    tables:\n      - name: payments\n',
  'models/customers.sql': "{{ config(materialized='table') }}\nselect 1 as customer_id, 'ann' as name",
  'models/customer_revenue.sql': [
    "{{ config(materialized='table') }}",
    'select c.customer_id, c.name, coalesce(sum(p.amount), 0) as revenue',
    "from {{ ref('customers') }} as c",
    "left join {{ source('raw', 'payments') }} as p on p.customer_id = c.customer_id",
    'group by c.customer_id, c.name',
  ].join('\n'),
  'models/unit.yml': [
    'version: 2',
    'unit_tests:',
    '  - name: sums_payments_per_customer',
    '    model: customer_revenue',
    '    given:',
    "      - input: ref('customers')",
    '        rows:',
    '          - {customer_id: 1, name: ann}',
    '          - {customer_id: 2, name: bob}',
    "      - input: source('raw', 'payments')",
    '        format: csv',
    '        rows: |',
    '          customer_id,amount',
    '          1,10',
    '          1,5',
    '    expect:',
    '      rows:',
    '        - {customer_id: 1, revenue: 15}',
    '        - {customer_id: 2, revenue: 0}',
    '  - name: wrong_expectation',
    '    model: customer_revenue',
    '    given:',
    "      - input: ref('customers')",
    '        rows:',
    '          - {customer_id: 7, name: cy}',
    "      - input: source('raw', 'payments')",
    '        rows:',
    '          - {customer_id: 7, amount: 3}',
    '    expect:',
    '      format: csv',
    '      rows: |',
    '        customer_id,name,revenue',
    '        7,cy,4',
  ].join('\n'),
};

let dir = '';
let dbPath = '';

beforeAll(async () => {
  ({ dir, dbPath } = await makeDuckDbProject(files));
});

afterAll(async () => {
  if (dir) await removeProject(dir);
});

describe('unit tests on DuckDB', () => {
  it('runs on mocked inputs without the real tables and prints a diff when rows differ', async () => {
    const run = await runCli(['test'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/PASS sums_payments_per_customer \.+ \[PASS in/);
    expect(run.stdout).toMatch(/FAIL 1 wrong_expectation \.+ \[FAIL 1 in/);
    expect(run.stdout).toContain('Failure in unit_test wrong_expectation (models/unit.yml)');
    expect(run.stdout).toContain("Unit test 'wrong_expectation' of model 'customer_revenue' failed:");
    const diff = run.stdout.slice(run.stdout.indexOf('(- expected, + actual)'));
    expect(diff.split('\n').slice(0, 4).map((line) => line.replace(/^\d\d:\d\d:\d\d\s+/, '').trim())).toEqual([
      '(- expected, + actual)',
      '| customer_id | name | revenue',
      '- | 7           | cy   | 4',
      '+ | 7           | cy   | 3',
    ]);
    expect(run.stdout).toMatch(/Done\. PASS=1 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=2/);
    // Nothing was built or read: the source schema and the models do not exist.
    expect(await queryDuckDb(dbPath, "select count(*) as n from information_schema.tables where table_schema in ('main', 'raw')")).toEqual([{ n: 0 }]);
  });

  it('runs unit tests in build before the model they test', async () => {
    const run = await runCli(['build', '-s', 'customers', '--exclude', 'wrong_expectation'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(await queryDuckDb(dbPath, 'select name from main.customers')).toEqual([{ name: 'ann' }]);

    // customer_revenue's failing unit test keeps the model from being built; the passing one runs first.
    const build = await runCli(['build', '-s', 'customer_revenue'], { cwd: dir });
    expect(build.code).toBe(1);
    const lines = build.stdout.split('\n').filter((line) => / \d+ of \d+ (PASS|FAIL|SKIP|OK|ERROR)/.test(line)).map((line) => line.replace(/^\S+\s+/, '').replace(/ \.+ .*$/, ''));
    expect(lines).toEqual(['1 of 3 PASS sums_payments_per_customer', '2 of 3 FAIL 1 wrong_expectation', '3 of 3 SKIP relation main.customer_revenue']);
    expect(build.stdout).toMatch(/SKIP relation main\.customer_revenue/);
    expect(await queryDuckDb(dbPath, "select count(*) as n from information_schema.tables where table_name = 'customer_revenue'")).toEqual([{ n: 0 }]);
  });
});
