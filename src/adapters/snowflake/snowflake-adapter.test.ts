import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { TsdbtError } from '../../errors/tsdbt-error.js';
import { startSnowflakeStandIn, type SnowflakeStandIn } from '../../testing/snowflake-stand-in/start-snowflake-stand-in.js';
import { createSnowflakeAdapter, type SnowflakeAdapter } from './snowflake-adapter.js';
import type { SnowflakeTargetOptions } from './target.js';

const password = 'pa55-very-secret-word';
const fastRetry = { attempts: 3, baseDelayMs: 5 };

let standIn: SnowflakeStandIn;
let adapter: SnowflakeAdapter;

function targetFor(url: string, overrides: Partial<SnowflakeTargetOptions> = {}): SnowflakeTargetOptions {
  return {
    account: 'stand_in',
    user: 'tsdbt',
    password,
    database: 'analytics',
    schema: 'staging',
    warehouse: 'transforming',
    role: 'transformer',
    threads: 4,
    query_tag: 'tsdbt',
    access_url: url,
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<TsdbtError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TsdbtError);
    return error as TsdbtError;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  standIn = await startSnowflakeStandIn({ credentials: { user: 'tsdbt', password } });
  adapter = await createSnowflakeAdapter(targetFor(standIn.url), { retry: fastRetry });
  await adapter.createSchema('analytics', 'staging');
});

afterAll(async () => {
  await adapter.close();
  await standIn.close();
});

beforeEach(() => standIn.clearLog());

