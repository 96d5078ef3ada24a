/**
 * One row per broken project: the exact first line(s) of what the CLI prints, and its exit code.
 * No stack traces, ever.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';

interface BadInput {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
  /** Files to delete after the project is written (e.g. the default profiles.yml). */
  readonly remove?: readonly string[];
  readonly code: number;
  /** Every pattern must appear in the output. */
  readonly expect: readonly (string | RegExp)[];
}

const PROJECT = 'name: shop\nprofile: shop\n';


const cases: readonly BadInput[] = [
  {
    name: 'YAML syntax error in project.yml',
    files: { 'project.yml': `${PROJECT}models:\n  shop:\n   +materialized: [table\n` },
    code: 2,
    expect: ['project.yml:6:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
  },
  {
    name: 'unknown key in project.yml',
    files: { 'project.yml': `${PROJECT}model_paths: [models]\n` },
    code: 2,
    expect: ['project.yml:3:1 unknown key `model_paths`', 'hint: did you mean `model-paths`?'],
  },
  {
    name: 'misspelt folder config',
    files: { 'project.yml': `${PROJECT}models:\n  shop:\n    +materialised: table\n`, 'models/a.sql': 'select 1' },
    code: 2,
    expect: ['project.yml:5:5 models.shop: unknown config `+materialised`', 'hint: did you mean `+materialized`?'],
  },
  {
    name: 'column tests that are not a list',
    files: { 'models/a.sql': 'select 1 as id', 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests: unique\n' },
    code: 2,
    expect: ['models/schema.yml:6:9 models[0].columns[0].tests: expected a list', 'hint: found a string (`unique`)'],
  },
  {
    name: 'misspelt model property',
    files: { 'models/a.sql': 'select 1 as id', 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    descripton: typo\n' },
    code: 2,
    expect: ['models/schema.yml:4:5 models[0]: unknown key `descripton`', 'hint: did you mean `description`?'],
  },
  {
    name: 'model entry without a name',
    files: { 'models/a.sql': 'select 1 as id', 'models/schema.yml': 'version: 2\nmodels:\n  - description: no name\n' },
    code: 2,
    expect: ['models/schema.yml:3:5 models[0]: missing required key `name`'],
  },
  {
    name: 'no profiles.yml anywhere',
    files: { 'profiles.yml': '' },
    remove: ['profiles.yml'],
    code: 2,
    expect: [/could not find profiles\.yml; looked in: .*profiles\.yml/, 'hint: create profiles.yml in the project directory, or pass --profiles-dir'],
  },
  {
    name: 'unknown target',
    files: { 'models/a.sql': 'select 1' },
    args: ['run', '--target', 'prod'],
    code: 2,
    expect: ['profiles.yml:3:3 target `prod` not found in profile `shop`', 'hint: targets in this profile: dev'],
  },
  {
    name: 'missing env var in the profile',
    files: { 'profiles.yml': "shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: \"{{ env_var('SHOP_DB') }}\"\n", 'models/a.sql': 'select 1' },
    code: 2,
    expect: ['Env Var Error in profiles.yml:6:13', 'env var `SHOP_DB` is not set and has no default'],
  },
  {
    name: 'unsupported adapter type',
    files: { 'profiles.yml': 'shop:\n  target: dev\n  outputs:\n    dev:\n      type: postgres\n', 'models/a.sql': 'select 1' },
    code: 2,
    expect: ['profiles.yml:5:7 target type `postgres` is not supported', 'hint: use one of: duckdb, snowflake'],
  },
  {
    name: 'ref to a missing model suggests the closest name',
    files: { 'models/stg_orders.sql': 'select 1 as id', 'models/orders.sql': "select *\nfrom {{ ref('stg_order') }}" },
    code: 2,
    expect: ['Dependency Error in model orders (models/orders.sql:2)', "model 'orders' depends on a node named 'stg_order' which was not found", "hint: Did you mean 'stg_orders'?"],
  },
  {
    name: 'ref to a disabled model',
    files: { 'models/old.sql': "{{ config(enabled=false) }}\nselect 1 as id", 'models/b.sql': "select * from {{ ref('old') }}" },
    code: 2,
    expect: ['Dependency Error in model b (models/b.sql:1)', "model 'b' depends on 'old', which is disabled"],
  },
  {
    name: 'undeclared source',
    files: { 'models/b.sql': "select * from {{ source('raw', 'orders') }}" },
    code: 2,
    expect: ["model 'b' depends on a source named 'raw.orders' which was not found", 'hint: Declare it under sources: in a YAML file.'],
  },
  {
    name: 'a cycle prints the whole chain',
    files: { 'models/a.sql': "select * from {{ ref('b') }}", 'models/b.sql': "select * from {{ ref('c') }}", 'models/c.sql': "select * from {{ ref('a') }}" },
    code: 2,
    expect: ['Found a cycle: model.shop.a -> model.shop.c -> model.shop.b -> model.shop.a'],
  },
  {
    name: 'unclosed if block',
    files: { 'models/a.sql': 'select 1 as id\n{% if true %}\nwhere 1 = 1\n' },
    code: 2,
    expect: ['Compilation Error in model a (models/a.sql:4)', 'parseIf: expected elif, else, or endif, got end of file', 'hint: A block is not closed'],
  },
  {
    name: 'call to an undefined macro',
    files: { 'models/a.sql': "select\n  {{ cents_to_dollars('amount') }} as amount\nfrom t" },
    code: 2,
    expect: ['Compilation Error in model a (models/a.sql:2:22)', "'cents_to_dollars' is undefined and cannot be called"],
  },
  {
    name: 'macro called with more arguments than it takes',
    files: { 'macros/cents.sql': '{% macro cents(column) %}({{ column }} * 100){% endmacro %}', 'models/a.sql': "select\n  {{ cents('amount', 2) }} as amount_cents\nfrom t" },
    code: 2,
    expect: ['Compilation Error in model a (models/a.sql:2:11)', 'A macro was called with 2 positional arguments but takes at most 1 (column)'],
  },
  {
    name: 'raise_compiler_error in a model',
    files: { 'models/a.sql': "select 1\n{{ exceptions.raise_compiler_error('grain must be day or month') }}" },
    code: 2,
    expect: ['Compilation Error in model a (models/a.sql:2:35)', 'grain must be day or month'],
  },
  {
    name: 'SQL error from the database',
    files: { 'models/a.sql': 'select missing_col from (select 1 as id)' },
    code: 1,
    expect: ['Database Error in model a (models/a.sql)', 'Binder Error: Referenced column "missing_col" not found in FROM clause!', /compiled code at .*target\/run\/shop\/models\/a\.sql/, 'ERROR=1'],
  },
  {
    name: 'unknown materialization',
    files: { 'models/a.sql': "{{ config(materialized='tabel') }}\nselect 1" },
    code: 1,
    expect: ["Unknown materialization 'tabel'", 'hint: Use one of:'],
  },
  {
    name: 'two models with one name',
    files: { 'models/staging/orders.sql': 'select 1', 'models/marts/orders.sql': 'select 2' },
    code: 2,
    expect: ['2 resources are named `orders`: model models/marts/orders.sql, model models/staging/orders.sql'],
  },
  {
    name: 'unknown selection method',
    files: { 'models/a.sql': 'select 1' },
    args: ['run', '-s', 'tagz:nightly'],
    code: 2,
    expect: ["Invalid selector 'tagz:nightly': unknown selection method 'tagz'", "Did you mean 'tag:'?"],
  },
  {
    name: '--vars that are not YAML',
    files: { 'models/a.sql': 'select 1' },
    args: ['run', '--vars', '{day: [2026'],
    code: 2,
    expect: ['--vars is not valid YAML or JSON'],
  },
  {
    name: 'required var not set',
    files: { 'models/a.sql': "select '{{ var(\"start_date\") }}' as d" },
    code: 2,
    expect: ['Compilation Error in model a (models/a.sql:1:15)', "Required var 'start_date' not found in config", "hint: Pass it with --vars '{start_date: ...}'"],
  },
  {
    name: 'misspelt generic test',
    files: { 'models/a.sql': 'select 1 as id', 'models/schema.yml': 'version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests: [uniqe]\n' },
    args: ['build'],
    code: 1,
    expect: ["Test 'uniqe' is not defined", 'Compilation Error in test uniqe_a_id (models/schema.yml:6)'],
  },
  {
    name: 'unreadable error_if threshold',
    files: { 'models/a.sql': 'select 1 as id', 'models/schema.yml': "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests:\n          - unique:\n              config: {error_if: 'lots'}\n" },
    args: ['build'],
    code: 1,
    expect: ["Invalid test threshold 'lots'", "hint: Write it like '>10', '!=0' or '>=5'."],
  },
  {
    name: '--threads 0',
    files: { 'models/a.sql': 'select 1' },
    args: ['run', '--threads', '0'],
    code: 2,
    expect: ["--threads must be a positive whole number, got '0'"],
  },
  {
    name: 'several broken YAML files are reported together',
    files: { 'models/a.sql': 'select 1 as id', 'models/one.yml': 'version: 2\nmodels:\n  - name: a\n    colums: []\n', 'models/two.yml': 'version: 2\nsources:\n  - name: raw\n    tables: nope\n' },
    code: 2,
    expect: ['Encountered 2 errors:', 'models/one.yml:4:5 models[0]: unknown key `colums`', 'models/two.yml:4:5 sources[0].tables: expected a list'],
  },
  {
    name: 'no project file',
    files: { 'models/a.sql': 'select 1' },
    remove: ['project.yml'],
    code: 2,
    expect: [/no project\.yml or dbt_project\.yml in /, 'hint: run `tsdbt init` to create a project, or pass --project-dir'],
  },
  {
    name: 'env var used in a model is not set',
    files: { 'models/a.sql': "select '{{ env_var(\"SHOP_REGION\") }}' as region" },
    code: 2,
    expect: ['Compilation Error in model a (models/a.sql:1:19)', "Env var required but not provided: 'SHOP_REGION'"],
  },
  {
    name: 'relationships test pointing at a missing model',
    files: { 'models/a.sql': 'select 1 as id', 'models/schema.yml': "version: 2\nmodels:\n  - name: a\n    columns:\n      - name: id\n        tests:\n          - relationships:\n              to: ref('customerz')\n              field: id\n" },
    args: ['build'],
    code: 2,
    expect: ['(models/schema.yml:7)', "depends on a node named 'customerz' which was not found"],
  },
];

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeProject(dir);
});

describe('broken projects get one readable message with file and line', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const { dir } = await makeDuckDbProject(testCase.files);
      dirs.push(dir);
      for (const file of testCase.remove ?? []) await rm(join(dir, file));
      const run = await runCli(testCase.args ?? ['run'], { cwd: dir, env: testCase.env });
      for (const pattern of testCase.expect) {
        if (typeof pattern === 'string') expect(run.output).toContain(pattern);
        else expect(run.output).toMatch(pattern);
      }
      expect(run.output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
      expect(run.code).toBe(testCase.code);
    });
  }
});
