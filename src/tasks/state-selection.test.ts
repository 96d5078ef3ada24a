/**
 * Slim CI through the real command line: build, keep target/ as the state, change one thing,
 * and `tsdbt ls -s state:modified+ --state <dir>` names exactly what has to be rebuilt.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

const SCHEMA_YML = `version: 2
models:
  - name: orders
    columns:
      - name: order_id
        tests: [not_null]
  - name: customers
    config:
      contract: {enforced: true}
    columns:
      - name: customer_id
        data_type: integer
      - name: name
        data_type: varchar
`;

/** A small shop: a macro, a contract, a data test and a fan-in mart. */
const FILES: Readonly<Record<string, string>> = {
  'macros/cents.sql': '{% macro cents_to_dollars(column) %}({{ column }} / 100.0){% endmacro %}\n',
  'models/stg_orders.sql': 'select * from (values (1, 10, 1000), (2, 10, 2550), (3, 20, 199)) as t(order_id, customer_id, amount_cents)\n',
  'models/orders.sql': "{{ config(materialized='table') }}\nselect order_id, customer_id, {{ cents_to_dollars('amount_cents') }} as amount\nfrom {{ ref('stg_orders') }}\n",
  'models/customers.sql': "select * from (values (10, 'Ada'), (20, 'Grace')) as t(customer_id, name)\n",
  'models/customer_revenue.sql': "{{ config(materialized='table') }}\nselect c.name, sum(o.amount) as revenue\nfrom {{ ref('customers') }} c join {{ ref('orders') }} o using (customer_id)\ngroup by c.name\n",
  'models/schema.yml': SCHEMA_YML,
};

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeProject(dir);
});

/** Copies the run's artifacts (not the database) to `<dir>/<name>`, as CI would upload them. */
async function keepState(dir: string, name = 'prod-state'): Promise<string> {
  const stateDir = join(dir, name);
  await mkdir(stateDir, { recursive: true });
  for (const file of ['manifest.json', 'run_results.json']) await copyFile(join(dir, 'target', file), join(stateDir, file));
  return stateDir;
}

async function ls(dir: string, selector: string, extra: readonly string[] = []): Promise<string[]> {
  const run = await runCli(['ls', '-s', selector, '--state', 'prod-state', '--output', 'name', ...extra], { cwd: dir });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout.split('\n').filter((line) => line !== '').sort();
}

async function edit(dir: string, file: string, change: (text: string) => string): Promise<() => Promise<void>> {
  const path = join(dir, file);
  const before = await readFile(path, 'utf8');
  await writeFile(path, change(before));
  return () => writeFile(path, before);
}

