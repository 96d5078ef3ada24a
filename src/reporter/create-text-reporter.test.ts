import { describe, expect, it } from 'vitest';

import { TsdbtError } from '../errors/tsdbt-error.js';
import type { NodeDescription, NodeResult, RunEvent } from '../execute/events.js';
import { createTextReporter } from './create-text-reporter.js';

const at = new Date(2024, 0, 1, 15, 4, 5);
const done = new Date(2024, 0, 1, 15, 4, 7);

const stgOrders: NodeDescription = {
  uniqueId: 'model.shop.stg_orders',
  name: 'stg_orders',
  resourceType: 'model',
  materialized: 'view',
  relationName: 'analytics_staging.stg_orders',
  originalFilePath: 'models/staging/stg_orders.sql',
};
const factOrders: NodeDescription = {
  uniqueId: 'model.shop.fact_orders',
  name: 'fact_orders',
  resourceType: 'model',
  materialized: 'table',
  relationName: 'analytics.fact_orders',
  originalFilePath: 'models/marts/fact_orders.sql',
};
const daily: NodeDescription = { ...factOrders, uniqueId: 'model.shop.daily', name: 'daily', relationName: 'analytics.daily' };
const uniqueTest: NodeDescription = {
  uniqueId: 'test.shop.unique_orders_order_id',
  name: 'unique_orders_order_id',
  resourceType: 'test',
  materialized: 'test',
  relationName: '',
  originalFilePath: 'models/staging/schema.yml',
};
const notNullTest: NodeDescription = { ...uniqueTest, uniqueId: 'test.shop.not_null_orders_order_id', name: 'not_null_orders_order_id' };
const seed: NodeDescription = {
  uniqueId: 'seed.shop.customers',
  name: 'customers',
  resourceType: 'seed',
  materialized: 'seed',
  relationName: 'raw.customers',
  originalFilePath: 'seeds/customers.csv',
};

function result(uniqueId: string, fields: Partial<NodeResult>): NodeResult {
  return { uniqueId, status: 'success', executionTime: 0, message: '', startedAt: at, completedAt: done, ...fields };
}

const results: NodeResult[] = [
  result(seed.uniqueId, { executionTime: 0.1, message: 'INSERT 120', rowsAffected: 120 }),
  result(stgOrders.uniqueId, { executionTime: 0.04 }),
  result(factOrders.uniqueId, {
    status: 'error',
    executionTime: 0.02,
    error: new TsdbtError({ kind: 'database', message: 'Binder Error: column "order_ts" not found', compiledPath: 'target/run/shop/models/marts/fact_orders.sql' }),
  }),
  result(daily.uniqueId, { status: 'skipped', skippedBecauseOf: factOrders.uniqueId }),
  result(notNullTest.uniqueId, { status: 'pass', executionTime: 0.01 }),
  result(uniqueTest.uniqueId, {
    status: 'fail',
    executionTime: 0.02,
    failures: 3,
    message: 'Got 3 results, configured to fail if != 0',
    sampleRows: [
      { order_id: 17, n_records: 2 },
      { order_id: 1024, n_records: 3 },
    ],
    storedFailuresRelation: '"audit"."unique_orders_order_id"',
  }),
];
const nodes = new Map([seed, stgOrders, factOrders, daily, notNullTest, uniqueTest].map((node) => [node.uniqueId, node]));

function runEvents(): RunEvent[] {
  const events: RunEvent[] = [
    { type: 'RunStarted', command: 'build', version: '0.1.0', counts: { model: 3, test: 2, seed: 1, snapshot: 0, source: 6, macro: 1 }, at },
    { type: 'Notice', message: "Concurrency: 4 threads (target='dev')", at },
    { type: 'HookStarted', name: 'shop.on-run-start.0', index: 1, total: 1, at },
    { type: 'HookFinished', name: 'shop.on-run-start.0', index: 1, total: 1, status: 'success', executionTime: 0.01, at },
  ];
  const ordered = [seed, stgOrders, factOrders, daily, notNullTest, uniqueTest];
  ordered.forEach((node, position) => {
    const index = position + 1;
    if (node !== daily) events.push({ type: 'NodeStarted', node, index, total: 6, at });
    events.push({ type: 'NodeFinished', node, index, total: 6, result: results[position], at });
  });
  events.push({ type: 'RunFinished', command: 'build', results, nodes, elapsedSeconds: 1.92, at: done });
  return events;
}

function render(color: boolean): string[] {
  const lines: string[] = [];
  const report = createTextReporter({ write: (line) => lines.push(line), color, now: () => at });
  for (const event of runEvents()) report(event);
  return lines;
}

