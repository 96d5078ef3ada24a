import { afterEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

async function project(files: Record<string, string>, options?: Parameters<typeof makeDuckDbProject>[1]) {
  const made = await makeDuckDbProject(files, options);
  dirs.push(made.dir);
  return made;
}

describe('tsdbt run on DuckDB', () => {
  it('builds views and tables in dependency order and reports like dbt', async () => {
    const { dir, dbPath } = await project({
      'models/staging/stg_orders.sql': "select * from (values (1, 10.5, 'web'), (2, 20.0, 'app'), (3, 5.25, 'web')) as t(order_id, amount, channel)",
      'models/marts/revenue_by_channel.sql': "{{ config(materialized='table') }}\nselect channel, sum(amount) as revenue, count(*) as orders\nfrom {{ ref('stg_orders') }}\ngroup by channel",
    });
    const run = await runCli(['run'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Found 2 models/);
    expect(run.stdout).toMatch(/1 of 2 START sql view model main\.stg_orders \.+ \[RUN\]/);
    expect(run.stdout).toMatch(/2 of 2 OK created sql table model main\.revenue_by_channel \.+ \[CREATE TABLE in \d+\.\d+s\]/);
    expect(run.stdout).toMatch(/Done\. PASS=2 WARN=0 ERROR=0 SKIP=0/);
    const rows = await queryDuckDb(dbPath, 'select channel, revenue, orders from main.revenue_by_channel order by channel');
    expect(rows).toEqual([
      { channel: 'app', revenue: 20, orders: 1 },
      { channel: 'web', revenue: 15.75, orders: 2 },
    ]);
    const types = await queryDuckDb(dbPath, "select table_name, table_type from information_schema.tables where table_schema = 'main' order by 1");
    expect(types).toEqual([
      { table_name: 'revenue_by_channel', table_type: 'BASE TABLE' },
      { table_name: 'stg_orders', table_type: 'VIEW' },
    ]);
  });

  it('skips the descendants of a failed model and finishes the independent branch', async () => {
    const { dir, dbPath } = await project({
      'models/broken.sql': 'select no_such_column from (select 1 as id)',
      'models/after_broken.sql': "select * from {{ ref('broken') }}",
      'models/fine.sql': "{{ config(materialized='table') }}\nselect 42 as answer",
    }, { threads: 2 });
    const run = await runCli(['run'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR creating sql view model main\.broken/);
    expect(run.stdout).toMatch(/SKIP relation main\.after_broken/);
    expect(run.stdout).toMatch(/Database Error in model broken \(models\/broken\.sql\)/);
    expect(run.stdout).toMatch(/no_such_column/);
    expect(run.stdout).toMatch(/PASS=1 WARN=0 ERROR=1 SKIP=1/);
    expect(await queryDuckDb(dbPath, 'select answer from main.fine')).toEqual([{ answer: 42 }]);
  });

  it('keeps the previous table when a rebuild fails (atomic swap)', async () => {
    const { dir, dbPath } = await project({
      'models/totals.sql': "{{ config(materialized='table') }}\nselect 1 as id, 'first' as version",
    });
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    await writeFile(join(dir, 'models/totals.sql'), "{{ config(materialized='table') }}\nselect 1 / 'x' as id");
    const failed = await runCli(['run'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(await queryDuckDb(dbPath, 'select id, version from main.totals')).toEqual([{ id: 1, version: 'first' }]);
    const leftovers = await queryDuckDb(dbPath, "select table_name from information_schema.tables where table_name like '%tsdbt_tmp%'");
    expect(leftovers.length).toBeLessThanOrEqual(1);
    await writeFile(join(dir, 'models/totals.sql'), "{{ config(materialized='table') }}\nselect 2 as id, 'second' as version");
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    expect(await queryDuckDb(dbPath, 'select id, version from main.totals')).toEqual([{ id: 2, version: 'second' }]);
  });

  it('inlines ephemeral models as CTEs and applies folder config, custom schemas and hooks', async () => {
    const { dir, dbPath } = await project({
      'project.yml': [
        'name: shop',
        'profile: shop',
        'on-run-start: ["create table if not exists main.audit_log (event varchar)"]',
        "on-run-end: [\"insert into main.audit_log values ('end')\"]",
        'models:',
        '  shop:',
        '    staging:',
        '      +materialized: ephemeral',
        '    marts:',
        '      materialized: table',
        '      +schema: marts',
        "      +post-hook: \"insert into main.audit_log values ('built {{ this.identifier }}')\"",
      ].join('\n'),
      'models/staging/base_numbers.sql': 'select range as n from range(5)',
      'models/marts/squares.sql': "with numbers as (select n from {{ ref('base_numbers') }})\nselect n, n * n as square from numbers",
    });
    const run = await runCli(['run'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(await queryDuckDb(dbPath, 'select sum(square) as total from main_marts.squares')).toEqual([{ total: 30 }]);
    const compiled = await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'target/compiled/shop/models/marts/squares.sql'), 'utf8'));
    expect(compiled).toMatch(/^with __dbt__cte__base_numbers as \(\nselect range as n from range\(5\)\n\),\nnumbers as/);
    expect(await queryDuckDb(dbPath, 'select event from main.audit_log order by event')).toEqual([{ event: 'built squares' }, { event: 'end' }]);
    const ephemeral = await queryDuckDb(dbPath, "select count(*) as n from information_schema.tables where table_name = 'base_numbers'");
    expect(ephemeral).toEqual([{ n: 0 }]);
  });

  it('selects with dbt syntax and runs independent nodes on several threads', async () => {
    const files: Record<string, string> = { 'models/root.sql': 'select 1 as id' };
    for (let i = 0; i < 8; i++) files[`models/leaf_${i}.sql`] = `{{ config(materialized='table', tags=['leaf']) }}\nselect id + ${i} as id from {{ ref('root') }}`;
    const { dir, dbPath } = await project(files, { threads: 4 });
    const run = await runCli(['run', '-s', 'root+', '--exclude', 'leaf_7', '--threads', '4'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Concurrency: 4 threads/);
    expect(run.stdout).toMatch(/PASS=8 /);
    const tables = await queryDuckDb(dbPath, "select count(*) as n from information_schema.tables where table_name like 'leaf_%'");
    expect(tables).toEqual([{ n: 7 }]);
    const ls = await runCli(['ls', '-s', 'tag:leaf', '--output', 'name'], { cwd: dir });
    expect(ls.stdout.trim().split('\n').sort()).toEqual(Array.from({ length: 8 }, (_, i) => `leaf_${i}`));
  });

  it('loads seeds with inferred and configured column types', async () => {
    const { dir, dbPath } = await project({
      'seeds/countries.csv': 'code,name,population,joined\r\nDE,"Germany, Federal Republic",83000000,2020-01-01\r\nFR,"France ""la belle""",68000000,2021-06-30\r\n',
      'seeds/properties.yml': 'version: 2\nseeds:\n  - name: countries\n    config:\n      column_types:\n        population: double\n',
      'models/big.sql': "select code from {{ ref('countries') }} where population > 70000000",
    });
    const run = await runCli(['build'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/OK loaded seed file main\.countries \.+ \[INSERT 2 in/);
    expect(await queryDuckDb(dbPath, 'select code, name, population, typeof(population) as t, typeof(joined) as j from main.countries order by code')).toEqual([
      { code: 'DE', name: 'Germany, Federal Republic', population: 83000000, t: 'DOUBLE', j: 'DATE' },
      { code: 'FR', name: 'France "la belle"', population: 68000000, t: 'DOUBLE', j: 'DATE' },
    ]);
    expect(await queryDuckDb(dbPath, 'select code from main.big')).toEqual([{ code: 'DE' }]);
  });

  it('calls project macros with keyword arguments and honours a generate_schema_name override', async () => {
    const { dir, dbPath } = await project({
      'macros/cents.sql': "{% macro to_cents(column, scale=100) %}cast({{ column }} * {{ scale }} as integer){% endmacro %}",
      'macros/schema.sql': '{% macro generate_schema_name(custom_schema_name, node) %}{{ custom_schema_name or target.schema }}{% endmacro %}',
      'models/prices.sql': "{{ config(materialized='table', schema='pricing') }}\nselect {{ to_cents('price') }} as cents, {{ to_cents('price', scale=10) }} as dimes from (select 1.25 as price)",
    });
    const run = await runCli(['run'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(await queryDuckDb(dbPath, 'select cents, dimes from pricing.prices')).toEqual([{ cents: 125, dimes: 13 }]);
  });
});
