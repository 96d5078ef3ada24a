import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { makeProject, removeProject } from '../testing/make-project.js';
import { loadProfile, redactTarget } from './profile-config.js';
import type { LoadProfileOptions } from './profile-config.js';

const made: string[] = [];
async function project(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  made.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map(removeProject));
});

const duckdbProfile = (name: string) => `shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${name}.duckdb\n`;

async function failure(options: LoadProfileOptions): Promise<TsdbtError> {
  try {
    await loadProfile(options);
  } catch (error) {
    return error as TsdbtError;
  }
  throw new Error('expected an error');
}

describe('loadProfile', () => {
  it('reads a DuckDB target with dbt-duckdb defaults and resolves its path against the project', async () => {
    const dir = await project({ 'profiles.yml': duckdbProfile('warehouse') });
    const loaded = await loadProfile({ projectDir: dir, profileName: 'shop', env: {}, homeDir: dir });
    expect(loaded).toEqual({
      profileName: 'shop',
      targetName: 'dev',
      path: path.join(dir, 'profiles.yml'),
      target: {
        type: 'duckdb',
        path: path.join(dir, 'warehouse.duckdb'),
        database: 'warehouse',
        schema: 'main',
        threads: 1,
        extensions: [],
        settings: {},
        attach: [],
      },
    });
  });

  it('looks in --profiles-dir, $TSDBT_PROFILES_DIR, the project, <project>/project, ~/.tsdbt in that order', async () => {
    const dir = await project({
      'flag/profiles.yml': duckdbProfile('from_flag'),
      'envdir/profiles.yml': duckdbProfile('from_env'),
      'profiles.yml': duckdbProfile('from_project'),
      'project/profiles.yml': duckdbProfile('from_project_folder'),
      'home/.tsdbt/profiles.yml': duckdbProfile('from_home'),
    });
    const base = { projectDir: dir, profileName: 'shop', homeDir: path.join(dir, 'home') };
    const env = { TSDBT_PROFILES_DIR: path.join(dir, 'envdir') };
    const database = async (options: LoadProfileOptions) => (await loadProfile(options)).target.database;
    expect(await database({ ...base, env, profilesDir: path.join(dir, 'flag') })).toBe('from_flag');
    expect(await database({ ...base, env })).toBe('from_env');
    expect(await database({ ...base, env: {} })).toBe('from_project');
    await removeProject(path.join(dir, 'profiles.yml'));
    expect(await database({ ...base, env: {} })).toBe('from_project_folder');
    await removeProject(path.join(dir, 'project'));
    expect(await database({ ...base, env: {} })).toBe('from_home');
  });

  it('lists every file it looked in when none exists', async () => {
    const dir = await project({ 'project.yml': 'name: shop' });
    const error = await failure({ projectDir: dir, profileName: 'shop', env: {}, homeDir: path.join(dir, 'home') });
    expect(error.kind).toBe('profile');
    expect(error.message).toBe(
      `could not find profiles.yml; looked in: ${path.join(dir, 'profiles.yml')}, ${path.join(dir, 'project', 'profiles.yml')}, ${path.join(dir, 'home', '.tsdbt', 'profiles.yml')}`,
    );
  });

  it('renders env_var only in the selected target, including `target:` itself', async () => {
    const dir = await project({
      'profiles.yml': `shop:
  target: "{{ env_var('TSDBT_TARGET', 'dev') }}"
  outputs:
    dev:
      type: duckdb
      path: ":memory:"
      threads: "{{ env_var('THREADS', '4') | as_number }}"
    prod:
      type: snowflake
      account: "{{ env_var('SF_ACCOUNT') }}"
      user: loader
      password: "{{ env_var('SF_PASSWORD') }}"
      database: analytics
      schema: shop
`,
    });
    const dev = await loadProfile({ projectDir: dir, profileName: 'shop', env: {}, homeDir: dir });
    expect(dev.target).toMatchObject({ type: 'duckdb', path: ':memory:', database: 'memory', threads: 4 });

    const prod = await loadProfile({
      projectDir: dir,
      profileName: 'shop',
      env: { TSDBT_TARGET: 'prod', SF_ACCOUNT: 'xy123', SF_PASSWORD: 's3cret' },
      homeDir: dir,
    });
    expect(prod.targetName).toBe('prod');
    expect(prod.target).toEqual({
      type: 'snowflake',
      account: 'xy123',
      user: 'loader',
      password: 's3cret',
      database: 'analytics',
      schema: 'shop',
      threads: 1,
      client_session_keep_alive: false,
      connect_retries: 1,
      connect_timeout: 10,
      retry_on_database_errors: false,
      retry_all: false,
    });

    const missing = await failure({ projectDir: dir, profileName: 'shop', targetName: 'prod', env: { SF_ACCOUNT: 'a' }, homeDir: dir });
    expect([missing.kind, missing.location, missing.message]).toEqual([
      'env',
      'profiles.yml:12:17',
      'env var `SF_PASSWORD` is not set and has no default',
    ]);
  });

  it('explains a missing profile, a missing target and a bad type', async () => {
    const dir = await project({
      'profiles.yml': `shop:
  target: dev
  outputs:
    dev: {type: postgres, host: x}
    ci: {type: duckdb, pth: ci.duckdb}
    test: {type: duckdb}
`,
    });
    const base = { projectDir: dir, env: {}, homeDir: dir };
    const noProfile = await failure({ ...base, profileName: 'shp' });
    expect([noProfile.message, noProfile.hint]).toEqual([
      'profile `shp` not found in profiles.yml',
      'profiles in this file: shop (did you mean `shop`?)',
    ]);
    const noTarget = await failure({ ...base, profileName: 'shop', targetName: 'prod' });
    expect([noTarget.location, noTarget.message, noTarget.hint]).toEqual([
      'profiles.yml:3:3',
      'target `prod` not found in profile `shop`',
      'targets in this profile: dev, ci, test',
    ]);
    const badType = await failure({ ...base, profileName: 'shop' });
    expect([badType.location, badType.message, badType.hint]).toEqual([
      'profiles.yml:4:11',
      'target type `postgres` is not supported',
      'use one of: duckdb, snowflake',
    ]);
    const badKey = await failure({ ...base, profileName: 'shop', targetName: 'ci' });
    expect([badKey.kind, badKey.location, badKey.message, badKey.hint]).toEqual([
      'profile',
      'profiles.yml:5:24',
      'shop.outputs.ci: unknown key `pth`',
      'did you mean `path`?',
    ]);
  });
});

describe('redactTarget', () => {
  it('masks secrets and keeps everything else', () => {
    const target = {
      type: 'snowflake' as const,
      account: 'xy123',
      user: 'loader',
      password: 'p',
      private_key: 'k',
      private_key_passphrase: 'pp',
      token: 't',
      database: 'db',
      schema: 's',
      threads: 4,
      client_session_keep_alive: false,
      connect_retries: 1,
      connect_timeout: 10,
      retry_on_database_errors: false,
      retry_all: false,
    };
    expect(redactTarget(target)).toEqual({
      ...target,
      password: '****',
      private_key: '****',
      private_key_passphrase: '****',
      token: '****',
    });
    expect(target.password).toBe('p');
  });
});
