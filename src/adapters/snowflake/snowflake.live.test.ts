/**
 * The Snowflake adapter against a real account. Runs with `npm run test:snowflake` when
 * SNOWFLAKE_ACCOUNT, SNOWFLAKE_USER, SNOWFLAKE_PASSWORD, SNOWFLAKE_DATABASE, SNOWFLAKE_WAREHOUSE
 * and SNOWFLAKE_ROLE are set; works in throw-away schemas that it drops at the end. The last
 * suite builds the pipeline fixture with `tsdbt build --target prod` and compares its tables with
 * the same project built on DuckDB (`pipeline.test.ts` does the same against the stand-in).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { TsdbtError } from '../../errors/tsdbt-error.js';
import { makeProject, removeProject } from '../../testing/make-project.js';
import { runCli } from '../../testing/run-cli.js';
import { queryDuckDb } from '../../testing/query-duckdb.js';
import { pipelineProfilesYml, pipelineProjectFiles, readPipelineRelations } from '../../testing/fixtures/snowflake-pipeline-project.js';
import { createSnowflakeAdapter, normalizeSnowflakeIdentifier, quoteSnowflakeIdentifier, type SnowflakeAdapter } from './snowflake-adapter.js';

const required = ['SNOWFLAKE_ACCOUNT', 'SNOWFLAKE_USER', 'SNOWFLAKE_PASSWORD', 'SNOWFLAKE_DATABASE', 'SNOWFLAKE_WAREHOUSE', 'SNOWFLAKE_ROLE'] as const;
const missing = required.filter((name) => !process.env[name]);
const configured = missing.length === 0;
const env = (name: (typeof required)[number]): string => process.env[name] ?? '';

describe.runIf(!configured)('Snowflake live tests', () => {
  it.skip(`skipped: set ${missing.join(', ')} to run them against a real account`, () => undefined);
});

describe.runIf(configured)('Snowflake adapter against a real account', () => {
  const schema = `TSDBT_LIVE_${Date.now()}`;
  let adapter: SnowflakeAdapter;

  beforeAll(async () => {
    adapter = await createSnowflakeAdapter(
      {
        account: env('SNOWFLAKE_ACCOUNT'),
        user: env('SNOWFLAKE_USER'),
        password: env('SNOWFLAKE_PASSWORD'),
        database: env('SNOWFLAKE_DATABASE'),
        warehouse: env('SNOWFLAKE_WAREHOUSE'),
        role: env('SNOWFLAKE_ROLE'),
        schema,
        threads: 4,
        query_tag: 'tsdbt-live-test',
      },
      { retry: { attempts: 3, baseDelayMs: 500 } },
    );
    await adapter.createSchema(env('SNOWFLAKE_DATABASE'), schema);
  });

  afterAll(async () => {
    if (!adapter) return;
    const session = await adapter.openSession();
    try {
      const name = [env('SNOWFLAKE_DATABASE'), schema].map((part) => quoteSnowflakeIdentifier(normalizeSnowflakeIdentifier(part))).join('.');
      await session.execute(`drop schema if exists ${name}`);
    } finally {
      await session.release();
      await adapter.close();
    }
  });

  it('round-trips common types', async () => {
    const session = await adapter.openSession();
    try {
      const result = await session.query(`select 42 as int_value, 12.34::number(10,2) as decimal_value, 1.5::float as float_value,
        'it''s ✓' as text_value, true as bool_value, '2024-02-29'::date as date_value,
        '2024-01-02 03:04:05.123'::timestamp_ntz as ntz_value, null as null_value`);
      expect(result.rows).toEqual([
        {
          INT_VALUE: 42,
          DECIMAL_VALUE: 12.34,
          FLOAT_VALUE: 1.5,
          TEXT_VALUE: "it's ✓",
          BOOL_VALUE: true,
          DATE_VALUE: new Date('2024-02-29T00:00:00Z'),
          NTZ_VALUE: new Date('2024-01-02T03:04:05.123Z'),
          NULL_VALUE: null,
        },
      ]);
    } finally {
      await session.release();
    }
  });

  it('creates tables and views, lists them with one show objects and describes columns', async () => {
    const database = env('SNOWFLAKE_DATABASE');
    const table = adapter.renderRelation({ database, schema, identifier: 'orders' });
    const view = adapter.renderRelation({ database, schema, identifier: 'order_ids' });
    const session = await adapter.openSession();
    try {
      const script = `create or replace transient table ${table} copy grants cluster by (order_id) as select 1 as order_id, 'a;b' as note;
        insert into ${table} values (2, 'x');
        create or replace view ${view} as select order_id from ${table}`;
      expect(await session.execute(script)).toEqual({ rowsAffected: 1 });
    } finally {
      await session.release();
    }
    const relations = await adapter.listRelations(database, schema);
    expect(relations.map((relation) => [relation.identifier, relation.type]).sort()).toEqual([
      ['ORDERS', 'table'],
      ['ORDER_IDS', 'view'],
    ]);
    const columns = await adapter.getColumns({ database, schema, identifier: 'orders' });
    expect(columns.map((column) => column.name)).toEqual(['ORDER_ID', 'NOTE']);
    expect(columns[0].dataType).toMatch(/^NUMBER/);
  });

  it('maps a missing table to 002003', async () => {
    const session = await adapter.openSession();
    try {
      const error = await session.query('select * from tsdbt_no_such_table_anywhere').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TsdbtError);
      expect((error as TsdbtError).code).toBe('002003');
      expect((error as TsdbtError).message).toMatch(/^002003 \(42S02\): SQL compilation error: Object 'TSDBT_NO_SUCH_TABLE_ANYWHERE' does not exist or not authorized\.$/);
    } finally {
      await session.release();
    }
  });

  it('cancels a running statement', async () => {
    const session = await adapter.openSession();
    try {
      const pending = session.query('call system$wait(30)').catch((caught: unknown) => caught);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await session.cancel();
      const error = await pending;
      expect((error as TsdbtError).code).toBe('000604');
    } finally {
      await session.release();
    }
  });

  it('never shows the password in a login error', async () => {
    const wrong = await createSnowflakeAdapter(
      { account: env('SNOWFLAKE_ACCOUNT'), user: env('SNOWFLAKE_USER'), password: 'tsdbt-wrong-password-123', database: env('SNOWFLAKE_DATABASE'), schema },
      { retry: { attempts: 1, baseDelayMs: 1 } },
    );
    try {
      const error = (await wrong.openSession().catch((caught: unknown) => caught)) as TsdbtError;
      expect(error.code).toBe('390100');
      expect(`${error.message} ${error.hint}`).not.toContain('tsdbt-wrong-password-123');
    } finally {
      await wrong.close();
    }
  });
});

describe.runIf(configured)('tsdbt build --target prod against a real account', () => {
  const schema = `TSDBT_PIPELINE_${Date.now()}`;
  let dir: string | undefined;

  afterAll(async () => {
    const adapter = await createSnowflakeAdapter({
      account: env('SNOWFLAKE_ACCOUNT'), user: env('SNOWFLAKE_USER'), password: env('SNOWFLAKE_PASSWORD'),
      database: env('SNOWFLAKE_DATABASE'), warehouse: env('SNOWFLAKE_WAREHOUSE'), role: env('SNOWFLAKE_ROLE'), schema,
    });
    const session = await adapter.openSession();
    try {
      const name = [env('SNOWFLAKE_DATABASE'), schema].map((part) => quoteSnowflakeIdentifier(normalizeSnowflakeIdentifier(part))).join('.');
      await session.execute(`drop schema if exists ${name}`);
    } finally {
      await session.release();
      await adapter.close();
      if (dir) await removeProject(dir);
    }
  });

  it('builds the fixture project with the same table contents as on DuckDB', async () => {
    dir = await makeProject({ ...pipelineProjectFiles, 'profiles.yml': pipelineProfilesYml({ threads: 4 }) });
    const runEnv = Object.fromEntries(required.map((name) => [name, env(name)]));
    // The per-model warehouse must exist on the account: use the target's own.
    const vars = ['--vars', `{revenue_warehouse: ${env('SNOWFLAKE_WAREHOUSE')}}`];
    const prod = await runCli(['build', '--target', 'prod', ...vars], { cwd: dir, env: { ...runEnv, SNOWFLAKE_SCHEMA: schema } });
    expect(prod.stdout).toMatch(/Done\. PASS=10 WARN=0 ERROR=0 SKIP=0/);
    expect(prod.code).toBe(0);
    expect(prod.output).not.toContain(env('SNOWFLAKE_PASSWORD'));
    const dev = await runCli(['build', ...vars], { cwd: dir, env: runEnv });
    expect(dev.code).toBe(0);

    const onDuckDb = await readPipelineRelations((sql) => queryDuckDb(path.join(dir!, 'target', 'dev.duckdb'), sql), (name) => `main.${name}`);
    const adapter = await createSnowflakeAdapter({
      account: env('SNOWFLAKE_ACCOUNT'), user: env('SNOWFLAKE_USER'), password: env('SNOWFLAKE_PASSWORD'),
      database: env('SNOWFLAKE_DATABASE'), warehouse: env('SNOWFLAKE_WAREHOUSE'), role: env('SNOWFLAKE_ROLE'), schema,
    });
    try {
      const session = await adapter.openSession();
      try {
        const render = (name: string) => adapter.renderRelation({ database: env('SNOWFLAKE_DATABASE'), schema, identifier: name });
        const onSnowflake = await readPipelineRelations(async (sql) => (await session.query(sql)).rows, render);
        expect(onSnowflake).toEqual(onDuckDb);
        const kinds = await session.query(`show objects in ${render('x').split('.').slice(0, 2).join('.')}`);
        const kindOf = (name: string) => kinds.rows.find((row) => row.name === name.toUpperCase())?.kind;
        expect([kindOf('fct_orders'), kindOf('customer_names'), kindOf('stg_orders')]).toEqual(['TABLE', 'VIEW', 'VIEW']);
      } finally {
        await session.release();
      }
    } finally {
      await adapter.close();
    }
    expect(onDuckDb.customer_revenue).toEqual([
      { customer_id: 1, shipped_revenue: 19.75, shipped_orders: 2 },
      { customer_id: 3, shipped_revenue: 3.75, shipped_orders: 1 },
    ]);
  }, 300_000);
});
