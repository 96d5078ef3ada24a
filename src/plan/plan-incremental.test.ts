import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

/** A project whose model `orders` reads `main.raw_orders`, a table the test edits between runs. */
async function project(model: string, rawSql: string) {
  const made = await makeDuckDbProject({ 'models/orders.sql': model });
  dirs.push(made.dir);
  await mkdir(dirname(made.dbPath), { recursive: true });
  await queryDuckDb(made.dbPath, rawSql);
  return made;
}

const rows = (dbPath: string, sql = 'select * from main.orders order by all') => queryDuckDb(dbPath, sql);

describe('incremental merge on DuckDB', () => {
  it('builds, merges new and changed rows, reruns idempotently, and honours --full-refresh', async () => {
    const { dir, dbPath } = await project(
      "{{ config(materialized='incremental', unique_key='id') }}\nselect id, status, amount from main.raw_orders\n{% if is_incremental() %}where updated_at >= (select max(updated_at) from {{ this }} as t join main.raw_orders using (id)){% endif %}",
      "create table main.raw_orders as select * from (values (1, 'new', 10, 1), (2, 'new', 20, 1)) as v(id, status, amount, updated_at)",
    );
    const first = await runCli(['run'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/OK created sql incremental model main\.orders \.+ \[CREATE TABLE/);
    expect(await rows(dbPath)).toEqual([{ id: 1, status: 'new', amount: 10 }, { id: 2, status: 'new', amount: 20 }]);

    await queryDuckDb(dbPath, "update main.raw_orders set status = 'shipped', updated_at = 2 where id = 2; insert into main.raw_orders values (3, 'new', 30, 2)");
    const second = await runCli(['run'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\[MERGE 2 in/);
    const merged = [{ id: 1, status: 'new', amount: 10 }, { id: 2, status: 'shipped', amount: 20 }, { id: 3, status: 'new', amount: 30 }];
    expect(await rows(dbPath)).toEqual(merged);

    const again = await runCli(['run'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(await rows(dbPath)).toEqual(merged);
    const leftovers = await queryDuckDb(dbPath, "select table_name from information_schema.tables where table_name like '%tsdbt_tmp%'");
    expect(leftovers).toEqual([]);

    await queryDuckDb(dbPath, 'delete from main.raw_orders where id = 1');
    const refreshed = await runCli(['run', '--full-refresh'], { cwd: dir });
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toMatch(/\[CREATE TABLE/);
    expect(await rows(dbPath)).toEqual(merged.slice(1));
  });

  it('merges on a composite key, never matches null keys, and limits updated columns', async () => {
    const model = (extra: string) =>
      `{{ config(materialized='incremental', unique_key=['region', 'id'], ${extra}) }}\nselect region, id, name, amount, note from main.raw_orders`;
    const { dir, dbPath } = await project(
      model("merge_exclude_columns=['note']"),
      "create table main.raw_orders as select * from (values ('eu', 1, 'a', 1, 'first'), ('us', 1, 'b', 2, 'first'), ('eu', null, 'n', 3, 'first')) as v(region, id, name, amount, note)",
    );
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    await queryDuckDb(dbPath, "update main.raw_orders set amount = amount * 10, note = 'second'");
    const second = await runCli(['run'], { cwd: dir });
    expect(second.code).toBe(0);
    // Two keyed rows updated (note excluded), the null-key row inserted again rather than merged.
    expect(second.stdout).toMatch(/\[MERGE 3 in/);
    expect(await rows(dbPath, 'select region, id, name, amount, note from main.orders order by all')).toEqual([
      { region: 'eu', id: 1, name: 'a', amount: 10, note: 'first' },
      { region: 'eu', id: null, name: 'n', amount: 3, note: 'first' },
      { region: 'eu', id: null, name: 'n', amount: 30, note: 'second' },
      { region: 'us', id: 1, name: 'b', amount: 20, note: 'first' },
    ]);

    await writeFile(join(dir, 'models/orders.sql'), model("merge_update_columns=['note'], incremental_predicates=[\"DBT_INTERNAL_DEST.region = 'us'\"]"));
    await queryDuckDb(dbPath, "delete from main.raw_orders where id is null; update main.raw_orders set amount = 0, note = 'third'");
    const third = await runCli(['run'], { cwd: dir });
    expect(third.code).toBe(0);
    // us/1 matches and only its note changes; eu/1 is outside the predicate, so it is inserted.
    expect(await rows(dbPath, "select region, id, amount, note from main.orders where id is not null order by all")).toEqual([
      { region: 'eu', id: 1, amount: 0, note: 'third' },
      { region: 'eu', id: 1, amount: 10, note: 'first' },
      { region: 'us', id: 1, amount: 20, note: 'third' },
    ]);
  });

  it('refuses duplicate keys in the new rows and leaves the table as it was', async () => {
    const { dir, dbPath } = await project(
      "{{ config(materialized='incremental', unique_key='id') }}\nselect id, amount from main.raw_orders",
      'create table main.raw_orders as select * from (values (1, 10), (2, 20)) as v(id, amount)',
    );
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    await queryDuckDb(dbPath, 'insert into main.raw_orders values (2, 21), (3, 30)');
    const failed = await runCli(['run'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Incremental model orders has duplicate unique_key (id) values in its new rows, e.g. id=2, duplicate_rows=2; nothing was changed');
    expect(failed.stdout).toContain('qualify row_number() over (partition by id order by updated_at desc) = 1');
    expect(await rows(dbPath)).toEqual([{ id: 1, amount: 10 }, { id: 2, amount: 20 }]);
  });

  it('rolls back a merge that fails half way: the rows are exactly the previous ones', async () => {
    const { dir, dbPath } = await project(
      "{{ config(materialized='incremental', unique_key='id') }}\nselect id, amount from main.raw_orders",
      "create table main.raw_orders as select * from (values (1, '10'), (2, '20')) as v(id, amount)",
    );
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    await queryDuckDb(dbPath, "alter table main.orders alter amount type integer; update main.raw_orders set amount = '11' where id = 1; insert into main.raw_orders values (3, 'not a number')");
    const failed = await runCli(['run'], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/Conversion Error/);
    expect(await rows(dbPath)).toEqual([{ id: 1, amount: 10 }, { id: 2, amount: 20 }]);
  });
});

describe('append and delete+insert on DuckDB', () => {
  it('appends only what the model selects, idempotently when the model filters on the target', async () => {
    const { dir, dbPath } = await project(
      "{{ config(materialized='incremental') }}\nselect id, amount from main.raw_orders\n{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}",
      'create table main.raw_orders as select * from (values (1, 10), (2, 20)) as v(id, amount)',
    );
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    await queryDuckDb(dbPath, 'insert into main.raw_orders values (3, 30), (null, 0)');
    const second = await runCli(['run'], { cwd: dir });
    expect(second.stdout).toMatch(/\[INSERT 1 in/);
    expect((await runCli(['run'], { cwd: dir })).stdout).toMatch(/\[INSERT 0 in/);
    expect(await rows(dbPath)).toEqual([{ id: 1, amount: 10 }, { id: 2, amount: 20 }, { id: 3, amount: 30 }]);
  });

  it('deletes the keys of the new rows then inserts them, with composite and null keys', async () => {
    const { dir, dbPath } = await project(
      "{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key=['day', 'shop']) }}\nselect day, shop, sales from main.raw_orders where day >= (select max(day) from main.raw_orders) - 1",
      "create table main.raw_orders as select * from (values (1, 'a', 1), (2, 'a', 2), (2, 'b', 3), (2, null, 9)) as v(day, shop, sales)",
    );
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    await queryDuckDb(dbPath, "update main.raw_orders set sales = sales * 100 where day = 2 and shop is not null; insert into main.raw_orders values (3, 'a', 4)");
    const second = await runCli(['run'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/\[DELETE\+INSERT 4 in/);
    const expected = [
      { day: 1, shop: 'a', sales: 1 }, { day: 2, shop: 'a', sales: 200 }, { day: 2, shop: 'b', sales: 300 },
      { day: 2, shop: null, sales: 9 }, { day: 2, shop: null, sales: 9 }, { day: 3, shop: 'a', sales: 4 },
    ];
    expect(await rows(dbPath)).toEqual(expected);
    expect((await runCli(['run'], { cwd: dir })).code).toBe(0);
    // Keyed rows are replaced, so a rerun changes nothing but another copy of the null-key row.
    expect(await rows(dbPath, 'select * from main.orders where shop is not null order by all')).toEqual(expected.filter((row) => row.shop !== null));
  });
});

describe('on_schema_change on DuckDB', () => {
  const setup = (mode: string) =>
    project(
      `{{ config(materialized='incremental', unique_key='id', on_schema_change='${mode}') }}\nselect id, amount, legacy from main.raw_orders`,
      'create table main.raw_orders as select * from (values (1, 10, true)) as v(id, amount, legacy)',
    );
  const evolve = async (dir: string, dbPath: string) => {
    await writeFile(join(dir, 'models/orders.sql'), (await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'models/orders.sql'), 'utf8'))).replace('select id, amount, legacy', 'select id, amount::double as amount, discount'));
    await queryDuckDb(dbPath, "alter table main.raw_orders add column discount varchar; insert into main.raw_orders values (2, 20, false, '5%')");
  };
  const columns = (dbPath: string) =>
    queryDuckDb(dbPath, "select column_name as name, data_type as type from information_schema.columns where table_name = 'orders' order by ordinal_position");

  it('ignore keeps the columns; fail names every difference and changes nothing', async () => {
    const ignored = await setup('ignore');
    expect((await runCli(['run'], { cwd: ignored.dir })).code).toBe(0);
    await evolve(ignored.dir, ignored.dbPath);
    expect((await runCli(['run'], { cwd: ignored.dir })).code).toBe(0);
    expect(await columns(ignored.dbPath)).toEqual([{ name: 'id', type: 'INTEGER' }, { name: 'amount', type: 'INTEGER' }, { name: 'legacy', type: 'BOOLEAN' }]);
    expect(await rows(ignored.dbPath)).toEqual([{ id: 1, amount: 10, legacy: true }, { id: 2, amount: 20, legacy: null }]);

    const failing = await setup('fail');
    expect((await runCli(['run'], { cwd: failing.dir })).code).toBe(0);
    await evolve(failing.dir, failing.dbPath);
    const failed = await runCli(['run'], { cwd: failing.dir });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("The columns of incremental model orders changed (added: discount (VARCHAR); removed: legacy; changed: amount INTEGER -> DOUBLE) and on_schema_change is 'fail'");
    expect(await rows(failing.dbPath)).toEqual([{ id: 1, amount: 10, legacy: true }]);
  });

  it('append_new_columns adds columns; sync_all_columns adds, drops and widens', async () => {
    const appended = await setup('append_new_columns');
    expect((await runCli(['run'], { cwd: appended.dir })).code).toBe(0);
    await evolve(appended.dir, appended.dbPath);
    expect((await runCli(['run'], { cwd: appended.dir })).code).toBe(0);
    expect(await columns(appended.dbPath)).toEqual([
      { name: 'id', type: 'INTEGER' }, { name: 'amount', type: 'INTEGER' }, { name: 'legacy', type: 'BOOLEAN' }, { name: 'discount', type: 'VARCHAR' },
    ]);
    expect(await rows(appended.dbPath)).toEqual([{ id: 1, amount: 10, legacy: true, discount: null }, { id: 2, amount: 20, legacy: null, discount: '5%' }]);

    const synced = await setup('sync_all_columns');
    expect((await runCli(['run'], { cwd: synced.dir })).code).toBe(0);
    await evolve(synced.dir, synced.dbPath);
    expect((await runCli(['run'], { cwd: synced.dir })).code).toBe(0);
    expect(await columns(synced.dbPath)).toEqual([{ name: 'id', type: 'INTEGER' }, { name: 'amount', type: 'DOUBLE' }, { name: 'discount', type: 'VARCHAR' }]);
    expect(await rows(synced.dbPath)).toEqual([{ id: 1, amount: 10, discount: null }, { id: 2, amount: 20, discount: '5%' }]);
  });
});
