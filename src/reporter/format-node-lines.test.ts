import { describe, expect, it } from 'vitest';

import type { NodeDescription, NodeResult } from '../execute/events.js';
import { stripColors } from './ansi-colors.js';
import { formatNodeResultLine, formatNodeStartLine } from './format-node-lines.js';

const at = new Date(2024, 0, 1);
const snapshot: NodeDescription = {
  uniqueId: 'snapshot.shop.customers_snapshot',
  name: 'customers_snapshot',
  resourceType: 'snapshot',
  materialized: 'snapshot',
  relationName: 'snapshots.customers_snapshot',
  originalFilePath: 'snapshots/customers_snapshot.sql',
};
const incremental: NodeDescription = {
  uniqueId: 'model.shop.events',
  name: 'events',
  resourceType: 'model',
  materialized: 'incremental',
  relationName: 'analytics.events',
  originalFilePath: 'models/events.sql',
};
const test: NodeDescription = { uniqueId: 'test.shop.t', name: 'accepted_values_status', resourceType: 'test', materialized: 'test', relationName: '', originalFilePath: 'models/schema.yml' };

function result(fields: Partial<NodeResult>): NodeResult {
  return { uniqueId: 'x', status: 'success', executionTime: 0.3, message: '', startedAt: at, completedAt: at, ...fields };
}

/** The visible line with the dot run collapsed, so expectations read easily. */
function squeeze(line: string): string {
  return stripColors(line).replace(/ \.+ \[/, ' ... [');
}

describe('node lines', () => {
  it('words snapshots as dbt does', () => {
    expect(squeeze(formatNodeStartLine(snapshot, 2, 9, false))).toBe('2 of 9 START snapshot snapshots.customers_snapshot ... [RUN]');
    expect(squeeze(formatNodeResultLine(snapshot, result({}), 2, 9, false))).toBe('2 of 9 OK snapshotted snapshots.customers_snapshot ... [success in 0.30s]');
    expect(squeeze(formatNodeResultLine(snapshot, result({ status: 'error' }), 2, 9, false))).toBe(
      '2 of 9 ERROR snapshotting snapshots.customers_snapshot ... [ERROR in 0.30s]',
    );
  });

  it('shows the adapter message for incremental models', () => {
    expect(squeeze(formatNodeResultLine(incremental, result({ message: 'MERGE 120', executionTime: 0.2 }), 3, 9, false))).toBe(
      '3 of 9 OK created sql incremental model analytics.events ... [MERGE 120 in 0.20s]',
    );
  });

  it('words test warnings, errors and skips', () => {
    expect(squeeze(formatNodeResultLine(test, result({ status: 'warn', failures: 2, executionTime: 0.05 }), 4, 9, false))).toBe(
      '4 of 9 WARN 2 accepted_values_status ... [WARN 2 in 0.05s]',
    );
    expect(squeeze(formatNodeResultLine(test, result({ status: 'runtime error', executionTime: 0.05 }), 4, 9, false))).toBe(
      '4 of 9 ERROR accepted_values_status ... [ERROR in 0.05s]',
    );
    expect(squeeze(formatNodeResultLine(test, result({ status: 'skipped' }), 4, 9, false))).toBe('4 of 9 SKIP test accepted_values_status ... [SKIP]');
  });

  it('adds no dots when the name is longer than the line', () => {
    const long = { ...incremental, relationName: `analytics.${'x'.repeat(90)}` };
    expect(formatNodeStartLine(long, 1, 1, false)).toBe(`1 of 1 START sql incremental model analytics.${'x'.repeat(90)}  [RUN]`);
  });
});
