import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { TsdbtError } from '../errors/tsdbt-error.js';
import type { NodeResult } from '../execute/events.js';
import { buildRunResultsJson } from './build-run-results-json.js';
import { readRunResults } from './read-run-results.js';
import { validateJsonSchema, type JsonSchema } from './validate-json-schema.js';

const schema = JSON.parse(readFileSync(new URL('./schemas/run-results.json', import.meta.url), 'utf8')) as JsonSchema;
const startedAt = new Date('2024-05-01T10:00:00.000Z');
const completedAt = new Date('2024-05-01T10:00:01.500Z');

const results: readonly NodeResult[] = [
  {
    uniqueId: 'model.shop.stg_orders',
    status: 'success',
    executionTime: 1.5,
    message: 'OK',
    rowsAffected: 120,
    compiledCode: 'select 1',
    relationName: '"analytics"."stg_orders"',
    startedAt,
    completedAt,
  },
  {
    uniqueId: 'model.shop.fact_orders',
    status: 'error',
    executionTime: 0.2,
    message: '',
    error: new TsdbtError({ kind: 'database', message: 'Binder Error: column "order_ts" not found' }),
    startedAt,
    completedAt,
  },
  { uniqueId: 'test.shop.unique_orders_order_id', status: 'fail', executionTime: 0.1, message: 'Got 3 results', failures: 3, startedAt, completedAt },
  { uniqueId: 'model.shop.daily', status: 'skipped', executionTime: 0, message: '', skippedBecauseOf: 'model.shop.fact_orders', startedAt, completedAt },
  {
    uniqueId: 'model.shop.events',
    status: 'success',
    executionTime: 3,
    message: 'OK',
    batches: [
      { start: '2024-01-01', end: '2024-01-02', status: 'success', message: 'OK' },
      { start: '2024-01-02', end: '2024-01-03', status: 'error', message: 'boom' },
    ],
    startedAt,
    completedAt,
  },
];

const meta = {
  invocationId: 'inv-2',
  generatedAt: new Date('2024-05-01T10:00:05.000Z'),
  version: '0.1.0',
  elapsedTime: 5.25,
  args: { which: 'run', threads: 4, vars: { api: { token: 'tok-SECRET-1' } }, profile: { password: 'pw-SECRET-2', private_key: 'pk-SECRET-3', PRIVATE_KEY_PASSPHRASE: 'pp-SECRET-4' } },
};

type RunResultsJson = { metadata: Record<string, unknown>; results: Record<string, unknown>[]; elapsed_time: number; args: Record<string, unknown> };

describe('buildRunResultsJson', () => {
  const json = buildRunResultsJson(results, meta) as RunResultsJson;

  it('validates against the run-results schema', () => {
    expect(validateJsonSchema(schema, json)).toEqual([]);
  });

  it('writes one result per node with dbt field names', () => {
    expect(json.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/run-results/v6.json');
    expect(json.elapsed_time).toBe(5.25);
    expect(json.results[0]).toEqual({
      status: 'success',
      timing: [
        { name: 'compile', started_at: '2024-05-01T10:00:00.000Z', completed_at: '2024-05-01T10:00:00.000Z' },
        { name: 'execute', started_at: '2024-05-01T10:00:00.000Z', completed_at: '2024-05-01T10:00:01.500Z' },
      ],
      thread_id: 'Thread-1',
      execution_time: 1.5,
      adapter_response: { _message: 'OK', rows_affected: 120 },
      message: 'OK',
      failures: null,
      unique_id: 'model.shop.stg_orders',
      compiled: true,
      compiled_code: 'select 1',
      relation_name: '"analytics"."stg_orders"',
      batch_results: null,
    });
  });

  it('writes error messages, failures, skips and batches', () => {
    expect(json.results[1]).toMatchObject({ status: 'error', message: 'Binder Error: column "order_ts" not found', adapter_response: {} });
    expect(json.results[2]).toMatchObject({ status: 'fail', failures: 3 });
    expect(json.results[3]).toMatchObject({ status: 'skipped', timing: [], message: null });
    expect(json.results[4].batch_results).toEqual({ successful: [['2024-01-01', '2024-01-02']], failed: [['2024-01-02', '2024-01-03']] });
  });

  it('masks secrets in args at any depth', () => {
    const text = JSON.stringify(json);
    for (const secret of ['tok-SECRET-1', 'pw-SECRET-2', 'pk-SECRET-3', 'pp-SECRET-4']) expect(text).not.toContain(secret);
    expect(json.args).toEqual({
      which: 'run',
      threads: 4,
      vars: { api: { token: '**********' } },
      profile: { password: '**********', private_key: '**********', PRIVATE_KEY_PASSPHRASE: '**********' },
    });
  });
});

describe('readRunResults', () => {
  it('maps unique ids to statuses', () => {
    const json = JSON.parse(JSON.stringify(buildRunResultsJson(results, meta))) as unknown;
    expect(readRunResults(json)).toEqual({
      'model.shop.stg_orders': 'success',
      'model.shop.fact_orders': 'error',
      'test.shop.unique_orders_order_id': 'fail',
      'model.shop.daily': 'skipped',
      'model.shop.events': 'success',
    });
  });

  it('rejects a file without results', () => {
    expect(() => readRunResults({ metadata: {} })).toThrow('The previous run_results.json has no "results" list.');
  });
});
