import { describe, expect, it } from 'vitest';

import type { NodeDescription, NodeResult } from '../execute/events.js';
import { formatFinishedLine, formatRunSummary } from './format-run-summary.js';

const at = new Date(2024, 0, 1);
const model: NodeDescription = { uniqueId: 'model.shop.events', name: 'events', resourceType: 'model', materialized: 'incremental', relationName: 'a.events', originalFilePath: 'models/events.sql' };
const test: NodeDescription = { uniqueId: 'test.shop.t', name: 'accepted_values_status', resourceType: 'test', materialized: 'test', relationName: '', originalFilePath: 'models/schema.yml' };
const nodes = new Map([model, test].map((node) => [node.uniqueId, node]));

function result(uniqueId: string, fields: Partial<NodeResult>): NodeResult {
  return { uniqueId, status: 'success', executionTime: 0.3, message: '', startedAt: at, completedAt: at, ...fields };
}

describe('formatRunSummary', () => {
  it('says Completed successfully when nothing went wrong', () => {
    expect(formatRunSummary([result(model.uniqueId, {}), result(test.uniqueId, { status: 'pass' })], nodes, 3725.5, false)).toEqual([
      '',
      'Finished running 1 model, 1 data test in 1 hours 2 minutes and 5.50 seconds (3725.50s).',
      '',
      'Completed successfully',
      '',
      'Done. PASS=2 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=2',
    ]);
  });

  it('lists warnings and partial successes with their failed batches', () => {
    const results = [
      result(model.uniqueId, {
        batches: [
          { start: '2024-01-01', end: '2024-01-02', status: 'success', message: 'OK' },
          { start: '2024-01-02', end: '2024-01-03', status: 'error', message: 'Conversion Error: bad date' },
        ],
      }),
      result(test.uniqueId, { status: 'warn', failures: 2, message: 'Got 2 results, configured to warn if != 0' }),
    ];
    expect(formatRunSummary(results, nodes, 1, false)).toEqual([
      '',
      'Finished running 1 model, 1 data test in 0 hours 0 minutes and 1.00 seconds (1.00s).',
      '',
      'Completed with 1 partial success and 1 warning:',
      '',
      'Partial success in model events (models/events.sql)',
      '  batch 2024-01-02 to 2024-01-03: Conversion Error: bad date',
      '',
      'Warning in test accepted_values_status (models/schema.yml)',
      '  Got 2 results, configured to warn if != 0',
      '',
      'Done. PASS=1 WARN=1 ERROR=0 SKIP=0 NO-OP=0 TOTAL=2',
    ]);
  });

  it('pluralises each resource type in the finished line', () => {
    const results = [result(model.uniqueId, {}), result('model.shop.b', {}), result(test.uniqueId, {}), result('analysis.shop.c', {})];
    expect(formatFinishedLine(results, nodes, 0.5)).toBe('Finished running 2 models, 1 analysis, 1 data test in 0 hours 0 minutes and 0.50 seconds (0.50s).');
  });
});
