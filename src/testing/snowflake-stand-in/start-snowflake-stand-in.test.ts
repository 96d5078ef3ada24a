import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import snowflake from 'snowflake-sdk';
import type { Connection, SnowflakeError } from 'snowflake-sdk';
import { startSnowflakeStandIn, type SnowflakeStandIn } from './start-snowflake-stand-in.js';

let standIn: SnowflakeStandIn;
let connection: Connection;

interface Outcome {
  readonly rows: Record<string, unknown>[];
  readonly columns: string[];
  readonly error?: SnowflakeError;
}

function run(sql: string): Promise<Outcome> {
  return new Promise((resolve) => {
    connection.execute({
      sqlText: sql,
      complete: (error, statement, rows) =>
        resolve({ rows: (rows ?? []) as Record<string, unknown>[], columns: (statement.getColumns() ?? []).map((column) => column.getName()), error }),
    });
  });
}

beforeAll(async () => {
  snowflake.configure({ logLevel: 'OFF' });
  standIn = await startSnowflakeStandIn();
  connection = snowflake.createConnection({
    account: 'stand_in',
    username: 'someone',
    password: 'anything',
    database: 'raw',
    schema: 'shop',
    warehouse: 'loading',
    role: 'loader',
    queryTag: 'from-login',
    accessUrl: standIn.url,
  });
  await connection.connectAsync(() => undefined);
});

afterAll(async () => {
  await new Promise<void>((resolve) => connection.destroy(() => resolve()));
  await standIn.close();
});

