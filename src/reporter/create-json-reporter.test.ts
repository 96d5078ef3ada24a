import { describe, expect, it } from 'vitest';

import type { NodeDescription, RunEvent } from '../execute/events.js';
import { createJsonReporter } from './create-json-reporter.js';

const at = new Date('2024-01-01T15:04:05.000Z');
const node: NodeDescription = {
  uniqueId: 'model.shop.stg_orders',
  name: 'stg_orders',
  resourceType: 'model',
  materialized: 'view',
  relationName: '"warehouse"."analytics"."stg_orders"',
  originalFilePath: 'models/stg_orders.sql',
};

describe('createJsonReporter', () => {
  const lines: string[] = [];
  const report = createJsonReporter({ write: (line) => lines.push(line), invocationId: 'inv-9' });
  const result = { uniqueId: node.uniqueId, status: 'error', executionTime: 0.02, message: 'boom', startedAt: at, completedAt: new Date('2024-01-01T15:04:06.000Z') } as const;
  const events: RunEvent[] = [
    { type: 'RunStarted', command: 'run', version: '0.1.0', counts: { model: 1 }, at },
    { type: 'NodeStarted', node, index: 1, total: 1, at },
    { type: 'NodeFinished', node, index: 1, total: 1, result, at },
    { type: 'RunFinished', command: 'run', results: [result], nodes: new Map([[node.uniqueId, node]]), elapsedSeconds: 1, at },
  ];
  for (const event of events) report(event);
  const parsed = lines.map((line) => JSON.parse(line) as { info: Record<string, unknown>; data: Record<string, Record<string, unknown>> });

  it('writes one parseable JSON object per event', () => {
    expect(lines).toHaveLength(4);
    expect(parsed.map((entry) => [entry.info.name, entry.info.code, entry.info.level])).toEqual([
      ['MainReportVersion', 'A001', 'info'],
      ['NodeStart', 'Q024', 'info'],
      ['NodeFinished', 'Q025', 'error'],
      ['EndOfRunSummary', 'Z030', 'error'],
    ]);
    expect(parsed.every((entry) => entry.info.invocation_id === 'inv-9' && entry.info.ts === '2024-01-01T15:04:05.000Z')).toBe(true);
  });

  it('carries the text line as msg, without colour', () => {
    expect(parsed[0].info.msg).toBe('Running with tsdbt=0.1.0\nFound 1 model');
    expect(parsed[2].info.msg).toMatch(/^1 of 1 ERROR creating sql view model "warehouse"\."analytics"\."stg_orders" \.+ \[ERROR in 0\.02s\]$/);
    expect(lines.join('\n')).not.toContain('\\u001b');
  });

  it('carries node_info with the unique id, status, times and relation', () => {
    expect(parsed[1].data.node_info).toMatchObject({ unique_id: 'model.shop.stg_orders', node_status: 'started', node_finished_at: '' });
    expect(parsed[2].data.node_info).toMatchObject({
      unique_id: 'model.shop.stg_orders',
      resource_type: 'model',
      node_status: 'error',
      node_started_at: '2024-01-01T15:04:05.000Z',
      node_finished_at: '2024-01-01T15:04:06.000Z',
      node_relation: { database: 'warehouse', schema: 'analytics', alias: 'stg_orders', relation_name: '"warehouse"."analytics"."stg_orders"' },
    });
    expect(parsed[3].data.stats).toEqual({ pass: 0, warn: 0, error: 1, skip: 0, no_op: 0, total: 1 });
  });
});
