import { describe, expect, it } from 'vitest';
import { planStatement } from './sql-rewrite.js';

describe('planStatement', () => {
  it('folds unquoted words to upper case and leaves quoted identifiers and strings alone', () => {
    expect(planStatement(`select id, "Mixed" from analytics.staging.orders where note = 'keep me'`)).toEqual({
      kind: 'run',
      sql: `SELECT ID, "Mixed" FROM ANALYTICS.STAGING.ORDERS WHERE NOTE = 'keep me'`,
      statementType: 'query',
    });
  });

  it('drops transient, secure, copy grants and inline cluster by from create statements', () => {
    expect(
      planStatement('create or replace transient table a.b.c copy grants cluster by (to_date(ts), (k)) as select 1 as k'),
    ).toMatchObject({ sql: 'CREATE OR REPLACE TABLE A.B.C AS SELECT 1 AS K', statementType: 'ddl' });
    expect(planStatement('create or replace secure view a.b.v copy grants as select 1 as k')).toMatchObject({
      sql: 'CREATE OR REPLACE VIEW A.B.V AS SELECT 1 AS K',
    });
  });

  it('makes temporary tables ordinary ones and only strips keywords from the header', () => {
    expect(planStatement('create or replace temporary table a.b.x__dbt_tmp as select secure, transient from t')).toMatchObject({
      sql: 'CREATE OR REPLACE TABLE A.B.X__DBT_TMP AS SELECT SECURE, TRANSIENT FROM T',
    });
    expect(planStatement('create table a.b.c (secure boolean) cluster by (secure)')).toMatchObject({
      sql: 'CREATE TABLE A.B.C (SECURE BOOLEAN)',
    });
  });

  it('plans swap with as its own step', () => {
    expect(planStatement('alter table a.b.x swap with a.b.y')).toEqual({ kind: 'swap', left: ['A', 'B', 'X'], right: ['A', 'B', 'Y'] });
  });

  it('translates Snowflake type names in casts and column definitions, and current_timestamp()', () => {
    expect(planStatement('create table t (a number, b number(10,2), c timestamp_ntz, d timestamp_ltz)')).toMatchObject({
      sql: 'CREATE TABLE T (A DECIMAL(38,0), B DECIMAL(10,2), C TIMESTAMP, D TIMESTAMPTZ)',
    });
    expect(planStatement("select '2024-01-01'::timestamp_tz as x, current_timestamp() as now")).toMatchObject({
      sql: "SELECT '2024-01-01'::TIMESTAMPTZ AS X, CURRENT_TIMESTAMP AS NOW",
    });
    expect(planStatement('select iff(a > 1, sysdate(), null) from t')).toMatchObject({
      sql: "SELECT IF(A > 1, (CURRENT_TIMESTAMP AT TIME ZONE 'UTC'), NULL) FROM T",
    });
    expect(planStatement("delete from t where ts >= to_timestamp_ntz('2026-01-01 00:00:00') and ts < to_timestamp_ntz(concat('2026', '-01-02'))")).toMatchObject({
      sql: "DELETE FROM T WHERE TS >= CAST('2026-01-01 00:00:00' AS TIMESTAMP) AND TS < CAST(CONCAT('2026', '-01-02') AS TIMESTAMP)",
    });
  });

  it('keeps only the last part of a rename target', () => {
    expect(planStatement('alter table a.b.old rename to a.b.new')).toMatchObject({ sql: 'ALTER TABLE A.B.OLD RENAME TO NEW' });
  });

  it('answers session statements without DuckDB', () => {
    expect(planStatement("alter session set query_tag = 'it''s nightly'")).toEqual({ kind: 'set-query-tag', tag: "it's nightly" });
    expect(planStatement('alter session unset query_tag')).toEqual({ kind: 'set-query-tag', tag: undefined });
    expect(planStatement("alter session set timezone = 'UTC'")).toEqual({ kind: 'noop' });
    expect(planStatement('alter table a.b.c cluster by (k)')).toEqual({ kind: 'noop' });
    expect(planStatement('alter table a.b.c resume recluster')).toEqual({ kind: 'noop' });
    expect(planStatement('use warehouse transforming')).toEqual({ kind: 'use', target: 'warehouse', parts: ['TRANSFORMING'] });
    expect(planStatement('use role "Analyst"')).toEqual({ kind: 'use', target: 'role', parts: ['Analyst'] });
    expect(planStatement('use schema analytics.staging')).toEqual({ kind: 'use', target: 'schema', parts: ['ANALYTICS', 'STAGING'] });
    expect(planStatement('use analytics')).toEqual({ kind: 'use', target: 'database', parts: ['ANALYTICS'] });
  });

  it('recognises catalog statements', () => {
    expect(planStatement('show objects in "ANALYTICS"."STAGING"')).toEqual({ kind: 'show-objects', parts: ['ANALYTICS', 'STAGING'], terse: false });
    expect(planStatement('show terse objects in schema analytics.staging')).toEqual({
      kind: 'show-objects',
      parts: ['ANALYTICS', 'STAGING'],
      terse: true,
    });
    expect(planStatement('describe table analytics.staging.orders')).toEqual({
      kind: 'describe-table',
      parts: ['ANALYTICS', 'STAGING', 'ORDERS'],
    });
    expect(planStatement('create database if not exists raw')).toEqual({ kind: 'create-database', name: 'RAW' });
  });

  it('classifies statements for the affected-row count', () => {
    expect(planStatement('insert into t values (1)')).toMatchObject({ statementType: 'insert' });
    expect(planStatement('merge into t using s on t.k = s.k when matched then delete')).toMatchObject({ statementType: 'merge' });
    expect(planStatement('delete from t where (k) in (select k from s)')).toMatchObject({ statementType: 'delete' });
    expect(planStatement('begin')).toMatchObject({ statementType: 'transaction' });
    expect(planStatement('with x as (select 1) select * from x')).toMatchObject({ statementType: 'query' });
  });
});
