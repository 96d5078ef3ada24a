import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { buildCatalogJson } from './build-catalog-json.js';
import { validateJsonSchema, type JsonSchema } from './validate-json-schema.js';

const schema = JSON.parse(readFileSync(new URL('./schemas/catalog.json', import.meta.url), 'utf8')) as JsonSchema;
const meta = { invocationId: 'inv-3', generatedAt: new Date('2024-05-01T10:00:00.000Z'), version: '0.1.0' };

describe('buildCatalogJson', () => {
  const json = buildCatalogJson(
    [
      {
        uniqueId: 'source.shop.raw.orders',
        resourceType: 'source',
        relation: { database: 'warehouse', schema: 'raw', identifier: 'orders' },
        relationType: 'BASE TABLE',
        columns: [{ name: 'ID', dataType: 'NUMBER' }],
      },
      {
        uniqueId: 'model.shop.stg_orders',
        resourceType: 'model',
        relation: { database: 'warehouse', schema: 'analytics', identifier: 'stg_orders' },
        relationType: 'VIEW',
        columns: [
          { name: 'order_id', dataType: 'INTEGER' },
          { name: 'amount', dataType: 'DECIMAL(18,2)' },
        ],
        comment: 'Orders, cleaned',
      },
    ],
    meta,
  ) as { nodes: Record<string, unknown>; sources: Record<string, unknown>; errors: unknown; metadata: Record<string, unknown> };

  it('validates against the catalog schema', () => {
    expect(validateJsonSchema(schema, json)).toEqual([]);
  });

  it('splits sources from nodes and numbers columns from 1', () => {
    expect(json.metadata.dbt_schema_version).toBe('https://schemas.getdbt.com/dbt/catalog/v1.json');
    expect(Object.keys(json.sources)).toEqual(['source.shop.raw.orders']);
    expect(json.nodes['model.shop.stg_orders']).toMatchObject({
      metadata: { type: 'VIEW', schema: 'analytics', name: 'stg_orders', database: 'warehouse', comment: 'Orders, cleaned', owner: null },
      columns: {
        order_id: { type: 'INTEGER', index: 1, name: 'order_id', comment: null },
        amount: { type: 'DECIMAL(18,2)', index: 2, name: 'amount', comment: null },
      },
      stats: { has_stats: { id: 'has_stats', value: false, include: false } },
      unique_id: 'model.shop.stg_orders',
    });
    expect(json.errors).toBeNull();
  });

  it('lists errors when some relations could not be described', () => {
    const withErrors = buildCatalogJson([], meta, ['schema "gone" does not exist']) as { errors: unknown };
    expect(withErrors.errors).toEqual(['schema "gone" does not exist']);
  });
});
