/**
 * What a CI job uploads after `tsdbt build`: manifest.json, run_results.json (dbt schemas,
 * dbt ids, the lineage maps, no secrets), JSON log lines and a JUnit file, and the
 * catalog.json of `tsdbt docs generate` with DuckDB's real column types.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli, type CliRun } from '../testing/run-cli.js';
import { validateJsonSchema, type JsonSchema } from '../artifacts/validate-json-schema.js';

/**
 * The secrets of this project, the way CI passes them: a database password in `--vars`
 * (used by an on-run-start hook) and an API token from the environment (kept in a model's
 * meta). Neither may reach an artifact a CI job uploads.
 */
const VARS_PASSWORD = 's3cret-from-vars-4711';
const ENV_TOKEN = 'tok-from-env-0815';

const FILES: Readonly<Record<string, string>> = {
  'project.yml': [
    'name: shop',
    'profile: shop',
    "on-run-start: [\"set variable warehouse_password = '{{ var(\\\"password\\\") }}'\"]",
    '',
  ].join('\n'),
  'models/stg_orders.sql': "select * from (values (1, 10, 10.5, date '2026-01-01'), (2, 10, 20.25, date '2026-01-02'), (3, 20, 5.0, date '2026-01-02')) as t(order_id, customer_id, amount, ordered_on)\n",
  'models/orders.sql': "{{ config(materialized='table', meta={'owner': 'finance', 'token': env_var('SHOP_API_TOKEN')}) }}\nselect order_id, customer_id, cast(amount as decimal(10, 2)) as amount, ordered_on\nfrom {{ ref('stg_orders') }}\n",
  'models/customers.sql': "{{ config(materialized='table') }}\nselect * from (values (10, 'Ada'), (20, 'Grace'), (20, 'Grace again')) as t(customer_id, name)\n",
  'models/customer_revenue.sql': "select c.name, sum(o.amount) as revenue, count(*) as orders\nfrom {{ ref('customers') }} c join {{ ref('orders') }} o using (customer_id)\ngroup by c.name\n",
  'models/schema.yml': [
    'version: 2',
    'models:',
    '  - name: orders',
    '    columns:',
    '      - name: order_id',
    '        tests: [unique, not_null]',
    '  - name: customers',
    '    columns:',
    '      - name: customer_id',
    '        tests: [unique]',
    '',
  ].join('\n'),
};

const ENV = { SHOP_API_TOKEN: ENV_TOKEN };
const SCHEMAS = fileURLToPath(new URL('../artifacts/schemas/', import.meta.url));

let dir: string;
let build: CliRun;

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

async function schema(name: string): Promise<JsonSchema> {
  return (await readJson(join(SCHEMAS, name))) as JsonSchema;
}

beforeAll(async () => {
  ({ dir } = await makeDuckDbProject(FILES));
  build = await runCli(['build', '--vars', `{password: ${VARS_PASSWORD}}`, '--log-format', 'json', '--junit-xml', 'target/junit.xml'], { cwd: dir, env: ENV });
});

afterAll(async () => {
  if (dir) await removeProject(dir);
});

const MODELS = ['model.shop.customer_revenue', 'model.shop.customers', 'model.shop.orders', 'model.shop.stg_orders'];
const TESTS = ['test.shop.not_null_orders_order_id', 'test.shop.unique_customers_customer_id', 'test.shop.unique_orders_order_id'];

/** The statuses of this build: the duplicate customer fails its test, which skips the mart. */
const STATUSES: Readonly<Record<string, string>> = {
  'model.shop.customer_revenue': 'skipped',
  'model.shop.customers': 'success',
  'model.shop.orders': 'success',
  'model.shop.stg_orders': 'success',
  'test.shop.not_null_orders_order_id': 'pass',
  'test.shop.unique_customers_customer_id': 'fail',
  'test.shop.unique_orders_order_id': 'pass',
};

function expectNoSecret(text: string, what: string): void {
  expect(text.includes(VARS_PASSWORD), `${what} contains the --vars password`).toBe(false);
  expect(text.includes(ENV_TOKEN), `${what} contains the env_var token`).toBe(false);
}

