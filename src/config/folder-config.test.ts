import { describe, expect, it } from 'vitest';
import { TsdbtErrors } from '../errors/tsdbt-error.js';
import { loadYaml } from '../load/load-yaml.js';
import { resolveFolderConfig } from './folder-config.js';
import { parseProjectConfig } from './project-config.js';

const project = (text: string) => parseProjectConfig(loadYaml(text, { file: 'project.yml', env: {} })).config;

const shop = project(`
name: shop
models:
  +persist_docs: {relation: true}
  +tags: everywhere
  shop:
    +materialized: view
    pre_hook: "select 'project'"
    staging:
      schema: staging
      +tags: [staging]
    marts:
      materialized: table
      +tags: [marts, everywhere]
      +meta: {owner: finance}
      finance:
        +materialized: incremental
        +meta: {pii: true}
        +pre-hook: ["select 'finance'"]
        fact_orders:
          +alias: orders
seeds:
  shop:
    +column_types: {id: varchar}
    +quote_columns: false
`);

describe('resolveFolderConfig', () => {
  it('applies levels from the project down to the deepest folder', () => {
    expect(resolveFolderConfig(shop, 'models', ['shop', 'marts', 'finance', 'fact_orders'])).toEqual({
      persist_docs: { relation: true },
      tags: ['everywhere', 'marts'],
      materialized: 'incremental',
      'pre-hook': [
        { sql: "select 'project'", transaction: true },
        { sql: "select 'finance'", transaction: true },
      ],
      meta: { owner: 'finance', pii: true },
      alias: 'orders',
    });
  });

  it('reads configs written with and without `+`', () => {
    const staging = resolveFolderConfig(shop, 'models', ['shop', 'staging', 'stg_orders']);
    expect(staging.schema).toBe('staging');
    expect(staging.materialized).toBe('view');
    expect(staging.tags).toEqual(['everywhere', 'staging']);
  });

  it('stops at folders that have no config and ignores other packages', () => {
    expect(resolveFolderConfig(shop, 'models', ['shop', 'other', 'x']).materialized).toBe('view');
    expect(resolveFolderConfig(shop, 'models', ['dbt_utils', 'x'])).toEqual({
      persist_docs: { relation: true },
      tags: ['everywhere'],
    });
  });

  it('works for other resource types and empty trees', () => {
    expect(resolveFolderConfig(shop, 'seeds', ['shop', 'countries'])).toEqual({
      column_types: { id: 'varchar' },
      quote_columns: false,
    });
    expect(resolveFolderConfig(shop, 'snapshots', ['shop', 's'])).toEqual({});
  });

  it('throws for an unknown `+key` met while resolving', () => {
    const unchecked = { ...shop, models: { shop: { '+materialised': 'table' } } };
    expect(() => resolveFolderConfig(unchecked, 'models', ['shop', 'a'])).toThrow(
      expect.objectContaining({ kind: 'config', message: 'models.shop: unknown config `+materialised`' }),
    );
  });
});

describe('folder config validation in the project file', () => {
  it('reports unknown `+keys` and misspelt configs at their place with a hint', () => {
    let caught: unknown;
    try {
      project(['name: shop', 'models:', '  shop:', '    +materialised: table', '    marts:', '      materialise: table', ''].join('\n'));
    } catch (error) {
      caught = error;
    }
    const errors = (caught as TsdbtErrors).errors;
    expect(errors.map((e) => [e.location, e.message, e.hint])).toEqual([
      ['project.yml:4:5', 'models.shop: unknown config `+materialised`', 'did you mean `+materialized`?'],
      [
        'project.yml:6:7',
        'models.shop.marts.materialise: `materialise` is neither a known config nor a folder (folder entries must be mappings)',
        'did you mean `+materialized`?',
      ],
    ]);
  });

  it('checks config values such as tags and hooks', () => {
    expect(() => project('name: shop\nmodels:\n  +tags: [1]\n')).toThrow('models.+tags: tags must be strings, got 1');
  });
});
