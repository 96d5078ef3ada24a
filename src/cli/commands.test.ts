import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { makeProject, removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

describe('tsdbt commands', () => {
  it('--help lists the commands and exits 0', async () => {
    const run = await runCli(['--help'], { cwd: '/' });
    expect(run.code).toBe(0);
    for (const command of ['run', 'build', 'test', 'seed', 'snapshot', 'compile', 'ls', 'docs', 'debug', 'clean', 'init', 'retry', 'generate']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('an unknown command exits 2 with a hint', async () => {
    const run = await runCli(['rnu'], { cwd: '/' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'rnu'/);
  });

  it('init scaffolds a project that builds green', async () => {
    const parent = await makeProject({});
    dirs.push(parent);
    const init = await runCli(['init', 'acme'], { cwd: parent });
    expect(init.code).toBe(0);
    const root = join(parent, 'acme');
    const build = await runCli(['build'], { cwd: root });
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/Done\. PASS=5 WARN=0 ERROR=0 SKIP=0/);
    expect(await queryDuckDb(join(root, 'target/acme.duckdb'), 'select count(*) as n from main.customers')).toEqual([{ n: 3 }]);
    const again = await runCli(['init', 'acme'], { cwd: parent });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('compile writes SQL without touching the database; ls prints names, paths and JSON', async () => {
    const { dir, dbPath } = await makeDuckDbProject({
      'models/staging/stg.sql': 'select 1 as id',
      'models/marts/fct.sql': "{{ config(materialized='table', tags=['daily']) }}\nselect * from {{ ref('stg') }}",
      'analyses/check.sql': "select count(*) from {{ ref('fct') }}",
    });
    dirs.push(dir);
    const compile = await runCli(['compile'], { cwd: dir });
    expect(compile.code).toBe(0);
    expect(await readFile(join(dir, 'target/compiled/shop/models/marts/fct.sql'), 'utf8')).toBe('\nselect * from "dev"."main"."stg"\n');
    expect(await readFile(join(dir, 'target/compiled/shop/analyses/check.sql'), 'utf8')).toBe('select count(*) from "dev"."main"."fct"\n');
    expect(existsSync(dbPath)).toBe(false);
    const manifest = JSON.parse(await readFile(join(dir, 'target/manifest.json'), 'utf8'));
    expect(manifest.nodes['model.shop.fct'].depends_on.nodes).toEqual(['model.shop.stg']);

    const inline = await runCli(['compile', '--inline', "select * from {{ ref('fct') }}"], { cwd: dir });
    expect(inline.stdout.trim()).toBe('select * from "dev"."main"."fct"');

    expect((await runCli(['ls', '--output', 'path', '-s', '+fct'], { cwd: dir })).stdout.trim().split('\n')).toEqual(['models/staging/stg.sql', 'models/marts/fct.sql']);
    expect((await runCli(['ls', '-s', 'tag:daily'], { cwd: dir })).stdout.trim()).toBe('shop.marts.fct');
    const json = (await runCli(['ls', '--output', 'json', '-s', 'fct'], { cwd: dir })).stdout.trim();
    expect(JSON.parse(json)).toMatchObject({ name: 'fct', resource_type: 'model', unique_id: 'model.shop.fct', config: { materialized: 'table' } });
    expect((await runCli(['ls', '--resource-type', 'analysis', '--output', 'name'], { cwd: dir })).stdout.trim()).toBe('check');
  });

  it('debug reports the profile and the connection; clean removes target/', async () => {
    const { dir } = await makeDuckDbProject({ 'models/a.sql': 'select 1' });
    dirs.push(dir);
    const debug = await runCli(['debug'], { cwd: dir });
    expect(debug.code).toBe(0);
    expect(debug.stdout).toMatch(/Connection test: \[OK found\]/);
    expect(debug.stdout).toMatch(/All checks passed!/);
    await runCli(['run'], { cwd: dir });
    expect(existsSync(join(dir, 'target'))).toBe(true);
    const clean = await runCli(['clean'], { cwd: dir });
    expect(clean.stdout).toMatch(/Cleaned target\//);
    expect(existsSync(join(dir, 'target'))).toBe(false);
  });

  it('--fail-fast stops scheduling after the first failure', async () => {
    const files: Record<string, string> = { 'models/a_broken.sql': 'select nope' };
    for (let i = 0; i < 5; i++) files[`models/z_${i}.sql`] = `select ${i} as id`;
    const { dir } = await makeDuckDbProject(files);
    dirs.push(dir);
    const run = await runCli(['run', '--fail-fast'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR=1 SKIP=5/);
  });
});