describe('Snowflake adapter through the real driver and the stand-in', () => {
  it('declares Snowflake capabilities and renders relations with Snowflake casing', () => {
    expect(adapter.type).toBe('snowflake');
    expect(adapter.capabilities).toEqual({
      transactionalDdl: false,
      merge: true,
      clusterBy: true,
      transientTables: true,
      concurrentWrites: true,
      upperCaseIdentifiers: true,
      usesDatabase: true,
    });
    expect(adapter.quote('a"b')).toBe('"a""b"');
    expect(adapter.renderRelation({ database: 'analytics', schema: 'staging', identifier: 'stg_orders' })).toBe(
      '"ANALYTICS"."STAGING"."STG_ORDERS"',
    );
    expect(adapter.renderRelation({ database: 'analytics', schema: 'staging', identifier: 'Mixed Name' })).toBe(
      '"ANALYTICS"."STAGING"."Mixed Name"',
    );
  });

  it('round-trips every common type through query()', async () => {
    const session = await adapter.openSession();
    try {
      const result = await session.query(`select
        42 as int_value, -9007199254740991 as big_value, 12.34::number(10,2) as decimal_value, 1.5::float as float_value,
        'it''s "quoted" ✓ 日本' as text_value, true as true_value, false as false_value,
        '2024-02-29'::date as date_value, '1960-01-01'::date as old_date,
        '2024-01-02 03:04:05.123456'::timestamp_ntz as ntz_value, '1969-12-31 23:59:59.5'::timestamp_ntz as before_epoch,
        '2024-01-02 03:04:05+02:00'::timestamp_ltz as ltz_value, null::varchar as null_value`);
      expect(result.rows).toEqual([
        {
          INT_VALUE: 42,
          BIG_VALUE: -9007199254740991,
          DECIMAL_VALUE: 12.34,
          FLOAT_VALUE: 1.5,
          TEXT_VALUE: 'it\'s "quoted" ✓ 日本',
          TRUE_VALUE: true,
          FALSE_VALUE: false,
          DATE_VALUE: new Date('2024-02-29T00:00:00Z'),
          OLD_DATE: new Date('1960-01-01T00:00:00Z'),
          NTZ_VALUE: new Date('2024-01-02T03:04:05.123Z'),
          BEFORE_EPOCH: new Date('1969-12-31T23:59:59.500Z'),
          LTZ_VALUE: new Date('2024-01-02T01:04:05Z'),
          NULL_VALUE: null,
        },
      ]);
      expect(result.columns.map((column) => `${column.name}:${column.dataType}`)).toEqual([
        'INT_VALUE:NUMBER(38,0)',
        'BIG_VALUE:NUMBER(38,0)',
        'DECIMAL_VALUE:NUMBER(10,2)',
        'FLOAT_VALUE:FLOAT',
        'TEXT_VALUE:VARCHAR',
        'TRUE_VALUE:BOOLEAN',
        'FALSE_VALUE:BOOLEAN',
        'DATE_VALUE:DATE',
        'OLD_DATE:DATE',
        'NTZ_VALUE:TIMESTAMP_NTZ',
        'BEFORE_EPOCH:TIMESTAMP_NTZ',
        'LTZ_VALUE:TIMESTAMP_LTZ',
        'NULL_VALUE:VARCHAR',
      ]);
    } finally {
      await session.release();
    }
  });

  it('runs a multi-statement script one request per statement, in order, and counts affected rows', async () => {
    const session = await adapter.openSession();
    try {
      const script = `create or replace transient table analytics.staging.orders copy grants cluster by (order_id) as
          select 1 as order_id, 'a;b' as note;
        insert into analytics.staging.orders values (2, 'x'), (3, 'y'); -- two rows
        alter table analytics.staging.orders resume recluster;`;
      expect(await session.execute(script)).toEqual({ rowsAffected: 2 });
      expect(standIn.statements()).toEqual([
        "create or replace transient table analytics.staging.orders copy grants cluster by (order_id) as\n          select 1 as order_id, 'a;b' as note",
        "insert into analytics.staging.orders values (2, 'x'), (3, 'y')",
        '-- two rows\n        alter table analytics.staging.orders resume recluster',
      ]);
      const rows = await session.query('select order_id, note from analytics.staging.orders order by order_id');
      expect(rows.rows).toEqual([
        { ORDER_ID: 1, NOTE: 'a;b' },
        { ORDER_ID: 2, NOTE: 'x' },
        { ORDER_ID: 3, NOTE: 'y' },
      ]);
      const sessionContext = standIn.requests.find((request) => request.sql?.startsWith('insert'));
      expect(sessionContext).toMatchObject({ database: 'ANALYTICS', schema: 'STAGING', warehouse: 'TRANSFORMING', role: 'TRANSFORMER' });
    } finally {
      await session.release();
    }
  });

  it('lists relations from one show objects and describes columns', async () => {
    await adapter.openSession().then(async (session) => {
      await session.execute(`create or replace table analytics.staging.customers (customer_id number, name varchar, signed_up timestamp_ntz);
        create or replace secure view analytics.staging.customer_names as select name from analytics.staging.customers`);
      await session.release();
    });
    standIn.clearLog();
    const relations = await adapter.listRelations('analytics', 'staging');
    expect(standIn.statements()).toEqual(['show objects in "ANALYTICS"."STAGING"']);
    expect(relations.filter((relation) => relation.identifier.startsWith('CUSTOMER'))).toEqual([
      { database: 'ANALYTICS', schema: 'STAGING', identifier: 'CUSTOMERS', type: 'table' },
      { database: 'ANALYTICS', schema: 'STAGING', identifier: 'CUSTOMER_NAMES', type: 'view' },
    ]);
    expect(await adapter.getColumns({ database: 'analytics', schema: 'staging', identifier: 'customers' })).toEqual([
      { name: 'CUSTOMER_ID', dataType: 'NUMBER(38,0)' },
      { name: 'NAME', dataType: 'VARCHAR(16777216)' },
      { name: 'SIGNED_UP', dataType: 'TIMESTAMP_NTZ(9)' },
    ]);
    expect(await adapter.listRelations('analytics', 'no_such_schema')).toEqual([]);
  });

  it('maps SQL errors to TsdbtError with the Snowflake code, state and message', async () => {
    const session = await adapter.openSession();
    try {
      const missing = await caught(session.query('select * from analytics.staging.not_there'));
      expect(missing.kind).toBe('database');
      expect(missing.code).toBe('002003');
      expect(missing.sqlState).toBe('42S02');
      expect(missing.message).toBe("002003 (42S02): SQL compilation error: Object 'ANALYTICS.STAGING.NOT_THERE' does not exist or not authorized.");
      const syntax = await caught(session.query('selec 1'));
      expect(syntax.message).toBe("001003 (42000): SQL compilation error: syntax error line 1 at position 0 unexpected 'SELEC'.");
      // A SQL error is never retried: exactly one request per failing statement.
      expect(standIn.requests.filter((request) => request.path === '/queries/v1/query-request')).toHaveLength(2);
    } finally {
      await session.release();
    }
  });

  it('keeps the session context: warehouse, query tag, transactions', async () => {
    const session = await adapter.openSession();
    try {
      await session.execute('create or replace table analytics.staging.tx (x int)');
      standIn.clearLog();
      await session.useWarehouse('reporting_wh');
      await session.setQueryTag("nightly 'run'");
      await session.begin();
      await session.execute('insert into analytics.staging.tx values (1)');
      await session.rollback();
      await session.setQueryTag(undefined);
      const count = await session.query('select count(*) as n from analytics.staging.tx');
      expect(count.rows).toEqual([{ N: 0 }]);
      expect(standIn.statements()).toEqual([
        'use warehouse "REPORTING_WH"',
        "alter session set query_tag = 'nightly ''run'''",
        'begin',
        'insert into analytics.staging.tx values (1)',
        'rollback',
        'alter session unset query_tag',
        'select count(*) as n from analytics.staging.tx',
      ]);
      const tagged = standIn.requests.filter((request) => request.sql === 'begin')[0];
      expect(tagged).toMatchObject({ queryTag: "nightly 'run'", warehouse: 'REPORTING_WH' });
      const last = standIn.requests.filter((request) => request.sql?.startsWith('select count'))[0];
      expect(last.queryTag).toBeUndefined();
    } finally {
      await session.release();
    }
    // Back in the pool, the connection has the target's query tag and warehouse again.
    expect(standIn.statements().slice(-2)).toEqual(["alter session set query_tag = 'tsdbt'", 'use warehouse "TRANSFORMING"']);
  });

  it('sets the target query tag once on each new connection', async () => {
    const fresh = await createSnowflakeAdapter(targetFor(standIn.url, { threads: 1 }), { retry: fastRetry });
    try {
      for (const value of [1, 2]) {
        const session = await fresh.openSession();
        await session.query(`select ${value} as tagged`);
        await session.release();
      }
      expect(standIn.statements()).toEqual(["alter session set query_tag = 'tsdbt'", 'select 1 as tagged', 'select 2 as tagged']);
      expect(standIn.requests.filter((request) => request.sql?.endsWith('as tagged')).map((request) => request.queryTag)).toEqual(['tsdbt', 'tsdbt']);
    } finally {
      await fresh.close();
    }
    // close() drains the pool and logs the session out.
    expect(standIn.requests.some((request) => request.path === '/session' && request.status === 200)).toBe(true);
  });

  it('runs 4 queries at the same time on a pool of 4', async () => {
    standIn.injectFault({ kind: 'slow', times: 4, match: /concurrent/, delayMs: 300 });
    const sessions = await Promise.all([1, 2, 3, 4].map(() => adapter.openSession()));
    try {
      const results = await Promise.all(sessions.map((session, index) => session.query(`select ${index} as concurrent`)));
      expect(results.map((result) => result.rows[0].CONCURRENT)).toEqual([0, 1, 2, 3]);
      const queries = standIn.requests.filter((request) => request.sql?.includes('concurrent'));
      expect(queries).toHaveLength(4);
      const lastStart = Math.max(...queries.map((request) => request.startedAt));
      const firstEnd = Math.min(...queries.map((request) => request.finishedAt ?? Infinity));
      expect(lastStart).toBeLessThan(firstEnd);
    } finally {
      await Promise.all(sessions.map((session) => session.release()));
    }
  });

  it('cancels a running statement with an abort request', async () => {
    standIn.injectFault({ kind: 'slow', times: 1, match: /slow_one/, delayMs: 20_000 });
    const session = await adapter.openSession();
    try {
      const pending = session.query('select 1 as slow_one');
      await expect.poll(() => standIn.requests.some((request) => request.sql === 'select 1 as slow_one')).toBe(true);
      const started = Date.now();
      await session.cancel();
      const error = await caught(pending);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error.code).toBe('000604');
      expect(error.message).toBe('000604 (57014): SQL execution canceled');
      expect(standIn.requests.some((request) => request.path.endsWith('/abort-request'))).toBe(true);
      // The session is usable after a cancel.
      expect((await session.query('select 2 as after_cancel')).rows).toEqual([{ AFTER_CANCEL: 2 }]);
    } finally {
      await session.release();
    }
  });
});

