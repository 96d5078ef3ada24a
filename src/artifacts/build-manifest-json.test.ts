import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { defaultNodeConfig, type NodeConfig } from '../config/node-config.js';
import type { Manifest, ManifestNode, SourceDefinition } from '../parse/manifest.js';
import { buildManifestJson } from './build-manifest-json.js';
import { readManifestSnapshot } from './read-manifest-snapshot.js';
import { validateJsonSchema, type JsonSchema } from './validate-json-schema.js';

const schema = JSON.parse(readFileSync(new URL('./schemas/manifest.json', import.meta.url), 'utf8')) as JsonSchema;

function model(name: string, dependsOn: readonly string[], config: Partial<NodeConfig> = {}): ManifestNode {
  return {
    resourceType: 'model',
    uniqueId: `model.shop.${name}`,
    name,
    packageName: 'shop',
    originalFilePath: `models/${name}.sql`,
    path: `${name}.sql`,
    fqn: ['shop', name],
    rawCode: `select * from {{ ref('x') }} -- ${name}`,
    config: { ...defaultNodeConfig('view'), ...config },
    description: `The ${name} model`,
    columns: { order_id: { name: 'order_id', description: 'Primary key', dataType: 'integer', meta: {}, tags: ['pk'] } },
    refs: dependsOn.filter((id) => id.startsWith('model.')).map((id) => ({ name: id.split('.')[2] })),
    sources: dependsOn.filter((id) => id.startsWith('source.')).map((id) => [id.split('.')[2], id.split('.')[3]] as const),
    dependsOn: { nodes: dependsOn, macros: ['macro.shop.cents_to_dollars'] },
    checksum: `sum-${name}`,
    relation: { database: 'warehouse', schema: 'analytics', identifier: name },
    patchPath: 'models/schema.yml',
  };
}

const ordersSource: SourceDefinition = {
  uniqueId: 'source.shop.raw.orders',
  resourceType: 'source',
  packageName: 'shop',
  sourceName: 'raw',
  name: 'orders',
  originalFilePath: 'models/sources.yml',
  fqn: ['shop', 'raw', 'orders'],
  description: 'Orders as loaded',
  sourceDescription: 'The raw schema',
  columns: {},
  relation: { database: 'warehouse', schema: 'raw', identifier: 'orders' },
  loadedAtField: '_loaded_at',
  freshness: { warnAfter: { count: 12, period: 'hour' }, filter: 'true' },
  tags: [],
  meta: {},
  config: { enabled: true },
};

const uniqueTest: ManifestNode = {
  ...model('unique_stg_orders_order_id', ['model.shop.stg_orders']),
  resourceType: 'test',
  uniqueId: 'test.shop.unique_stg_orders_order_id',
  originalFilePath: 'models/schema.yml',
  config: { ...defaultNodeConfig('test'), severity: 'ERROR' },
  testMetadata: { name: 'unique', kwargs: { column_name: 'order_id', model: "{{ get_where_subquery(ref('stg_orders')) }}" } },
  attachedNode: 'model.shop.stg_orders',
  columnName: 'order_id',
};

function sampleManifest(): Manifest {
  const stg = model('stg_orders', ['source.shop.raw.orders'], {
    'pre-hook': [{ sql: 'select 1', transaction: true }],
    'post-hook': [{ sql: 'grant select on {{ this }} to reporter', transaction: false }],
  });
  const fact = model('fact_orders', ['model.shop.stg_orders'], { materialized: 'table', password: 'hunter2-in-config' });
  const ephemeral = model('int_orders', ['model.shop.stg_orders'], { materialized: 'ephemeral' });
  return {
    projectName: 'shop',
    projectRoot: '/project',
    nodes: { [fact.uniqueId]: fact, [stg.uniqueId]: stg, [ephemeral.uniqueId]: ephemeral, [uniqueTest.uniqueId]: uniqueTest },
    sources: { [ordersSource.uniqueId]: ordersSource },
    macros: {
      'macro.shop.cents_to_dollars': {
        uniqueId: 'macro.shop.cents_to_dollars',
        name: 'cents_to_dollars',
        packageName: 'shop',
        originalFilePath: 'macros/cents_to_dollars.sql',
        line: 1,
        macroSql: '{% macro cents_to_dollars(column) %}({{ column }} / 100){% endmacro %}',
        description: 'Cents to dollars',
        arguments: ['column'],
      },
    },
    docs: { 'doc.shop.orders': { uniqueId: 'doc.shop.orders', name: 'orders', originalFilePath: 'models/docs.md', blockContents: 'One row per order.' } },
    disabled: { 'model.shop.old_orders': model('old_orders', [], { enabled: false }) },
  };
}