describe('createTextReporter', () => {
  it('prints a run the way dbt does', () => {
    expect(render(false)).toEqual([
      '15:04:05  Running with tsdbt=0.1.0',
      '15:04:05  Found 3 models, 2 data tests, 1 seed, 6 sources, 1 macro',
      '',
      "15:04:05  Concurrency: 4 threads (target='dev')",
      '',
      '15:04:05  1 of 1 START hook: shop.on-run-start.0 ......................................... [RUN]',
      '15:04:05  1 of 1 OK hook: shop.on-run-start.0 ............................................ [OK in 0.01s]',
      '15:04:05  1 of 6 START seed file raw.customers ........................................... [RUN]',
      '15:04:05  1 of 6 OK loaded seed file raw.customers ....................................... [INSERT 120 in 0.10s]',
      '15:04:05  2 of 6 START sql view model analytics_staging.stg_orders ....................... [RUN]',
      '15:04:05  2 of 6 OK created sql view model analytics_staging.stg_orders .................. [OK in 0.04s]',
      '15:04:05  3 of 6 START sql table model analytics.fact_orders ............................. [RUN]',
      '15:04:05  3 of 6 ERROR creating sql table model analytics.fact_orders .................... [ERROR in 0.02s]',
      '15:04:05  4 of 6 SKIP relation analytics.daily ........................................... [SKIP]',
      '15:04:05  5 of 6 START test not_null_orders_order_id ..................................... [RUN]',
      '15:04:05  5 of 6 PASS not_null_orders_order_id ........................................... [PASS in 0.01s]',
      '15:04:05  6 of 6 START test unique_orders_order_id ....................................... [RUN]',
      '15:04:05  6 of 6 FAIL 3 unique_orders_order_id ........................................... [FAIL 3 in 0.02s]',
      '',
      '15:04:05  Finished running 3 models, 1 seed, 2 data tests in 0 hours 0 minutes and 1.92 seconds (1.92s).',
      '',
      '15:04:05  Completed with 2 errors, 0 partial successes, and 0 warnings:',
      '',
      '15:04:05  Database Error in model fact_orders (models/marts/fact_orders.sql)',
      '15:04:05    Binder Error: column "order_ts" not found',
      '15:04:05    compiled code at target/run/shop/models/marts/fact_orders.sql',
      '',
      '15:04:05  Failure in test unique_orders_order_id (models/staging/schema.yml)',
      '15:04:05    Got 3 results, configured to fail if != 0',
      '',
      '15:04:05    | order_id | n_records |',
      '15:04:05    | -------- | --------- |',
      '15:04:05    |       17 |         2 |',
      '15:04:05    |     1024 |         3 |',
      '',
      '15:04:05    See test failures:',
      '15:04:05    ----------------------------------------------',
      '15:04:05    select * from "audit"."unique_orders_order_id"',
      '15:04:05    ----------------------------------------------',
      '',
      '15:04:05  Done. PASS=3 WARN=0 ERROR=2 SKIP=1 NO-OP=0 TOTAL=6',
    ]);
  });

  it('pads every node line so the brackets start in the same column', () => {
    const nodeLines = render(false).filter((line) => / of \d+ /.test(line));
    const bracketColumns = new Set(nodeLines.map((line) => line.lastIndexOf(' [')));
    expect([...bracketColumns]).toEqual([10 + 80]);
  });

  it('colours status words only when asked', () => {
    const plain = render(false).join('\n');
    expect(plain).not.toContain('\u001b[');
    const coloured = render(true);
    expect(coloured[8]).toBe(
      '15:04:05  1 of 6 \u001b[32mOK loaded\u001b[0m seed file raw.customers ....................................... [\u001b[32mINSERT 120\u001b[0m in 0.10s]',
    );
    expect(coloured[12]).toContain('\u001b[31mERROR creating\u001b[0m');
    expect(coloured[13]).toContain('[\u001b[33mSKIP\u001b[0m]');
    expect(coloured[15]).toContain('\u001b[32mPASS\u001b[0m');
    expect(coloured[17]).toContain('[\u001b[31mFAIL 3\u001b[0m in 0.02s]');
    expect(coloured).toContain('15:04:05  \u001b[31mCompleted with 2 errors, 0 partial successes, and 0 warnings:\u001b[0m');
  });

  it('uses the event time when no clock is given', () => {
    const lines: string[] = [];
    createTextReporter({ write: (line) => lines.push(line), color: false })({ type: 'Notice', message: 'hello', at: new Date(2024, 0, 1, 9, 8, 7) });
    expect(lines).toEqual(['09:08:07  hello']);
  });
});
