import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { queryDuckDb } from '../testing/query-duckdb.js';
import { runCli } from '../testing/run-cli.js';

/**
 * The `unique` test on DuckDB finds repeated values through their sorted hashes; these cases
 * check it reports exactly the values a GROUP BY would, on integer and text keys, with NULLs,
 * and through a `where` config.
 */
const files: Record<string, string> = {
  // 20,000 distinct ids and skus, then repeats: id 7 three times, sku 'b-9' twice, NULLs.
  'models/keys.sql': [
    "{{ config(materialized='table') }}",
    "select i as id, 'b-' || i as sku, i % 2 = 0 as is_even from range(20000) as t(i)",
    "union all select 7, 'x-1', false union all select 7, 'x-2', false union all select 9, 'b-9', false",
    'union all select null, null, true union all select null, null, true',
  ].join('\n'),
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: keys',
    '    columns:',
    '      - name: id',
    '        data_tests:',
    '          - unique:',
    '              config: {store_failures: true}',
    '          - unique:',
    '              name: unique_even_ids',
    '              config: {where: is_even}',
    '      - name: sku',
    '        data_tests:',
    '          - unique:',
    '              config: {store_failures: true}',
  ].join('\n'),
};

let dir = '';
let dbPath = '';

beforeAll(async () => {
  ({ dir, dbPath } = await makeDuckDbProject(files));
  const run = await runCli(['run'], { cwd: dir });
  expect(run.code, run.output).toBe(0);
});

afterAll(async () => {
  if (dir) await removeProject(dir);
});

describe('unique test on DuckDB', () => {
  it('reports each repeated value once with its count, ignoring NULLs, on integer and text keys', async () => {
    const run = await runCli(['test'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL 2 unique_keys_id /);
    expect(run.stdout).toMatch(/FAIL 1 unique_keys_sku /);
    expect(run.stdout).toMatch(/PASS unique_even_ids /);
    const compiled = await readFile(path.join(dir, 'target/run/shop/models/schema.yml/unique_keys_id.sql'), 'utf8');
    expect(compiled).toContain('select hash(id) as value_hash');
    expect(await queryDuckDb(dbPath, 'select unique_field::int as value, n_records::int as n from main_dbt_test__audit.unique_keys_id order by 1')).toEqual([
      { value: 7, n: 3 },
      { value: 9, n: 2 },
    ]);
    expect(await queryDuckDb(dbPath, 'select unique_field as value, n_records::int as n from main_dbt_test__audit.unique_keys_sku')).toEqual([{ value: 'b-9', n: 2 }]);
  });
});
