/**
 * Golden Snowflake SQL for snapshots, planned without a database: the first build, and a later
 * run (staging table of changes, merge on dbt_scd_id between begin and commit). Every
 * statement is syntax-checked with the Snowflake parser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnInfo, QueryResult, Session } from '../adapters/adapter.js';
import { planForDialect } from '../testing/plan-for-dialect.js';
import { initSnowflakeSqlValidator, validateSnowflakeSql } from '../testing/snowflake-sql.js';
import type { NodePlan } from './plan-types.js';

/** Answers the planner's column and duplicate-key queries the way Snowflake would. */
function fakeSession(source: readonly ColumnInfo[], table: readonly ColumnInfo[]): Session & { readonly queries: string[] } {
  const queries: string[] = [];
  const answer = async (sql: string): Promise<QueryResult> => {
    queries.push(sql);
    if (sql.includes('dbt_columns_query')) return { columns: source, rows: [] };
    if (sql.includes('dbt_row_count')) return { columns: [], rows: [] };
    return { columns: table, rows: [] };
  };
  const nothing = async (): Promise<void> => undefined;
  return { queries, query: answer, execute: async () => ({}), begin: nothing, commit: nothing, rollback: nothing, cancel: nothing };
}

const files = {
  'models/sources.yml': 'sources:\n  - name: crm\n    schema: raw\n    tables:\n      - name: customers\n',
  'snapshots/customers_snapshot.sql': [
    '{% snapshot customers_snapshot %}',
    "{{ config(unique_key='id', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record', target_schema='snapshots') }}",
    "select * from {{ source('crm', 'customers') }}",
    '{% endsnapshot %}',
  ].join('\n'),
};

const sourceColumns: ColumnInfo[] = [
  { name: 'ID', dataType: 'NUMBER' },
  { name: 'SEGMENT', dataType: 'TEXT' },
  { name: 'EMAIL', dataType: 'TEXT' },
  { name: 'UPDATED_AT', dataType: 'TIMESTAMP_TZ' },
];
const meta = ['DBT_SCD_ID', 'DBT_UPDATED_AT', 'DBT_VALID_FROM', 'DBT_VALID_TO', 'DBT_IS_DELETED'].map((name) => ({ name, dataType: 'TEXT' }));
// The snapshot table before the run has no EMAIL column yet.
const tableColumns: ColumnInfo[] = [...sourceColumns.filter((column) => column.name !== 'EMAIL'), ...meta];

function render(plan: NodePlan): string {
  return plan.steps.map((step) => `-- ${step.name}\n${step.sql};`).join('\n\n') + '\n';
}

function expectValidSnowflake(plan: NodePlan): void {
  for (const step of plan.steps) expect(validateSnowflakeSql(step.sql), `${step.name}:\n${step.sql}`).toEqual({ ok: true });
}

beforeAll(async () => {
  await initSnowflakeSqlValidator();
});

describe('snapshot SQL on Snowflake', () => {
  it('creates the snapshot table (not transient) from the query and the meta columns', async () => {
    const session = fakeSession(sourceColumns, []);
    const plan = await planForDialect(files, { dialect: 'snowflake', node: 'customers_snapshot', session });
    expect(plan.steps.map((step) => step.name)).toEqual(['create snapshot table']);
    expect(plan.steps[0]!.sql).toMatch(/^create or replace table "WAREHOUSE"\."SNAPSHOTS"\."CUSTOMERS_SNAPSHOT" as \(/);
    expect(plan.steps[0]!.sql).toContain("cast(convert_timezone('UTC', updated_at) as timestamp_ntz) as dbt_version_time");
    expect(session.queries.some((sql) => sql.includes('having count(*) > 1'))).toBe(true);
    expectValidSnowflake(plan);
    await expect(render(plan)).toMatchFileSnapshot('./__golden__/snowflake/snapshot-create.sql');
  });

  it('stages changes, adds new columns and merges on dbt_scd_id between begin and commit', async () => {
    const session = fakeSession(sourceColumns, tableColumns);
    const plan = await planForDialect(files, { dialect: 'snowflake', node: 'customers_snapshot', existing: 'table', session });
    expect(plan.steps.map((step) => step.name)).toEqual(['stage changes', 'add column EMAIL', 'begin', 'merge changes', 'commit', 'drop staging']);
    const byName = new Map(plan.steps.map((step) => [step.name, step.sql]));
    expect(byName.get('stage changes')).toMatch(/^create or replace temporary table "WAREHOUSE"\."SNAPSHOTS"\."CUSTOMERS_SNAPSHOT__TSDBT_SNAPSHOT_STAGING" as \(/);
    expect(byName.get('add column EMAIL')).toBe('alter table "WAREHOUSE"."SNAPSHOTS"."CUSTOMERS_SNAPSHOT" add column "EMAIL" TEXT');
    expect(byName.get('merge changes')).toMatch(/on dbt_internal_source\.dbt_scd_id = dbt_internal_dest\.dbt_scd_id/);
    // The deletion copies of older rows have no EMAIL yet.
    expect(byName.get('stage changes')).toContain('null as "EMAIL"');
    expectValidSnowflake(plan);
    await expect(render(plan)).toMatchFileSnapshot('./__golden__/snowflake/snapshot-merge.sql');
  });
});