describe('artifacts of tsdbt build', () => {
  it('exits 1 for the failing test and still writes every artifact', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(1);
  });

  it('manifest.json validates against the manifest v12 schema, with dbt ids and the lineage maps', async () => {
    const manifest = await readJson(join(dir, 'target/manifest.json'));
    expect(validateJsonSchema(await schema('manifest.json'), manifest)).toEqual([]);
    expect(Object.keys(manifest.nodes as object).sort()).toEqual([...MODELS, ...TESTS]);
    expect(manifest.parent_map).toEqual({
      'model.shop.customer_revenue': ['model.shop.customers', 'model.shop.orders'],
      'model.shop.customers': [],
      'model.shop.orders': ['model.shop.stg_orders'],
      'model.shop.stg_orders': [],
      'test.shop.not_null_orders_order_id': ['model.shop.orders'],
      'test.shop.unique_customers_customer_id': ['model.shop.customers'],
      'test.shop.unique_orders_order_id': ['model.shop.orders'],
    });
    expect(manifest.child_map).toEqual({
      'model.shop.customer_revenue': [],
      'model.shop.customers': ['model.shop.customer_revenue', 'test.shop.unique_customers_customer_id'],
      'model.shop.orders': ['model.shop.customer_revenue', 'test.shop.not_null_orders_order_id', 'test.shop.unique_orders_order_id'],
      'model.shop.stg_orders': ['model.shop.orders'],
      'test.shop.not_null_orders_order_id': [],
      'test.shop.unique_customers_customer_id': [],
      'test.shop.unique_orders_order_id': [],
    });
    const orders = (manifest.nodes as Record<string, Record<string, unknown>>)['model.shop.orders'];
    expect(orders.relation_name).toBe('"dev"."main"."orders"');
    // The token reached the config (so it was really there to leak) and was masked on the way out.
    expect(orders.meta).toEqual({ owner: 'finance', token: '**********' });
    expect((orders.config as { meta: unknown }).meta).toEqual({ owner: 'finance', token: '**********' });
  });

  it('run_results.json validates against the run_results v6 schema and records every status', async () => {
    const runResults = await readJson(join(dir, 'target/run_results.json'));
    expect(validateJsonSchema(await schema('run-results.json'), runResults)).toEqual([]);
    const results = runResults.results as { unique_id: string; status: string; failures: number | null }[];
    expect(Object.fromEntries(results.map((result) => [result.unique_id, result.status]))).toEqual(STATUSES);
    expect(results.find((result) => result.unique_id === 'test.shop.unique_customers_customer_id')?.failures).toBe(1);
    expect((runResults.args as { which: string }).which).toBe('build');
  });

  it('no artifact, log line or report holds a secret', async () => {
    for (const file of ['manifest.json', 'run_results.json', 'junit.xml']) expectNoSecret(await readFile(join(dir, 'target', file), 'utf8'), file);
    expectNoSecret(build.stdout, 'the JSON log');
  });

  it('--log-format json prints one JSON object per line, with the artifacts\' invocation id and each node\'s status', async () => {
    const lines = build.stdout.split('\n').filter((line) => line !== '');
    const events = lines.map((line) => JSON.parse(line) as { info: { name: string; invocation_id: string; level: string }; data: Record<string, unknown> });
    for (const event of events) expect(typeof event === 'object' && event !== null && !Array.isArray(event)).toBe(true);
    const runResults = await readJson(join(dir, 'target/run_results.json'));
    const invocationId = (runResults.metadata as { invocation_id: string }).invocation_id;
    expect(new Set(events.map((event) => event.info.invocation_id))).toEqual(new Set([invocationId]));
    const finished = events.filter((event) => event.info.name === 'NodeFinished');
    const statuses = finished.map((event) => {
      const info = event.data.node_info as { unique_id: string; node_status: string };
      return [info.unique_id, info.node_status];
    });
    // Every node finishes exactly once.
    expect(statuses.map(([id]) => id).sort()).toEqual([...MODELS, ...TESTS]);
    expect(Object.fromEntries(statuses)).toEqual(STATUSES);
    expect(finished.find((event) => (event.data.node_info as { unique_id: string }).unique_id === 'test.shop.unique_customers_customer_id')?.info.level).toBe('error');
    expect(events.at(-1)?.info.name).toBe('EndOfRunSummary');
  });

  it('--junit-xml writes a testsuite with the right counts and the failing rows', async () => {
    const xml = await readFile(join(dir, 'target/junit.xml'), 'utf8');
    expect(xml).toMatch(/<testsuite name="tsdbt" tests="7" failures="1" errors="0" skipped="1" /);
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    const failing = /<testcase classname="test\.models\/schema\.yml" name="unique_customers_customer_id"[^>]*>\s*<failure message="Got 1 result, configured to fail if !=0" type="fail">([^<]*)<\/failure>/.exec(xml);
    expect(failing?.[1]).toMatch(/\|\s+20 \|\s+2 \|/);
    expect(xml).toMatch(/<testcase classname="model\.models\/customer_revenue\.sql" name="customer_revenue" [^>]*>\s*<skipped message="skipped because test\.shop\.unique_customers_customer_id failed"\/>/);
  });
});

describe('tsdbt docs generate', () => {
  it('writes catalog.json with the column types DuckDB reports, and a valid manifest', async () => {
    const docs = await runCli(['docs', 'generate'], { cwd: dir, env: ENV });
    expect(docs.stderr).toBe('');
    expect(docs.stdout).toContain('Catalog written with 3 relations.');
    const catalog = await readJson(join(dir, 'target/catalog.json'));
    expect(validateJsonSchema(await schema('catalog.json'), catalog)).toEqual([]);
    const nodes = catalog.nodes as Record<string, { metadata: { type: string; schema: string }; columns: Record<string, { type: string; index: number }> }>;
    // customer_revenue was skipped by the failing test, so there is no relation to describe.
    expect(Object.keys(nodes).sort()).toEqual(['model.shop.customers', 'model.shop.orders', 'model.shop.stg_orders']);
    const typesOf = (id: string) => Object.values(nodes[id].columns).sort((a, b) => a.index - b.index).map((column) => column.type);
    expect(typesOf('model.shop.orders')).toEqual(['INTEGER', 'INTEGER', 'DECIMAL(10,2)', 'DATE']);
    expect(typesOf('model.shop.stg_orders')).toEqual(['INTEGER', 'INTEGER', 'DECIMAL(4,2)', 'DATE']);
    expect(Object.keys(nodes['model.shop.customers'].columns)).toEqual(['customer_id', 'name']);
    expect(nodes['model.shop.orders'].metadata).toMatchObject({ type: 'TABLE', schema: 'main' });
    expect(nodes['model.shop.stg_orders'].metadata.type).toBe('VIEW');
    const manifest = await readJson(join(dir, 'target/manifest.json'));
    expect(validateJsonSchema(await schema('manifest.json'), manifest)).toEqual([]);
    for (const file of ['manifest.json', 'catalog.json']) expectNoSecret(await readFile(join(dir, 'target', file), 'utf8'), file);
  });
});
