import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnInfo, Session } from '../adapters/adapter.js';
import { planForDialect } from '../testing/plan-for-dialect.js';
import { initSnowflakeSqlValidator, validateSnowflakeSql } from '../testing/snowflake-sql.js';
import type { NodePlan } from './plan-types.js';

beforeAll(async () => {
  await initSnowflakeSqlValidator();
});

/** A stand-in for the one thing the planner asks Snowflake: the columns of a query. */
function columnsSession(model: readonly ColumnInfo[], target: readonly ColumnInfo[] = model): Session {
  const fail = () => Promise.reject(new Error('golden tests do not execute SQL'));
  return {
    query: async (sql) => ({ columns: /"ORDERS" *\n*\) as tsdbt_columns/i.test(sql) || /select \* from "WAREHOUSE"/.test(sql) ? target : model, rows: [] }),
    execute: fail, begin: fail, commit: fail, rollback: fail, cancel: fail,
  };
}

const orderColumns: ColumnInfo[] = [
  { name: 'ORDER_ID', dataType: 'NUMBER(38,0)' },
  { name: 'ORDER_DATE', dataType: 'DATE' },
  { name: 'STATUS', dataType: 'VARCHAR' },
  { name: 'AMOUNT', dataType: 'NUMBER(12,2)' },
];

const modelSql = 'select order_id, order_date, status, amount from raw.orders';

/** The plan's statements as a script: one statement per step, in order. */
function script(plan: NodePlan): string {
  const steps = [...plan.steps, ...(plan.batchPlans ?? []).flatMap((batch) => batch.steps)];
  return `${steps.map((step) => `-- ${step.name}\n${step.sql};`).join('\n\n')}\n`;
}

async function golden(name: string, plan: NodePlan): Promise<void> {
  const text = script(plan);
  for (const step of [...plan.steps, ...(plan.batchPlans ?? []).flatMap((batch) => batch.steps)]) {
    expect(validateSnowflakeSql(step.sql), `${name}: ${step.name}\n${step.sql}`).toEqual({ ok: true });
  }
  await expect(text).toMatchFileSnapshot(`./__golden__/snowflake/${name}.sql`);
}

const incremental = (config: string) => ({ 'models/orders.sql': `{{ config(materialized='incremental', ${config}) }}\n${modelSql}` });

describe('Snowflake incremental SQL (golden)', () => {
  it('first run: transient CTAS ordered by the cluster keys, then cluster by and resume recluster', async () => {
    const plan = await planForDialect(incremental("unique_key='order_id', cluster_by=['order_date'], automatic_clustering=true"), { dialect: 'snowflake', node: 'orders' });
    expect(plan.steps.map((step) => step.name)).toEqual(['create table', 'cluster']);
    expect(plan.steps[0].sql).toMatch(/^create or replace transient table "WAREHOUSE"\."ANALYTICS"\."ORDERS" as \(/);
    await golden('incremental-first-run', plan);
  });

  it('merge: staged in a temporary table, checked for duplicate keys, merged in a transaction', async () => {
    const plan = await planForDialect(
      incremental("unique_key=['order_id', 'order_date'], merge_exclude_columns=['status'], incremental_predicates=[\"DBT_INTERNAL_DEST.order_date >= dateadd(day, -7, current_date)\"]"),
      { dialect: 'snowflake', node: 'orders', existing: 'table', session: columnsSession(orderColumns) },
    );
    expect(plan.steps.map((step) => step.kind)).toEqual(['sql', 'sql', 'check', 'begin', 'sql', 'commit', 'sql']);
    expect(plan.message).toBe('MERGE {rows}');
    await golden('incremental-merge', plan);
  });

  it('append and delete+insert', async () => {
    const session = columnsSession(orderColumns);
    await golden('incremental-append', await planForDialect(incremental("incremental_strategy='append'"), { dialect: 'snowflake', node: 'orders', existing: 'table', session }));
    await golden('incremental-delete-insert', await planForDialect(incremental("incremental_strategy='delete+insert', unique_key='order_id'"), { dialect: 'snowflake', node: 'orders', existing: 'table', session }));
    await golden('incremental-delete-insert-composite', await planForDialect(incremental("incremental_strategy='delete+insert', unique_key=['order_id', 'order_date']"), { dialect: 'snowflake', node: 'orders', existing: 'table', session }));
  });

  it('sync_all_columns: column DDL before the transaction (Snowflake DDL commits on its own)', async () => {
    const target = [...orderColumns.slice(0, 3), { name: 'AMOUNT', dataType: 'NUMBER(10,2)' }, { name: 'LEGACY', dataType: 'BOOLEAN' }];
    const model = [...orderColumns, { name: 'DISCOUNT', dataType: 'NUMBER(5,2)' }];
    const plan = await planForDialect(incremental("unique_key='order_id', on_schema_change='sync_all_columns'"), {
      dialect: 'snowflake', node: 'orders', existing: 'table', session: columnsSession(model, target),
    });
    expect(plan.steps.map((step) => step.name)).toEqual([
      'drop stale temp', 'stage new rows', 'unique key check', 'add column DISCOUNT', 'drop column LEGACY', 'change type of AMOUNT', 'begin', 'merge', 'commit', 'drop temp',
    ]);
    await golden('incremental-sync-all-columns', plan);
  });

  it('microbatch: one delete+insert transaction per batch, refs filtered to the window', async () => {
    const plan = await planForDialect(
      {
        'models/events.sql': "{{ config(materialized='table', event_time='event_at') }}\nselect 1 as id, current_timestamp as event_at",
        'models/orders.sql': "{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='order_date', batch_size='day', begin='2026-01-01') }}\nselect id as order_id, cast(event_at as date) as order_date from {{ ref('events') }}",
      },
      {
        dialect: 'snowflake', node: 'orders', existing: 'table', session: columnsSession(orderColumns.slice(0, 2)),
        runner: { now: () => new Date('2026-01-03T10:00:00Z'), eventTimeStart: new Date('2026-01-01T00:00:00Z'), eventTimeEnd: new Date('2026-01-03T00:00:00Z') },
      },
    );
    expect(plan.batchPlans?.map((batch) => `${batch.start}..${batch.end}`)).toEqual(['2026-01-01..2026-01-02', '2026-01-02..2026-01-03']);
    await golden('incremental-microbatch', plan);
  });

  it('tables and views', async () => {
    await golden('table-clustered', await planForDialect({ 'models/orders.sql': `{{ config(materialized='table', cluster_by=['order_date', 'status']) }}\n${modelSql}` }, { dialect: 'snowflake', node: 'orders', existing: 'table' }));
    await golden('view', await planForDialect({ 'models/orders.sql': modelSql }, { dialect: 'snowflake', node: 'orders', existing: 'view' }));
  });
});
