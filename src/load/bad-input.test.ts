/**
 * One row per broken project: the exact problems `loadProject` reports, in order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';
import { makeProject, removeProject } from '../testing/make-project.js';
import { loadProject } from './load-project.js';

interface BadInput {
  readonly name: string;
  readonly files: Readonly<Record<string, string>>;
  /** `kind location message [hint]` per problem. */
  readonly problems: readonly string[];
}

const project = (extra = '') => ({ 'project.yml': `name: shop\n${extra}` });

const table: readonly BadInput[] = [
  {
    name: 'project name missing',
    files: { 'project.yml': 'version: 1\n' },
    problems: ['config project.yml:1:1 missing required key `name`'],
  },
  {
    name: 'project name with a dash',
    files: { 'project.yml': 'name: my-shop\n' },
    problems: [
      'config project.yml:1:1 name: project names may contain only letters, digits and underscores, and must not start with a digit',
    ],
  },
  {
    name: 'project file is a list',
    files: { 'project.yml': '- name: shop\n' },
    problems: ['config project.yml:1:1 the project file must be a mapping of keys such as `name:` and `model-paths:`'],
  },
  {
    name: 'misspelt project key',
    files: project('modle-paths: [models]\n'),
    problems: ['config project.yml:2:1 unknown key `modle-paths` [did you mean `model-paths`?]'],
  },
  {
    name: 'model paths of the wrong type',
    files: project('model-paths: {a: 1}\n'),
    problems: ['config project.yml:2:1 model-paths: expected a string or a list [found a mapping]'],
  },
  {
    name: 'config-version 1',
    files: project('config-version: 1\n'),
    problems: ['config project.yml:2:1 config-version: expected one of `2`'],
  },
  {
    name: 'unknown +config in a folder',
    files: project('models:\n  shop:\n    +materialzed: table\n'),
    problems: ['config project.yml:4:5 models.shop: unknown config `+materialzed` [did you mean `+materialized`?]'],
  },
  {
    name: 'scalar that is neither a config nor a folder',
    files: project('models:\n  shop:\n    schemas: staging\n'),
    problems: [
      'config project.yml:4:5 models.shop.schemas: `schemas` is neither a known config nor a folder (folder entries must be mappings) [did you mean `+schema`?]',
    ],
  },
  {
    name: 'project file syntax error',
    files: { 'project.yml': 'name: shop\nmodels:\n  +tags: [a\n' },
    problems: [
      'yaml project.yml:4:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [check the indentation and quoting around this line; values starting with `{` or `*` must be quoted]',
    ],
  },
  {
    name: 'unset env var in the project file',
    files: { 'project.yml': "name: shop\nprofile: \"{{ env_var('TSDBT_TEST_UNSET_PROFILE') }}\"\n" },
    problems: [
      "env project.yml:2:10 env var `TSDBT_TEST_UNSET_PROFILE` is not set and has no default [set TSDBT_TEST_UNSET_PROFILE in the environment, or give a default: env_var('TSDBT_TEST_UNSET_PROFILE', 'value')]",
    ],
  },
  {
    name: 'tests given as a string',
    files: { ...project(), 'models/schema.yml': 'models:\n  - name: a\n    columns:\n      - name: id\n        tests: unique\n' },
    problems: ['config models/schema.yml:5:9 models[0].columns[0].tests: expected a list [found a string (`unique`)]'],
  },
  {
    name: 'model without a name',
    files: { ...project(), 'models/schema.yml': 'models:\n  - description: orders\n' },
    problems: ['config models/schema.yml:2:5 models[0]: missing required key `name`'],
  },
  {
    name: 'misspelt column key',
    files: { ...project(), 'models/schema.yml': 'models:\n  - name: a\n    columns:\n      - name: id\n        descripton: x\n' },
    problems: ['config models/schema.yml:5:9 models[0].columns[0]: unknown key `descripton` [did you mean `description`?]'],
  },
  {
    name: 'source freshness period',
    files: {
      ...project(),
      'models/sources.yml': 'sources:\n  - name: raw\n    tables:\n      - name: t\n        freshness:\n          error_after: {count: 1, period: hours}\n',
    },
    problems: ['config models/sources.yml:6:35 sources[0].tables[0].freshness.error_after.period: expected one of `minute`, `hour`, `day`'],
  },
  {
    name: 'freshness count that is not a number',
    files: {
      ...project(),
      'models/sources.yml': 'sources:\n  - name: raw\n    freshness: {warn_after: {count: many, period: day}}\n',
    },
    problems: ['config models/sources.yml:3:30 sources[0].freshness.warn_after.count: expected a number [found a string (`many`)]'],
  },
  {
    name: 'test with two keys',
    files: { ...project(), 'models/schema.yml': 'models:\n  - name: a\n    data_tests:\n      - {unique: {}, not_null: {}}\n' },
    problems: [
      'config models/schema.yml:4:9 models[0].data_tests[0]: a test is a name (`unique`) or a mapping with one key (`accepted_values: {values: [...]}`), found a mapping with keys `unique`, `not_null`',
    ],
  },
  {
    name: 'unit test without expect',
    files: {
      ...project(),
      'models/unit.yml': "unit_tests:\n  - name: t\n    model: a\n    given: [{input: ref('b'), rows: []}]\n",
    },
    problems: ['config models/unit.yml:2:5 unit_tests[0]: missing required key `expect`'],
  },
  {
    name: 'exposure with an unknown type',
    files: {
      ...project(),
      'models/exposures.yml': 'exposures:\n  - name: e\n    type: report\n    owner: {name: me}\n',
    },
    problems: [
      'config models/exposures.yml:3:5 exposures[0].type: expected one of `dashboard`, `notebook`, `analysis`, `ml`, `application`',
    ],
  },
  {
    name: 'property file that is a list',
    files: { ...project(), 'macros/schema.yml': '- name: a\n' },
    problems: [
      'config macros/schema.yml:1:1 a property file must be a mapping with keys such as `models:` or `sources:`, found a list',
    ],
  },
  {
    name: 'unknown top-level key in a property file',
    files: { ...project(), 'seeds/props.yml': 'sed:\n  - name: s\n' },
    problems: ['config seeds/props.yml:1:1 unknown key `sed` [did you mean `seeds`?]'],
  },
  {
    name: 'model and seed with the same name',
    files: { ...project(), 'models/countries.sql': 'select 1', 'seeds/countries.csv': 'a\n1\n' },
    problems: [
      'config models/countries.sql 2 resources are named `countries`: model models/countries.sql, seed seeds/countries.csv [rename one of them: ref() finds models and seeds by file name, so names must be unique]',
    ],
  },
  {
    name: 'several broken property files at once',
    files: {
      ...project(),
      'models/a.yml': 'models:\n  - name: a\n    tags: x\n',
      'models/b.yml': 'models: [\n',
      'snapshots/c.yml': 'snapshots:\n  - relation: x\n',
    },
    problems: [
      'config models/a.yml:3:5 models[0]: unknown key `tags` [valid keys here: name, description, config, columns, docs, meta, constraints, access, group, latest_version, versions, deprecation_date, time_spine, tests, data_tests]',
      'yaml models/b.yml:2:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] [check the indentation and quoting around this line; values starting with `{` or `*` must be quoted]',
      'config snapshots/c.yml:2:5 snapshots[0]: missing required key `name`',
    ],
  },
];

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map(removeProject));
});

function describeError(error: TsdbtError): string {
  return `${error.kind} ${error.location} ${error.message}${error.hint ? ` [${error.hint}]` : ''}`;
}

describe('bad input', () => {
  it('has at least 15 rows', () => {
    expect(table.length).toBeGreaterThanOrEqual(15);
  });

  it.each(table)('$name', async ({ files, problems }) => {
    const dir = await makeProject(files);
    dirs.push(dir);
    const thrown = await loadProject(dir, { env: {} }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown instanceof TsdbtError || thrown instanceof TsdbtErrors).toBe(true);
    const errors = thrown instanceof TsdbtErrors ? thrown.errors : [thrown as TsdbtError];
    expect(errors.map(describeError)).toEqual(problems);
  });
});
