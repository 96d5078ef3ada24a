import { describe, expect, it } from 'vitest';
import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';
import { loadYaml } from '../load/load-yaml.js';
import { parseProjectConfig } from './project-config.js';

const parse = (text: string, env: Record<string, string> = {}) =>
  parseProjectConfig(loadYaml(text, { file: 'dbt_project.yml', env }));

function errorsFrom(work: () => unknown): readonly TsdbtError[] {
  try {
    work();
  } catch (error) {
    if (error instanceof TsdbtErrors) return error.errors;
    if (error instanceof TsdbtError) return [error];
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseProjectConfig', () => {
  it("applies dbt's defaults", () => {
    const { config, notices } = parse('name: shop\n');
    expect(config).toMatchObject({
      name: 'shop',
      configVersion: 2,
      modelPaths: ['models'],
      seedPaths: ['seeds'],
      snapshotPaths: ['snapshots'],
      testPaths: ['tests'],
      macroPaths: ['macros'],
      analysisPaths: ['analyses'],
      docsPaths: ['models', 'seeds', 'snapshots', 'analyses', 'macros', 'tests'],
      assetPaths: [],
      targetPath: 'target',
      logPath: 'logs',
      packagesInstallPath: 'dbt_packages',
      cleanTargets: ['target'],
      vars: {},
      onRunStart: [],
      onRunEnd: [],
      quoting: {},
      dispatch: [],
      models: {},
      tests: {},
    });
    expect(config.profile).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it('normalises keys to camelCase and hooks to lists', () => {
    const { config } = parse(`
name: shop
version: 1.0
profile: shop_profile
model-paths: [models, more_models]
target-path: build
on-run-start: "create schema if not exists audit"
on-run-end: ["select 1", "select 2"]
require-dbt-version: [">=1.7.0", "<2.0.0"]
vars: {start_date: '2024-01-01', shop: {currency: EUR}}
quoting: {identifier: false}
dispatch:
  - macro_namespace: dbt_utils
    search_order: [shop, dbt_utils]
data_tests:
  +severity: warn
unit_tests:
  +enabled: true
flags:
  send_anonymous_usage_stats: false
`);
    expect(config).toMatchObject({
      version: '1',
      profile: 'shop_profile',
      modelPaths: ['models', 'more_models'],
      targetPath: 'build',
      cleanTargets: ['build'],
      onRunStart: ['create schema if not exists audit'],
      onRunEnd: ['select 1', 'select 2'],
      requireDbtVersion: ['>=1.7.0', '<2.0.0'],
      vars: { start_date: '2024-01-01', shop: { currency: 'EUR' } },
      quoting: { identifier: false },
      dispatch: [{ macroNamespace: 'dbt_utils', searchOrder: ['shop', 'dbt_utils'] }],
      tests: { '+severity': 'warn' },
      unitTests: { '+enabled': true },
      flags: { send_anonymous_usage_stats: false },
    });
  });

  it('accepts keys without meaning here, with one notice each', () => {
    const { notices } = parse(`
name: shop
packages-install-path: deps
query-comment: null
restrict-access: true
semantic-models: {}
`);
    expect(notices).toEqual([
      'dbt_project.yml: `packages-install-path` is accepted but has no effect (tsdbt does not install packages)',
      'dbt_project.yml: `query-comment` is accepted but has no effect (tsdbt does not add query comments)',
      'dbt_project.yml: `restrict-access` is accepted but has no effect (tsdbt does not enforce model group access)',
      'dbt_project.yml: `semantic-models` is accepted but has no effect (the semantic layer is not part of tsdbt)',
    ]);
  });

  it('rejects unknown keys with the closest valid key as hint', () => {
    const errors = errorsFrom(() => parse('name: shop\nmodel_paths: [m]\ntarget-pth: t\nsource-paths: [x]\nbanana: 1\n'));
    expect(errors.map((e) => [e.location, e.message, e.hint])).toEqual([
      ['dbt_project.yml:2:1', 'unknown key `model_paths`', 'did you mean `model-paths`?'],
      ['dbt_project.yml:3:1', 'unknown key `target-pth`', 'did you mean `target-path`?'],
      ['dbt_project.yml:4:1', 'unknown key `source-paths`', '`source-paths` was renamed to `model-paths` in dbt 1.0'],
      ['dbt_project.yml:5:1', 'unknown key `banana`', expect.stringMatching(/^valid keys here: name, version, profile, /)],
    ]);
  });

  it('renders env_var in the project file', () => {
    const { config } = parse(`name: shop\nprofile: "{{ env_var('PROFILE', 'local') }}"\n`, {});
    expect(config.profile).toBe('local');
  });

  it('rejects both tests and data_tests', () => {
    const errors = errorsFrom(() => parse('name: shop\ntests: {}\ndata_tests: {}\n'));
    expect(errors.map((e) => `${e.location} ${e.message}`)).toEqual([
      'dbt_project.yml:3:1 use either `tests:` or `data_tests:`, not both',
    ]);
  });
});