describe('state:modified through the CLI', () => {
  let dir: string;

  beforeAll(async () => {
    // A folder-level hook: unchanged, it must not look modified although manifest.json writes hooks with an index.
    ({ dir } = await makeDuckDbProject(FILES, { projectYml: 'name: shop\nprofile: shop\nmodels:\n  shop:\n    +pre-hook: "select 1"\n' }));
    dirs.push(dir);
    const build = await runCli(['build'], { cwd: dir });
    expect(build.stdout).toMatch(/PASS=5 WARN=0 ERROR=0 SKIP=0/);
    await keepState(dir);
  });

  it('selects nothing when nothing changed', async () => {
    expect(await ls(dir, 'state:modified')).toEqual([]);
    expect(await ls(dir, 'state:new')).toEqual([]);
    expect(await ls(dir, 'state:unmodified', ['--resource-type', 'model'])).toEqual(['customer_revenue', 'customers', 'orders', 'stg_orders']);
  });

  it('a changed body selects that model and, with +, its children and their tests', async () => {
    const restore = await edit(dir, 'models/stg_orders.sql', (sql) => sql.replace('199', '299'));
    try {
      expect(await ls(dir, 'state:modified')).toEqual(['stg_orders']);
      expect(await ls(dir, 'state:modified.body')).toEqual(['stg_orders']);
      expect(await ls(dir, 'state:modified.configs')).toEqual([]);
      expect(await ls(dir, 'state:modified+')).toEqual(['customer_revenue', 'not_null_orders_order_id', 'orders', 'stg_orders']);
    } finally {
      await restore();
    }
  });

  it('a changed config selects only that model, as modified.configs and not as modified.body', async () => {
    // A config() call would change the body too; a config-only change comes from YAML.
    const restoreYml = await edit(dir, 'models/schema.yml', (yml) => yml.replace('  - name: customers\n    config:\n', "  - name: customers\n    config:\n      tags: ['pii']\n"));
    try {
      expect(await ls(dir, 'state:modified')).toEqual(['customers']);
      expect(await ls(dir, 'state:modified.configs')).toEqual(['customers']);
      expect(await ls(dir, 'state:modified.body')).toEqual([]);
      expect(await ls(dir, 'state:modified+')).toEqual(['customer_revenue', 'customers']);
    } finally {
      await restoreYml();
    }
  });

  it('a changed hook is a config change of every model it applies to', async () => {
    const restoreProject = await edit(dir, 'project.yml', (yml) => yml.replace('select 1', 'select 2'));
    try {
      expect(await ls(dir, 'state:modified', ['--resource-type', 'model'])).toEqual(['customer_revenue', 'customers', 'orders', 'stg_orders']);
      expect(await ls(dir, 'state:modified.body')).toEqual([]);
    } finally {
      await restoreProject();
    }
  });

  it('a changed macro selects the models that call it', async () => {
    const restore = await edit(dir, 'macros/cents.sql', (sql) => sql.replace('100.0', '100.00'));
    try {
      // Tests on a selected model come along (dbt's eager indirect selection).
      expect(await ls(dir, 'state:modified')).toEqual(['not_null_orders_order_id', 'orders']);
      expect(await ls(dir, 'state:modified.macros', ['--resource-type', 'model'])).toEqual(['orders']);
      expect(await ls(dir, 'state:modified+')).toEqual(['customer_revenue', 'not_null_orders_order_id', 'orders']);
    } finally {
      await restore();
    }
  });

  it('a changed contract selects that model, and a changed description does not', async () => {
    const restore = await edit(dir, 'models/schema.yml', (yml) => yml.replace('data_type: varchar', 'data_type: text'));
    try {
      expect(await ls(dir, 'state:modified')).toEqual(['customers']);
      expect(await ls(dir, 'state:modified.contract')).toEqual(['customers']);
    } finally {
      await restore();
    }
    const restoreDescription = await edit(dir, 'models/schema.yml', (yml) => yml.replace('      - name: name\n', '      - name: name\n        description: Full name\n'));
    try {
      expect(await ls(dir, 'state:modified')).toEqual([]);
    } finally {
      await restoreDescription();
    }
  });

  it('a new model is state:new and state:modified', async () => {
    await writeFile(join(dir, 'models/big_orders.sql'), "select * from {{ ref('orders') }} where amount > 20\n");
    try {
      expect(await ls(dir, 'state:new')).toEqual(['big_orders']);
      expect(await ls(dir, 'state:modified+')).toEqual(['big_orders']);
    } finally {
      await rm(join(dir, 'models/big_orders.sql'));
    }
  });

  it('reads a manifest written by dbt: body checksums match, dbt config defaults do not count as changes', async () => {
    const stateDir = join(dir, 'dbt-state');
    await mkdir(stateDir, { recursive: true });
    await writeFile(join(stateDir, 'manifest.json'), JSON.stringify(await dbtStyleManifest(dir)));
    const restore = await edit(dir, 'models/stg_orders.sql', (sql) => sql.replace('199', '299'));
    try {
      const run = await runCli(['ls', '-s', 'state:modified', '--state', 'dbt-state', '--output', 'name', '--resource-type', 'model'], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stdout.trim().split('\n')).toEqual(['stg_orders']);
    } finally {
      await restore();
    }
  });
});

/**
 * A manifest as dbt-core 1.9 writes it for the project's models: sha256 of the file as read,
 * every `NodeConfig` default spelled out, hooks with `index`, unset sub-options as null.
 */