describe('the Snowflake stand-in, through the real driver', () => {
  it('logs in with the requested context and records the session on every request', async () => {
    const login = standIn.requests.find((request) => request.path === '/session/v1/login-request');
    expect(login?.status).toBe(200);
    await run('create schema if not exists raw.shop');
    const created = standIn.requests.find((request) => request.sql === 'create schema if not exists raw.shop');
    expect(created).toMatchObject({ database: 'RAW', schema: 'SHOP', warehouse: 'LOADING', role: 'LOADER', queryTag: 'from-login' });
    expect(created?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('resolves unqualified names in the current database and schema, upper-cased as Snowflake stores them', async () => {
    expect((await run('create or replace table customers (id number, name varchar)')).error).toBeFalsy();
    await run("insert into customers values (1, 'Ada'), (2, 'Grace')");
    const result = await run('select id, name from raw.shop.customers order by id');
    expect(result.columns).toEqual(['ID', 'NAME']);
    expect(result.rows).toEqual([
      { ID: 1, NAME: 'Ada' },
      { ID: 2, NAME: 'Grace' },
    ]);
  });

  it('answers show objects and show terse objects in Snowflake column layout', async () => {
    await run('create or replace view raw.shop.customer_names as select name from raw.shop.customers');
    const full = await run('show objects in raw.shop');
    expect(full.columns).toEqual([
      'created_on',
      'name',
      'database_name',
      'schema_name',
      'kind',
      'comment',
      'cluster_by',
      'rows',
      'bytes',
      'owner',
      'retention_time',
      'owner_role_type',
    ]);
    expect(full.rows.map((row) => [row.name, row.kind, row.database_name, row.schema_name])).toEqual([
      ['CUSTOMERS', 'TABLE', 'RAW', 'SHOP'],
      ['CUSTOMER_NAMES', 'VIEW', 'RAW', 'SHOP'],
    ]);
    expect(full.rows[0].created_on).toBeInstanceOf(Date);
    const terse = await run('show terse objects in schema raw.shop');
    expect(terse.columns).toEqual(['created_on', 'name', 'kind', 'database_name', 'schema_name']);
    const missing = await run('show objects in raw.nowhere');
    expect(missing.error?.code).toBe('002003');
    expect(missing.error?.message).toBe("SQL compilation error:\nSchema 'RAW.NOWHERE' does not exist or not authorized.");
  });

  it('answers describe table in Snowflake column layout', async () => {
    const described = await run('describe table raw.shop.customers');
    expect(described.columns.slice(0, 5)).toEqual(['name', 'type', 'kind', 'null?', 'default']);
    expect(described.rows.map((row) => [row.name, row.type, row.kind, row['null?']])).toEqual([
      ['ID', 'NUMBER(38,0)', 'COLUMN', 'Y'],
      ['NAME', 'VARCHAR(16777216)', 'COLUMN', 'Y'],
    ]);
  });

  it('maps databases to DuckDB catalogs: create database, use database, three-part names', async () => {
    await run('create database if not exists analytics');
    await run('create schema if not exists analytics.marts');
    await run('create or replace table "ANALYTICS"."MARTS"."DIM" as select 1 as k');
    await run('use schema analytics.marts');
    expect((await run('select k from dim')).rows).toEqual([{ K: 1 }]);
    const used = standIn.requests.filter((request) => request.sql === 'select k from dim')[0];
    expect(used).toMatchObject({ database: 'ANALYTICS', schema: 'MARTS' });
    await run('use schema raw.shop');
  });

  it('commits an open transaction before DDL, as Snowflake does', async () => {
    await run('create or replace table raw.shop.events (id int)');
    await run('begin');
    await run('insert into raw.shop.events values (1)');
    await run('create or replace table raw.shop.other (id int)');
    await run('rollback');
    expect((await run('select count(*) as n from raw.shop.events')).rows).toEqual([{ N: 1 }]);
  });

  it('runs the statement forms materializations use: temporary tables, merge, delete ... in, update from, swap', async () => {
    await run("create or replace table raw.shop.target (k int, v varchar)");
    await run("insert into raw.shop.target values (1, 'a'), (2, 'b')");
    await run("create or replace temporary table raw.shop.target__dbt_tmp as select 2 as k, 'B' as v union all select 3, 'c'");
    const merge = await run(`merge into raw.shop.target as t using raw.shop.target__dbt_tmp as s on t.k = s.k
      when matched then update set v = s.v when not matched then insert (k, v) values (s.k, s.v)`);
    expect(merge.rows).toEqual([{ 'number of rows merged': 2 }]);
    const deleted = await run('delete from raw.shop.target where (k) in (select k from raw.shop.target__dbt_tmp where k = 3)');
    expect(deleted.rows).toEqual([{ 'number of rows deleted': 1 }]);
    await run("update raw.shop.target set v = s.v || '!' from raw.shop.target__dbt_tmp s where target.k = s.k");
    await run('create or replace table raw.shop.swapped as select 0 as k');
    await run('alter table raw.shop.target swap with raw.shop.swapped');
    expect((await run('select k, v from raw.shop.swapped order by k')).rows).toEqual([
      { K: 1, V: 'a' },
      { K: 2, V: 'B!' },
    ]);
    expect((await run('select k from raw.shop.target')).rows).toEqual([{ K: 0 }]);
  });

  it('returns Snowflake-shaped errors and injected SQL errors', async () => {
    const missing = await run('select * from raw.shop.nope');
    expect([missing.error?.code, missing.error?.sqlState, missing.error?.message]).toEqual([
      '002003',
      '42S02',
      "SQL compilation error:\nObject 'RAW.SHOP.NOPE' does not exist or not authorized.",
    ]);
    standIn.injectFault({ kind: 'sql-error', times: 1, match: /boom/, code: '100132', sqlState: 'P0000', message: 'JavaScript execution error' });
    const injected = await run('select 1 as boom');
    expect([injected.error?.code, injected.error?.sqlState, injected.error?.message]).toEqual(['100132', 'P0000', 'JavaScript execution error']);
    expect((await run('select 1 as boom')).rows).toEqual([{ BOOM: 1 }]);
  });

  it('records an abort request and answers the pending statement with 000604', async () => {
    standIn.injectFault({ kind: 'slow', times: 1, match: /sleepy/, delayMs: 20_000 });
    let finish: (outcome: SnowflakeError | undefined) => void = () => undefined;
    const done = new Promise<SnowflakeError | undefined>((resolve) => {
      finish = resolve;
    });
    const statement = connection.execute({ sqlText: 'select 1 as sleepy', complete: (error) => finish(error) });
    await expect.poll(() => standIn.requests.some((request) => request.sql === 'select 1 as sleepy')).toBe(true);
    await new Promise<void>((resolve) => statement.cancel(() => resolve()));
    const error = await done;
    expect([error?.code, error?.sqlState, error?.message]).toEqual(['000604', '57014', 'SQL execution canceled']);
    const abort = standIn.requests.find((request) => request.path.endsWith('/abort-request'));
    expect(abort?.status).toBe(200);
  });

  it('lists the statements in order and can clear the log', async () => {
    standIn.clearLog();
    await run('select 1 as a');
    await run('alter session set query_tag = \'step-2\'');
    await run('select 2 as b');
    expect(standIn.statements()).toEqual(['select 1 as a', "alter session set query_tag = 'step-2'", 'select 2 as b']);
  });
});