describe('retries and secrets', () => {
  it('retries a failed login with backoff and then succeeds', async () => {
    const retrying = await createSnowflakeAdapter(targetFor(standIn.url, { threads: 1 }), { retry: fastRetry });
    try {
      standIn.injectFault({ kind: 'http500', times: 2, match: /^login$/ });
      const session = await retrying.openSession();
      expect((await session.query('select 7 as seven')).rows).toEqual([{ SEVEN: 7 }]);
      await session.release();
      const logins = standIn.requests.filter((request) => request.path === '/session/v1/login-request');
      expect(logins.map((request) => request.status)).toEqual([500, 500, 200]);
    } finally {
      await retrying.close();
    }
  });

  it('gives up after the bound with a clear message', async () => {
    const retrying = await createSnowflakeAdapter(targetFor(standIn.url, { threads: 1 }), { retry: fastRetry });
    try {
      standIn.injectFault({ kind: 'http500', times: 10, match: /^login$/ });
      const error = await caught(retrying.openSession());
      expect(error.kind).toBe('runtime');
      expect(error.message).toMatch(/^Could not reach Snowflake after 3 attempts: /);
      expect(standIn.requests.filter((request) => request.path === '/session/v1/login-request')).toHaveLength(3);
      expect(error.message).not.toContain(password);
    } finally {
      await retrying.close();
      standIn.clearFaults();
    }
  });

  it('a query answered with HTTP 500 is resubmitted with the same request id and succeeds', async () => {
    const session = await adapter.openSession();
    try {
      standIn.injectFault({ kind: 'http500', times: 1, match: /flaky/ });
      expect((await session.query('select 1 as flaky')).rows).toEqual([{ FLAKY: 1 }]);
      const attempts = standIn.requests.filter((request) => request.sql === 'select 1 as flaky');
      expect(attempts.map((request) => request.status)).toEqual([500, 200]);
      expect(attempts[0].requestId).toBe(attempts[1].requestId);
      expect(standIn.statements()).toEqual(['select 1 as flaky']);
    } finally {
      await session.release();
    }
  });

  it('never shows the password in an error message', async () => {
    const wrong = await createSnowflakeAdapter(targetFor(standIn.url, { password: 'wrong-secret-123', threads: 1 }), { retry: fastRetry });
    try {
      const error = await caught(wrong.openSession());
      expect(error.kind).toBe('profile');
      expect(error.code).toBe('390100');
      expect(error.message).toBe('390100: Incorrect username or password was specified.');
      expect(`${error.message} ${error.hint} ${String(error.stack)}`).not.toContain('wrong-secret-123');
    } finally {
      await wrong.close();
    }
    const session = await adapter.openSession();
    try {
      standIn.injectFault({ kind: 'sql-error', times: 1, code: '100000', sqlState: '22000', message: `bad value ${password}` });
      const error = await caught(session.query('select 1'));
      expect(error.message).toBe('100000 (22000): bad value ****');
    } finally {
      await session.release();
    }
  });

  it('keeps the driver silent: no snowflake.log in the working directory', () => {
    expect(existsSync('snowflake.log')).toBe(false);
  });
});
