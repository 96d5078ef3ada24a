/**
 * Snapshot edge cases on real DuckDB through the CLI: duplicate keys, a failing run leaving the
 * snapshot untouched, new source columns, time zones, runs within one second, YAML snapshots
 * with renamed meta columns and dbt_valid_to_current, and `build` ordering.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

const dirs: string[] = [];
afterAll(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

async function project(files: Record<string, string>) {
  const made = await makeDuckDbProject(files);
  dirs.push(made.dir);
  await mkdir(join(made.dir, 'target'), { recursive: true });
  return made;
}

const sources = 'sources:\n  - name: crm\n    schema: main\n    tables:\n      - name: customers\n';

function snapshotFile(config: string): string {
  return `{% snapshot customers_snapshot %}\n{{ config(${config}) }}\nselect * from {{ source('crm', 'customers') }}\n{% endsnapshot %}\n`;
}

const iso = (value: unknown): string => (value as Date).toISOString();

describe('tsdbt snapshot on DuckDB', () => {
  it('refuses duplicate keys, keeps the snapshot intact when a run fails, and adds new source columns', async () => {
    const { dir, dbPath } = await project({
      'models/sources.yml': sources,
      'snapshots/customers_snapshot.sql': snapshotFile("unique_key='id', strategy='timestamp', updated_at='updated_at'"),
    });
    const snapshotRows = 'select id, segment, dbt_valid_from, dbt_valid_to from main.customers_snapshot order by id, dbt_valid_from';
    await queryDuckDb(dbPath, "create table main.customers as select * from (values (1, 'basic', 10, timestamp '2024-01-01 08:00'), (2, 'basic', 20, timestamp '2024-01-01 08:00')) t(id, segment, score, updated_at)");
    expect((await runCli(['snapshot'], { cwd: dir })).code).toBe(0);
    const first = await queryDuckDb(dbPath, snapshotRows);
    expect(first).toHaveLength(2);

    await queryDuckDb(dbPath, "create or replace table main.customers as select * from (values (1, 'gold', 1, timestamp '2024-01-02 08:00'), (2, 'silver', 2, timestamp '2024-01-02 08:00'), (2, 'gold', 3, timestamp '2024-01-02 09:00')) t(id, segment, score, updated_at)");
    const duplicate = await runCli(['snapshot'], { cwd: dir });
    expect(duplicate.code).toBe(1);
    expect(duplicate.output).toMatch(/unique_key 'id' is not unique in the snapshot query; for example id = 2 occurs 2 times/);
    expect(await queryDuckDb(dbPath, snapshotRows)).toEqual(first);

    // A score the snapshot's integer column cannot hold fails inside the merge transaction,
    // after the new column was added and while versions were being closed: all rolled back.
    await queryDuckDb(dbPath, "create or replace table main.customers as select * from (values (1, 'gold', 'high', timestamp '2024-01-02 08:00', 'a@x.io'), (2, 'basic', '20', timestamp '2024-01-01 08:00', null)) t(id, segment, score, updated_at, email)");
    const failed = await runCli(['snapshot'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(/Could not convert string 'high'/);
    expect(await queryDuckDb(dbPath, snapshotRows)).toEqual(first);
    expect(await queryDuckDb(dbPath, "select count(*) as n from information_schema.columns where table_name = 'customers_snapshot' and column_name = 'email'")).toEqual([{ n: 0 }]);

    await queryDuckDb(dbPath, "create or replace table main.customers as select * from (values (1, 'gold', 30, timestamp '2024-01-02 08:00', 'a@x.io'), (2, 'basic', 20, timestamp '2024-01-01 08:00', null)) t(id, segment, score, updated_at, email)");
    expect((await runCli(['snapshot'], { cwd: dir })).code).toBe(0);
    const rows = await queryDuckDb(dbPath, 'select id, segment, email, dbt_valid_from, dbt_valid_to from main.customers_snapshot order by id, dbt_valid_from');
    expect(rows.map((row) => [row.id, row.segment, row.email, iso(row.dbt_valid_from), row.dbt_valid_to && iso(row.dbt_valid_to)])).toEqual([
      [1, 'basic', null, '2024-01-01T08:00:00.000Z', '2024-01-02T08:00:00.000Z'],
      [1, 'gold', 'a@x.io', '2024-01-02T08:00:00.000Z', null],
      [2, 'basic', null, '2024-01-01T08:00:00.000Z', null],
    ]);
    const leftovers = await queryDuckDb(dbPath, "select count(*) as n from information_schema.tables where table_name like '%tsdbt%'");
    expect(leftovers).toEqual([{ n: 0 }]);
  });

  it('stores updated_at with a time zone as a UTC timestamp, whatever the session time zone', async () => {
    const { dir, dbPath } = await project({
      'profiles.yml': 'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/dev.duckdb\n      schema: main\n      threads: 1\n      settings:\n        TimeZone: Asia/Tokyo\n',
      'models/sources.yml': sources,
      'snapshots/customers_snapshot.sql': snapshotFile("unique_key='id', strategy='timestamp', updated_at='updated_at'"),
    });
    await queryDuckDb(dbPath, "create table main.customers as select * from (values (1, timestamptz '2024-03-01 10:00:00+02'), (2, timestamptz '2024-03-01 10:00:00-05')) t(id, updated_at)");
    expect((await runCli(['snapshot'], { cwd: dir })).code).toBe(0);
    const rows = await queryDuckDb(dbPath, 'select id, dbt_valid_from, dbt_updated_at, typeof(dbt_valid_from) as type from main.customers_snapshot order by id');
    expect(rows.map((row) => [row.id, iso(row.dbt_valid_from), iso(row.dbt_updated_at), row.type])).toEqual([
      [1, '2024-03-01T08:00:00.000Z', '2024-03-01T08:00:00.000Z', 'TIMESTAMP'],
      [2, '2024-03-01T15:00:00.000Z', '2024-03-01T15:00:00.000Z', 'TIMESTAMP'],
    ]);
  });

  it('records a change between two runs in the same second once, and a third run adds nothing', async () => {
    const { dir, dbPath } = await project({
      'models/sources.yml': sources,
      'snapshots/customers_snapshot.sql': snapshotFile("unique_key=['id', 'region'], strategy='check', check_cols='all', hard_deletes='invalidate'"),
    });
    await queryDuckDb(dbPath, "create table main.customers as select * from (values (1, 'eu', 'basic'), (1, 'us', 'basic'), (2, 'eu', 'basic')) t(id, region, segment)");
    expect((await runCli(['snapshot'], { cwd: dir })).code).toBe(0);
    await queryDuckDb(dbPath, "create or replace table main.customers as select * from (values (1, 'eu', 'gold'), (1, 'us', 'basic')) t(id, region, segment)");
    expect((await runCli(['snapshot'], { cwd: dir })).code).toBe(0);
    expect((await runCli(['snapshot'], { cwd: dir })).code).toBe(0);
    const rows = await queryDuckDb(dbPath, 'select id, region, segment, dbt_valid_from, dbt_valid_to from main.customers_snapshot order by id, region, dbt_valid_from');
    expect(rows.map((row) => [row.id, row.region, row.segment, row.dbt_valid_to === null])).toEqual([
      [1, 'eu', 'basic', false],
      [1, 'eu', 'gold', true],
      [1, 'us', 'basic', true],
      [2, 'eu', 'basic', false],
    ]);
    // The closed version ends exactly where the next begins; the deletion is closed at the second run's time.
    expect(iso(rows[0]!.dbt_valid_to)).toBe(iso(rows[1]!.dbt_valid_from));
    expect(iso(rows[3]!.dbt_valid_to)).toBe(iso(rows[1]!.dbt_valid_from));
    expect((rows[1]!.dbt_valid_from as Date).getTime()).toBeGreaterThan((rows[0]!.dbt_valid_from as Date).getTime());
  });

  it('builds a YAML snapshot with renamed meta columns and dbt_valid_to_current between its model and the models that ref it', async () => {
    const { dir, dbPath } = await project({
      'models/customers.sql': "{{ config(materialized='table') }}\nselect * from (values (1, 'basic'), (2, 'basic')) t(id, segment)",
      'models/current_segments.sql': "{{ config(materialized='table') }}\nselect id, segment from {{ ref('customers_history') }} where end_date = date '9999-12-31'",
      'snapshots/snapshots.yml': [
        'snapshots:',
        '  - name: customers_history',
        "    relation: ref('customers')",
        '    config:',
        '      unique_key: id',
        '      strategy: check',
        '      check_cols: [segment]',
        "      dbt_valid_to_current: '9999-12-31'",
        '      snapshot_meta_column_names: {dbt_valid_from: start_date, dbt_valid_to: end_date}',
      ].join('\n'),
    });
    const first = await runCli(['build'], { cwd: dir });
    expect(first.code, first.output).toBe(0);
    const order = ['model main.customers', 'snapshot main.customers_history', 'model main.current_segments'].map((text) => first.stdout.indexOf(`START ${text.replace('model', 'sql table model')}`));
    expect(order.every((position, index) => position >= 0 && (index === 0 || position > order[index - 1]!))).toBe(true);
    await writeFile(join(dir, 'models/customers.sql'), "{{ config(materialized='table') }}\nselect * from (values (1, 'gold'), (2, 'basic')) t(id, segment)");
    expect((await runCli(['build'], { cwd: dir })).code).toBe(0);
    const history = await queryDuckDb(dbPath, "select id, segment, strftime(end_date, '%Y-%m-%d') as end_day, start_date = dbt_updated_at as same from main.customers_history order by id, start_date");
    expect(history.map((row) => [row.id, row.segment, row.end_day === '9999-12-31', row.same])).toEqual([
      [1, 'basic', false, true],
      [1, 'gold', true, true],
      [2, 'basic', true, true],
    ]);
    expect(await queryDuckDb(dbPath, 'select id, segment from main.current_segments order by id')).toEqual([{ id: 1, segment: 'gold' }, { id: 2, segment: 'basic' }]);
  });

  it('explains a snapshot config that cannot work', async () => {
    const { dir } = await project({
      'models/sources.yml': sources,
      'snapshots/customers_snapshot.sql': snapshotFile("unique_key='id', strategy='timestamp'"),
    });
    await queryDuckDb(join(dir, 'target/dev.duckdb'), 'create table main.customers as select 1 as id');
    const run = await runCli(['snapshot'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/Snapshot 'customers_snapshot': the timestamp strategy needs updated_at/);
    expect(run.output).toMatch(/updated_at='updated_at'/);
  });
});
