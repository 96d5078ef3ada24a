import { afterEach, describe, expect, it } from 'vitest';
import { makeDuckDbProject } from '../testing/duckdb-project.js';
import { removeProject } from '../testing/make-project.js';
import { runCli } from '../testing/run-cli.js';
import { queryDuckDb } from '../testing/query-duckdb.js';

const dirs: string[] = [];
afterEach(async () => {
  while (dirs.length) await removeProject(dirs.pop()!);
});

describe('hooks and build gating', () => {
  it('a relationships test whose child reaches its parent through an ephemeral model does not stall the build', async () => {
    const { dir, dbPath } = await makeDuckDbProject({
      'models/parent.sql': "{{ config(materialized='table') }}\nselect range as id from range(3)",
      'models/bridge.sql': "{{ config(materialized='ephemeral') }}\nselect id from {{ ref('parent') }}",
      'models/child.sql': "select id from {{ ref('bridge') }}",
      'models/downstream.sql': "select count(*) as n from {{ ref('child') }}",
      'models/schema.yml': "version: 2\nmodels:\n  - name: child\n    columns:\n      - name: id\n        tests:\n          - relationships: {to: ref('parent'), field: id}\n",
    });
    dirs.push(dir);
    const run = await runCli(['build'], { cwd: dir });
    expect(run.stdout).toMatch(/Done\. PASS=4 WARN=0 ERROR=0 SKIP=0/);
    expect(run.code).toBe(0);
    expect(await queryDuckDb(dbPath, 'select n from main.downstream')).toEqual([{ n: 3 }]);
  });

  it('on-run-end hooks can ref models and read the run results; a failing hook fails the run with its message', async () => {
    const project = [
      'name: shop',
      'profile: shop',
      'on-run-start: ["create table if not exists main.run_log (models integer, failures integer, total integer)"]',
      'on-run-end:',
      "  - \"insert into main.run_log select {{ results | selectattr('status', 'equalto', 'success') | list | length }}, {{ results | selectattr('status', 'equalto', 'fail') | list | length }}, (select count(*) from {{ ref('numbers') }})\"",
    ].join('\n');
    const { dir, dbPath } = await makeDuckDbProject({
      'project.yml': project,
      'models/numbers.sql': "{{ config(materialized='table') }}\nselect range as n from range(4)",
      'models/schema.yml': 'version: 2\nmodels:\n  - name: numbers\n    columns:\n      - name: n\n        tests: [unique, not_null]\n',
    });
    dirs.push(dir);
    const ok = await runCli(['build'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(await queryDuckDb(dbPath, 'select models, failures, total from main.run_log')).toEqual([{ models: 1, failures: 0, total: 4 }]);

    const { dir: broken } = await makeDuckDbProject({
      'project.yml': 'name: shop\nprofile: shop\non-run-end: ["insert into main.missing_table values (1)"]\n',
      'models/a.sql': 'select 1 as id',
    });
    dirs.push(broken);
    const failed = await runCli(['run'], { cwd: broken });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/ERROR hook: shop\.on-run-end\.0/);
    expect(failed.stdout).toMatch(/Table with name missing_table does not exist/);
  });
});
