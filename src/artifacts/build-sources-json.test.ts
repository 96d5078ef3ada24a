import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { TsdbtError } from '../errors/tsdbt-error.js';
import { buildSourcesJson } from './build-sources-json.js';
import { validateJsonSchema, type JsonSchema } from './validate-json-schema.js';

const schema = JSON.parse(readFileSync(new URL('./schemas/sources.json', import.meta.url), 'utf8')) as JsonSchema;
const startedAt = new Date('2024-05-01T10:00:00.000Z');
const completedAt = new Date('2024-05-01T10:00:00.250Z');

describe('buildSourcesJson', () => {
  const json = buildSourcesJson(
    [
      {
        uniqueId: 'source.shop.raw.orders',
        status: 'warn',
        maxLoadedAt: new Date('2024-04-30T20:00:00.000Z'),
        snapshottedAt: new Date('2024-05-01T10:00:00.000Z'),
        criteria: { warnAfter: { count: 12, period: 'hour' }, errorAfter: { count: 1, period: 'day' } },
        executionTime: 0.25,
        startedAt,
        completedAt,
        message: 'SUCCESS 1',
      },
      {
        uniqueId: 'source.shop.raw.customers',
        status: 'runtime error',
        criteria: {},
        executionTime: 0.1,
        startedAt,
        completedAt,
        error: new TsdbtError({ kind: 'database', message: 'Table raw.customers does not exist' }),
      },
    ],
    { invocationId: 'inv-4', generatedAt: completedAt, version: '0.1.0', elapsedTime: 0.4 },
  ) as { results: Record<string, unknown>[]; elapsed_time: number; metadata: Record<string, unknown> };

  it('validates against the sources schema', () => {
    expect(validateJsonSchema(schema, json)).toEqual([]);
  });

  it('writes age, criteria and timing for checked sources', () => {
    expect(json.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/sources/v3.json');
    expect(json.results[0]).toMatchObject({
      unique_id: 'source.shop.raw.orders',
      max_loaded_at: '2024-04-30T20:00:00.000Z',
      snapshotted_at: '2024-05-01T10:00:00.000Z',
      max_loaded_at_time_ago_in_s: 50400,
      status: 'warn',
      criteria: { warn_after: { count: 12, period: 'hour' }, error_after: { count: 1, period: 'day' }, filter: null },
      adapter_response: { _message: 'SUCCESS 1' },
      execution_time: 0.25,
    });
  });

  it('writes a runtime error entry when the check failed', () => {
    expect(json.results[1]).toEqual({ unique_id: 'source.shop.raw.customers', error: 'Table raw.customers does not exist', status: 'runtime error' });
  });
});
