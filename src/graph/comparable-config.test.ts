import { describe, expect, it } from 'vitest';
import { configJson } from '../artifacts/manifest-node-json.js';
import { model, seed, test } from '../testing/manifest-factory.js';
import { comparableConfig } from './comparable-config.js';
import { stableHash } from './state.js';

const hashOf = (config: Readonly<Record<string, unknown>>, resourceType: string) => stableHash(comparableConfig(config, resourceType));

describe('comparableConfig', () => {
  it('gives the in-memory config and its manifest.json form the same shape', () => {
    const nodes = [
      model('orders', {
        config: {
          materialized: 'incremental',
          unique_key: 'order_id',
          on_schema_change: 'append_new_columns',
          'post-hook': [{ sql: 'grant select on {{ this }} to reporter', transaction: true }, { sql: 'analyze', transaction: false }],
          meta: { owner: 'finance', token: 'secret-value' },
          contract: { enforced: true },
        },
      }),
      test('not_null_orders_id', { generic: 'not_null', config: { severity: 'warn' } }),
      seed('countries'),
    ];
    for (const node of nodes) {
      expect(comparableConfig(configJson(node), node.resourceType)).toEqual(comparableConfig(node.config, node.resourceType));
    }
    expect(comparableConfig(nodes[0].config, 'model')).toEqual({
      materialized: 'incremental',
      unique_key: 'order_id',
      on_schema_change: 'append_new_columns',
      'post-hook': [
        { sql: 'grant select on {{ this }} to reporter', transaction: true },
        { sql: 'analyze', transaction: false },
      ],
      meta: { owner: 'finance', token: '**********' },
      contract: { enforced: true },
    });
  });

  it("drops the defaults dbt writes, so a dbt manifest's config matches tsdbt's", () => {
    const dbtConfig = {
      enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, group: null, materialized: 'table',
      incremental_strategy: null, batch_size: null, lookback: 1, begin: null, persist_docs: {}, 'post-hook': [], 'pre-hook': [],
      quoting: {}, column_types: {}, full_refresh: null, unique_key: null, on_schema_change: 'ignore', on_configuration_change: 'apply',
      grants: {}, packages: [], docs: { show: true, node_color: null }, contract: { enforced: false, alias_types: true },
      event_time: null, concurrent_batches: null, access: 'protected',
    };
    expect(comparableConfig(dbtConfig, 'model')).toEqual({ materialized: 'table' });
    expect(hashOf(dbtConfig, 'model')).toBe(hashOf(model('a', { config: { materialized: 'table' } }).config, 'model'));
    expect(comparableConfig({ ...dbtConfig, contract: { enforced: true, alias_types: true } }, 'model')).toEqual({ materialized: 'table', contract: { enforced: true } });
  });

  it('accepts hooks as strings and still sees a changed value', () => {
    expect(comparableConfig({ 'pre-hook': 'select 1' }, 'model')).toEqual({ 'pre-hook': [{ sql: 'select 1', transaction: true }] });
    expect(hashOf({ materialized: 'table', tags: ['a'] }, 'model')).not.toBe(hashOf({ materialized: 'table', tags: ['b'] }, 'model'));
    expect(hashOf({ materialized: 'table' }, 'model')).not.toBe(hashOf({ materialized: 'view' }, 'model'));
    // A test's audit schema is a default; a model's schema is not.
    expect(comparableConfig({ schema: 'dbt_test__audit' }, 'test')).toEqual({});
    expect(comparableConfig({ schema: 'dbt_test__audit' }, 'model')).toEqual({ schema: 'dbt_test__audit' });
  });
});
