import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { TsdbtError } from '../errors/tsdbt-error.js';
import type { NodeDescription, NodeResult } from '../execute/events.js';
import { formatJunitXml, writeJunitXml } from './write-junit-xml.js';

const at = new Date(2024, 0, 1);
const describeNode = (uniqueId: string, resourceType: 'model' | 'test', originalFilePath: string): NodeDescription => ({
  uniqueId,
  name: uniqueId.split('.')[2],
  resourceType,
  materialized: resourceType === 'test' ? 'test' : 'table',
  relationName: '',
  originalFilePath,
});
const nodes = new Map(
  [
    describeNode('model.shop.orders', 'model', 'models/orders.sql'),
    describeNode('model.shop.broken', 'model', 'models/broken.sql'),
    describeNode('model.shop.after', 'model', 'models/after.sql'),
    describeNode('test.shop.unique_orders_id', 'test', 'models/schema.yml'),
    describeNode('test.shop.not_null_orders_id', 'test', 'models/schema.yml'),
  ].map((node) => [node.uniqueId, node]),
);
const results: NodeResult[] = [
  { uniqueId: 'model.shop.orders', status: 'success', executionTime: 0.5, message: 'OK', startedAt: at, completedAt: at },
  {
    uniqueId: 'model.shop.broken',
    status: 'error',
    executionTime: 0.25,
    message: '',
    error: new TsdbtError({ kind: 'database', message: 'Parser Error: syntax error at "<script>alert(1)</script>" & more' }),
    startedAt: at,
    completedAt: at,
  },
  { uniqueId: 'model.shop.after', status: 'skipped', executionTime: 0, message: '', skippedBecauseOf: 'model.shop.broken', startedAt: at, completedAt: at },
  {
    uniqueId: 'test.shop.unique_orders_id',
    status: 'fail',
    executionTime: 0.125,
    message: 'Got 1 result, configured to fail if != 0',
    failures: 1,
    sampleRows: [{ id: '<b>7</b>', n: 2 }],
    startedAt: at,
    completedAt: at,
  },
  { uniqueId: 'test.shop.not_null_orders_id', status: 'pass', executionTime: 0.125, message: '', startedAt: at, completedAt: at },
];

/** A strict enough well-formedness check: balanced tags, quoted attributes, no raw `<` or `&` in text. */
function assertWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, '');
  const stack: string[] = [];
  const tokens = body.split(/(<[^>]*>)/).filter((token) => token !== '');
  for (const token of tokens) {
    if (token.startsWith('<')) {
      const match = /^<(\/?)([A-Za-z-]+)((?:\s+[a-z_]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
      expect(match, token).not.toBeNull();
      const [, closing, name, , selfClosing] = match ?? [];
      if (closing === '/') expect(stack.pop()).toBe(name);
      else if (selfClosing !== '/') stack.push(name);
    } else {
      expect(token).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos);)/);
    }
  }
  expect(stack).toEqual([]);
}

describe('JUnit XML', () => {
  const xml = formatJunitXml(results, nodes);

  it('is well-formed and escapes messages', () => {
    assertWellFormed(xml);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('message="Parser Error: syntax error at &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; more"');
  });

  it('counts tests, failures, errors, skips and time', () => {
    expect(xml).toContain('<testsuite name="tsdbt" tests="5" failures="1" errors="1" skipped="1" time="1.000">');
    expect(xml).toContain('<testcase classname="model.models/orders.sql" name="orders" time="0.500"/>');
    expect(xml).toContain('<testcase classname="test.models/schema.yml" name="not_null_orders_id" time="0.125"/>');
    expect(xml).toContain('<skipped message="skipped because model.shop.broken failed"/>');
    expect(xml).toContain('<error message="Parser Error: syntax error at');
  });

  it('includes failing rows in the failure', () => {
    expect(xml).toContain(
      '<failure message="Got 1 result, configured to fail if != 0" type="fail">Got 1 result, configured to fail if != 0\n| id       | n |\n| -------- | - |\n| &lt;b&gt;7&lt;/b&gt; | 2 |</failure>',
    );
  });

  it('writes the file, creating its directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tsdbt-junit-'));
    try {
      const path = join(dir, 'reports', 'junit.xml');
      await writeJunitXml(path, results, nodes);
      expect(await readFile(path, 'utf8')).toBe(xml);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