function withUnitTest(manifest: Manifest): Manifest {
  const unitTest: ManifestNode = {
    ...model('test_fact_orders_totals', ['model.shop.fact_orders']),
    resourceType: 'unit_test',
    uniqueId: 'unit_test.shop.fact_orders.test_fact_orders_totals',
    model: 'fact_orders',
    given: [{ input: "ref('stg_orders')", rows: [{ order_id: 1 }] }],
    expect: { rows: [{ order_id: 1 }] },
    config: { ...defaultNodeConfig('unit'), meta: { token: 'meta-SECRET' } },
  };
  return { ...manifest, nodes: { ...manifest.nodes, [unitTest.uniqueId]: unitTest } };
}

const meta = {
  invocationId: 'inv-1',
  generatedAt: new Date('2024-05-01T10:00:00.000Z'),
  adapterType: 'duckdb',
  version: '0.1.0',
  compiled: new Map([['model.shop.fact_orders', { compiledCode: 'select 1', compiledPath: 'target/compiled/shop/models/fact_orders.sql' }]]),
};

type ManifestJson = {
  metadata: Record<string, unknown>;
  nodes: Record<string, Record<string, unknown> & { config: Record<string, unknown> }>;
  sources: Record<string, Record<string, unknown>>;
  macros: Record<string, Record<string, unknown>>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
};