async function dbtStyleManifest(dir: string): Promise<unknown> {
  const nodes: Record<string, unknown> = {};
  const models: Record<string, { materialized: string; contract?: boolean; macros: string[] }> = {
    stg_orders: { materialized: 'view', macros: [] },
    orders: { materialized: 'table', macros: ['macro.shop.cents_to_dollars'] },
    customers: { materialized: 'view', contract: true, macros: [] },
    customer_revenue: { materialized: 'table', macros: [] },
  };
  for (const [name, model] of Object.entries(models)) {
    const file = await readFile(join(dir, 'models', `${name}.sql`), 'utf8');
    nodes[`model.shop.${name}`] = {
      resource_type: 'model',
      name,
      database: 'dev',
      schema: 'main',
      alias: name,
      checksum: { name: 'sha256', checksum: createHash('sha256').update(file).digest('hex') },
      config: {
        enabled: true, alias: null, schema: null, database: null, tags: [], meta: {}, group: null,
        materialized: model.materialized, incremental_strategy: null, batch_size: null, lookback: 1, begin: null,
        persist_docs: {}, 'post-hook': [], 'pre-hook': [{ sql: 'select 1', transaction: true, index: 0 }], quoting: {}, column_types: {}, full_refresh: null,
        unique_key: null, on_schema_change: 'ignore', on_configuration_change: 'apply', grants: {}, packages: [],
        docs: { show: true, node_color: null }, contract: { enforced: model.contract === true, alias_types: true },
        event_time: null, concurrent_batches: null, access: 'protected',
      },
      columns: model.contract
        ? {
            customer_id: { name: 'customer_id', data_type: 'integer', description: '', meta: {}, constraints: [], quote: null, tags: [] },
            name: { name: 'name', data_type: 'varchar', description: '', meta: {}, constraints: [], quote: null, tags: [] },
          }
        : {},
      depends_on: { macros: model.macros, nodes: [] },
    };
  }
  const macroSql = await readFile(join(dir, 'macros/cents.sql'), 'utf8');
  return {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.9.4', project_name: 'shop' },
    nodes,
    macros: { 'macro.shop.cents_to_dollars': { name: 'cents_to_dollars', macro_sql: macroSql.trimEnd() } },
  };
}

describe('result: selectors and tsdbt retry', () => {
  it('selects the failed model and failing test of a previous build, and retry re-runs only failed and skipped nodes', async () => {
    const { dir, dbPath } = await makeDuckDbProject({
      'models/good.sql': "{{ config(materialized='table') }}\nselect 1 as id",
      'models/broken.sql': "{{ config(materialized='table') }}\nselect missing_column from (select 1 as id)",
      'models/after_broken.sql': "{{ config(materialized='table') }}\nselect * from {{ ref('broken') }}",
      'models/dupes.sql': "{{ config(materialized='table') }}\nselect * from (values (1), (1)) as t(id)",
      'models/after_dupes.sql': "{{ config(materialized='table') }}\nselect count(*) as n from {{ ref('dupes') }}",
      'models/schema.yml': 'version: 2\nmodels:\n  - name: dupes\n    columns:\n      - name: id\n        tests: [unique]\n',
    });
    dirs.push(dir);
    const build = await runCli(['build'], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stdout).toMatch(/PASS=2 WARN=0 ERROR=2 SKIP=2/);
    await keepState(dir);
    expect(await ls(dir, 'result:error')).toEqual(['broken']);
    expect(await ls(dir, 'result:fail')).toEqual(['unique_dupes_id']);
    expect(await ls(dir, 'result:skipped')).toEqual(['after_broken', 'after_dupes']);
    // The failing test comes back with its model through eager indirect selection.
    expect(await ls(dir, 'result:success')).toEqual(['dupes', 'good', 'unique_dupes_id']);
    expect(await ls(dir, 'result:error+')).toEqual(['after_broken', 'broken']);

    // Fix the model and the data; retry must not rebuild `good` or `dupes` (their rows would change).
    await writeFile(join(dir, 'models/good.sql'), "{{ config(materialized='table') }}\nselect 2 as id");
    await writeFile(join(dir, 'models/broken.sql'), "{{ config(materialized='table') }}\nselect 7 as id");
    await writeFile(join(dir, 'models/dupes.sql'), "{{ config(materialized='table') }}\nselect 3 as id");
    await queryDuckDb(dbPath, 'create or replace table main.dupes as select * from (values (1), (2)) as t(id)');
    const retry = await runCli(['retry'], { cwd: dir });
    expect(retry.stdout).toMatch(/PASS=4 WARN=0 ERROR=0 SKIP=0/);
    expect(retry.code).toBe(0);
    const retried = JSON.parse(await readFile(join(dir, 'target/run_results.json'), 'utf8')) as { results: { unique_id: string; status: string }[] };
    expect(retried.results.map((result) => `${result.unique_id}=${result.status}`).sort()).toEqual([
      'model.shop.after_broken=success',
      'model.shop.after_dupes=success',
      'model.shop.broken=success',
      'test.shop.unique_dupes_id=pass',
    ]);
    expect(await queryDuckDb(dbPath, 'select (select id from main.good) as good, (select id from main.after_broken) as fixed, (select n from main.after_dupes) as n')).toEqual([
      { good: 1, fixed: 7, n: 2 },
    ]);
  });
});
