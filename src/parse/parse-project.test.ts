import { afterEach, describe, expect, it } from 'vitest';
import { duckdbDialect } from '../adapters/dialect.js';
import { ProjectCompiler } from '../compile/project-compiler.js';
import { loadProject } from '../load/load-project.js';
import { makeProject, removeProject } from '../testing/make-project.js';
import { parseProject } from './parse-project.js';
import type { Manifest } from './manifest.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

async function parse(files: Record<string, string>): Promise<Manifest> {
  const dir = await makeProject({ 'project.yml': 'name: shop\nprofile: shop\n', ...files });
  dirs.push(dir);
  const raw = await loadProject(dir, { env: {} });
  const compiler = new ProjectCompiler(duckdbDialect, {
    target: { name: 'dev', type: 'duckdb', schema: 'analytics', database: 'dev', threads: 1, profile_name: 'shop' },
    vars: raw.config.vars,
    env: {},
    runStartedAt: new Date('2026-01-01T00:00:00Z'),
    invocationId: 'test',
    projectName: 'shop',
  });
  return parseProject(raw, compiler);
}

describe('parse', () => {
  it('applies config precedence: config() > YAML properties > folder config > defaults', async () => {
    const manifest = await parse({
      'project.yml': [
        'name: shop',
        'profile: shop',
        'models:',
        '  +tags: [all]',
        '  shop:',
        '    marts:',
        '      +materialized: table',
        '      +schema: marts',
        '      +tags: [marts]',
        '      unique_key: folder_key',
      ].join('\n'),
      'models/marts/a.sql': "{{ config(materialized='incremental', tags=['from_file']) }}\nselect 1 as id",
      'models/marts/b.sql': 'select 1 as id',
      'models/marts/c.sql': 'select 1 as id',
      'models/other/d.sql': 'select 1 as id',
      'models/marts/props.yml': 'version: 2\nmodels:\n  - name: b\n    config:\n      materialized: view\n      unique_key: yaml_key\n',
    });
    const config = (name: string) => manifest.nodes[`model.shop.${name}`].config;
    expect(config('a').materialized).toBe('incremental');
    expect(config('a').tags).toEqual(['all', 'marts', 'from_file']);
    expect(config('b').materialized).toBe('view');
    expect(config('b').unique_key).toBe('yaml_key');
    expect(config('c').materialized).toBe('table');
    expect(config('c').unique_key).toBe('folder_key');
    expect(config('d').materialized).toBe('view');
    expect(config('d').tags).toEqual(['all']);
    expect(manifest.nodes['model.shop.c'].relation).toEqual({ database: 'dev', schema: 'analytics_marts', identifier: 'c' });
    expect(manifest.nodes['model.shop.d'].relation).toEqual({ database: 'dev', schema: 'analytics', identifier: 'd' });
  });

  it('records refs, sources, fqn, aliases and dependencies', async () => {
    const manifest = await parse({
      'models/staging/stg_orders.sql': "{{ config(alias='orders_clean') }}\nselect * from {{ source('raw', 'orders') }}",
      'models/marts/fct.sql': "select * from {{ ref('stg_orders') }} join {{ ref('shop', 'dim') }} using (id)",
      'models/marts/dim.sql': 'select 1 as id',
      'models/sources.yml': 'version: 2\nsources:\n  - name: raw\n    schema: landing\n    tables:\n      - name: orders\n        identifier: orders_v2\n        loaded_at_field: _loaded_at\n        freshness:\n          warn_after: {count: 12, period: hour}\n',
    });
    const fct = manifest.nodes['model.shop.fct'];
    expect(fct.fqn).toEqual(['shop', 'marts', 'fct']);
    expect([...fct.dependsOn.nodes].sort()).toEqual(['model.shop.dim', 'model.shop.stg_orders']);
    expect(manifest.nodes['model.shop.stg_orders'].dependsOn.nodes).toEqual(['source.shop.raw.orders']);
    expect(manifest.nodes['model.shop.stg_orders'].relation.identifier).toBe('orders_clean');
    const source = manifest.sources['source.shop.raw.orders'];
    expect(source.relation).toEqual({ database: 'dev', schema: 'landing', identifier: 'orders_v2' });
    expect(source.freshness).toEqual({ warnAfter: { count: 12, period: 'hour' }, errorAfter: undefined, filter: undefined });
  });

  it('turns YAML tests into named test nodes attached to their model', async () => {
    const manifest = await parse({
      'models/orders.sql': 'select 1 as order_id, 1 as customer_id',
      'models/customers.sql': 'select 1 as id',
      'models/schema.yml': [
        'version: 2',
        'models:',
        '  - name: orders',
        '    description: "{{ doc(\'orders_doc\') }}"',
        '    columns:',
        '      - name: order_id',
        '        data_tests: [unique, not_null]',
        '      - name: customer_id',
        '        tests:',
        '          - relationships:',
        "              arguments: {to: ref('customers'), field: id}",
        '              config: {severity: warn}',
      ].join('\n'),
      'models/docs.md': '{% docs orders_doc %}\nOne row per **order**.\n{% enddocs %}\n',
    });
    const tests = Object.values(manifest.nodes).filter((node) => node.resourceType === 'test').map((node) => node.name).sort();
    expect(tests).toEqual(['not_null_orders_order_id', 'relationships_orders_customer_id__id__ref_customers_', 'unique_orders_order_id']);
    const relationships = manifest.nodes['test.shop.relationships_orders_customer_id__id__ref_customers_'];
    expect(relationships.config.severity).toBe('WARN');
    expect([...relationships.dependsOn.nodes].sort()).toEqual(['model.shop.customers', 'model.shop.orders']);
    expect(relationships.resourceType === 'test' && relationships.attachedNode).toBe('model.shop.orders');
    expect(manifest.nodes['model.shop.orders'].description).toBe('One row per **order**.');
  });

  it('keeps disabled nodes out of the graph', async () => {
    const manifest = await parse({
      'project.yml': 'name: shop\nprofile: shop\nmodels:\n  shop:\n    legacy:\n      +enabled: false\n',
      'models/legacy/old.sql': 'select 1',
      'models/new.sql': 'select 1',
    });
    expect(Object.keys(manifest.nodes)).toEqual(['model.shop.new']);
    expect(Object.keys(manifest.disabled)).toEqual(['model.shop.old']);
  });

  it('renders var() from project vars and captures config set inside macros', async () => {
    const manifest = await parse({
      'project.yml': "name: shop\nprofile: shop\nvars:\n  grain: day\n",
      'macros/materialize.sql': "{% macro as_table() %}{{ config(materialized='table') }}{% endmacro %}",
      'models/a.sql': "{{ as_table() }}\nselect '{{ var('grain') }}' as grain",
    });
    expect(manifest.nodes['model.shop.a'].config.materialized).toBe('table');
    expect(manifest.macros['macro.shop.as_table'].originalFilePath).toBe('macros/materialize.sql');
  });
});