describe('buildManifestJson', () => {
  const json = buildManifestJson(sampleManifest(), meta) as ManifestJson;

  it('validates against the manifest schema', () => {
    expect(validateJsonSchema(schema, json)).toEqual([]);
  });

  it('writes dbt metadata', () => {
    expect(json.metadata).toMatchObject({
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      dbt_version: '0.1.0',
      generated_at: '2024-05-01T10:00:00.000Z',
      invocation_id: 'inv-1',
      env: {},
      project_name: 'shop',
      adapter_type: 'duckdb',
    });
  });

  it('keys nodes, sources and macros by unique id', () => {
    expect(Object.keys(json.nodes)).toEqual([
      'model.shop.fact_orders',
      'model.shop.int_orders',
      'model.shop.stg_orders',
      'test.shop.unique_stg_orders_order_id',
    ]);
    expect(Object.keys(json.sources)).toEqual(['source.shop.raw.orders']);
    expect(json.macros['macro.shop.cents_to_dollars']).toMatchObject({ arguments: [{ name: 'column', type: null, description: '' }] });
  });

  it('builds parent_map and child_map over nodes and sources', () => {
    const all = ['model.shop.fact_orders', 'model.shop.int_orders', 'model.shop.stg_orders', 'source.shop.raw.orders', 'test.shop.unique_stg_orders_order_id'];
    expect(Object.keys(json.parent_map)).toEqual(all);
    expect(Object.keys(json.child_map)).toEqual(all);
    expect(json.parent_map['model.shop.stg_orders']).toEqual(['source.shop.raw.orders']);
    expect(json.parent_map['source.shop.raw.orders']).toEqual([]);
    expect(json.child_map['model.shop.stg_orders']).toEqual(['model.shop.fact_orders', 'model.shop.int_orders', 'test.shop.unique_stg_orders_order_id']);
    expect(json.child_map['source.shop.raw.orders']).toEqual(['model.shop.stg_orders']);
    expect(json.child_map['model.shop.fact_orders']).toEqual([]);
  });

  it('writes node fields the way dbt does', () => {
    const stg = json.nodes['model.shop.stg_orders'];
    expect(stg).toMatchObject({
      checksum: { name: 'sha256', checksum: 'sum-stg_orders' },
      alias: 'stg_orders',
      relation_name: '"warehouse"."analytics"."stg_orders"',
      refs: [],
      sources: [['raw', 'orders']],
      depends_on: { nodes: ['source.shop.raw.orders'], macros: ['macro.shop.cents_to_dollars'] },
      patch_path: 'shop://models/schema.yml',
      compiled: false,
      compiled_code: null,
      columns: { order_id: { name: 'order_id', description: 'Primary key', data_type: 'integer', meta: {}, tags: ['pk'], constraints: [], quote: null } },
    });
    expect(stg.config['pre-hook']).toEqual([{ sql: 'select 1', transaction: true, index: 0 }]);
    expect(stg.config['post-hook']).toEqual([{ sql: 'grant select on {{ this }} to reporter', transaction: false, index: 0 }]);
    expect(json.nodes['model.shop.fact_orders']).toMatchObject({
      compiled: true,
      compiled_code: 'select 1',
      compiled_path: 'target/compiled/shop/models/fact_orders.sql',
      refs: [{ name: 'stg_orders', package: null, version: null }],
    });
    expect(json.nodes['model.shop.int_orders'].relation_name).toBeNull();
  });

  it('writes test metadata for generic tests', () => {
    expect(json.nodes['test.shop.unique_stg_orders_order_id']).toMatchObject({
      relation_name: null,
      column_name: 'order_id',
      attached_node: 'model.shop.stg_orders',
      test_metadata: { name: 'unique', kwargs: { column_name: 'order_id' }, namespace: null },
      config: { severity: 'ERROR', materialized: 'test' },
    });
  });

  it('writes source freshness with nulls for unset thresholds', () => {
    expect(json.sources['source.shop.raw.orders']).toMatchObject({
      source_name: 'raw',
      identifier: 'orders',
      loaded_at_field: '_loaded_at',
      relation_name: '"warehouse"."raw"."orders"',
      freshness: { warn_after: { count: 12, period: 'hour' }, error_after: { count: null, period: null }, filter: 'true' },
    });
  });

  it('uses the adapter relation renderer when given', () => {
    const rendered = buildManifestJson(sampleManifest(), { ...meta, renderRelation: (r) => `${r.schema}.${r.identifier}` }) as ManifestJson;
    expect(rendered.nodes['model.shop.stg_orders'].relation_name).toBe('analytics.stg_orders');
  });

  it('puts unit tests in unit_tests and disabled nodes in disabled lists', () => {
    const full = buildManifestJson(withUnitTest(sampleManifest()), meta) as ManifestJson & {
      unit_tests: Record<string, Record<string, unknown>>;
      disabled: Record<string, Record<string, unknown>[]>;
    };
    expect(validateJsonSchema(schema, full)).toEqual([]);
    expect(Object.keys(full.unit_tests)).toEqual(['unit_test.shop.fact_orders.test_fact_orders_totals']);
    expect(full.nodes['unit_test.shop.fact_orders.test_fact_orders_totals']).toBeUndefined();
    expect(full.unit_tests['unit_test.shop.fact_orders.test_fact_orders_totals']).toMatchObject({ model: 'fact_orders', relation_name: null });
    expect(full.parent_map['unit_test.shop.fact_orders.test_fact_orders_totals']).toEqual(['model.shop.fact_orders']);
    expect(full.disabled['model.shop.old_orders'].map((node) => [node.unique_id, (node.config as Record<string, unknown>).enabled])).toEqual([
      ['model.shop.old_orders', false],
    ]);
    expect(JSON.stringify(full)).not.toContain('meta-SECRET');
  });

  it('never writes a secret found in a node config', () => {
    const text = JSON.stringify(json);
    expect(text).not.toContain('hunter2-in-config');
    expect(json.nodes['model.shop.fact_orders'].config.password).toBe('**********');
  });
});

describe('readManifestSnapshot', () => {
  it('reads back checksums, configs, macros and relations from a written manifest', () => {
    const written = JSON.parse(JSON.stringify(buildManifestJson(sampleManifest(), meta))) as unknown;
    const snapshot = readManifestSnapshot(written);
    expect(snapshot.projectName).toBe('shop');
    expect(snapshot.nodes.get('model.shop.fact_orders')).toMatchObject({
      resourceType: 'model',
      checksum: 'sum-fact_orders',
      macros: ['macro.shop.cents_to_dollars'],
      database: 'warehouse',
      schema: 'analytics',
      alias: 'fact_orders',
      relationName: '"warehouse"."analytics"."fact_orders"',
    });
    expect(snapshot.nodes.get('model.shop.fact_orders')?.config.materialized).toBe('table');
    // sha256 of the macro's SQL text.
    expect(snapshot.macros.get('macro.shop.cents_to_dollars')?.checksum).toBe(
      '13656990735de93146807f79566e6e140426c7203e32bac7dd5dda748a00855d',
    );
  });

  it('names what is missing when the value is not a manifest', () => {
    expect(() => readManifestSnapshot({ metadata: {} })).toThrow('The state manifest is not a valid manifest.json: "nodes" is missing');
    expect(() => readManifestSnapshot({ nodes: { 'model.a.b': { resource_type: 'model' } } })).toThrow(
      'nodes["model.a.b"].checksum.checksum is missing',
    );
  });
});
