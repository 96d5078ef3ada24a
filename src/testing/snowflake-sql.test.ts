import { beforeAll, describe, expect, it } from 'vitest';
import { initSnowflakeSqlValidator, validateSnowflakeSql } from './snowflake-sql.js';

beforeAll(async () => {
  await initSnowflakeSqlValidator();
});

describe('validateSnowflakeSql', () => {
  it.each([
    'create or replace transient table analytics.staging.orders copy grants cluster by (order_date) as select 1 as order_id',
    'create or replace transient table a.b.c cluster by (x, y) as (with s as (select 1 as x, 2 as y) select * from s)',
    `merge into analytics.marts.fact_orders as target using analytics.marts.fact_orders__dbt_tmp as source
       on target.order_id = source.order_id
       when matched then update set amount = source.amount
       when not matched then insert (order_id, amount) values (source.order_id, source.amount)`,
    'delete from analytics.marts.fact_orders where (order_id) in (select order_id from analytics.marts.fact_orders__dbt_tmp)',
    'begin',
    'commit',
    'rollback',
    'alter session set query_tag = \'nightly\'',
    'alter table analytics.marts.fact_orders cluster by (order_date)',
  ])('accepts %s', (sql) => {
    expect(validateSnowflakeSql(sql)).toEqual({ ok: true });
  });

  it('accepts the allow-listed forms the parser does not handle', () => {
    expect(validateSnowflakeSql('describe view analytics.staging.v')).toEqual({ ok: true });
    expect(validateSnowflakeSql('alter table analytics.marts.f resume recluster')).toEqual({ ok: true });
    expect(validateSnowflakeSql('show terse objects in analytics.staging')).toEqual({ ok: true });
  });

  it('validates each statement of a script and names the failing one', () => {
    expect(validateSnowflakeSql('begin; insert into t select 1; commit;')).toEqual({ ok: true });
    const result = validateSnowflakeSql('begin; selec 1 frm t; commit');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^statement 2: sql parser error: Expected: an SQL statement, found: selec/);
  });

  it('rejects garbage and empty input', () => {
    expect(validateSnowflakeSql('create table (')).toMatchObject({ ok: false });
    expect(validateSnowflakeSql('select from where')).toMatchObject({ ok: false });
    expect(validateSnowflakeSql(' -- nothing\n')).toEqual({ ok: false, error: 'no SQL statement found' });
  });
});
