import { afterEach, describe, expect, it } from 'vitest';
import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';
import { makeProject, removeProject } from '../testing/make-project.js';
import { loadProject } from './load-project.js';

const made: string[] = [];
async function project(files: Record<string, string>): Promise<string> {
  const dir = await makeProject(files);
  made.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(made.splice(0).map(removeProject));
});

describe('loadProject', () => {
  it('finds every kind of file with its resource folder and reads it once', async () => {
    const dir = await project({
      'project.yml': 'name: shop\n',
      'models/staging/stg_orders.sql': 'select 1 as id',
      'models/staging/_schema.yml': 'models:\n  - name: stg_orders\n',
      'models/overview.md': '{% docs overview %}hi{% enddocs %}',
      'models/python_model.py': 'def model(dbt, session): pass',
      'seeds/countries.csv': 'code\nNL\n',
      'snapshots/orders_snapshot.sql': '{% snapshot orders_snapshot %}select 1{% endsnapshot %}',
      'tests/assert_positive.sql': 'select 1 where false',
      'tests/generic/is_even.sql': '{% test is_even(model, column_name) %}select 1{% endtest %}',
      'macros/cents.sql': '{% macro cents(x) %}{{ x }} / 100{% endmacro %}',
      'macros/macros.yaml': 'macros:\n  - name: cents\n',
      'analyses/revenue.sql': 'select 2',
      'models/.hidden.sql': 'select 3',
      'models/.scratch/a.sql': 'select 4',
      'models/target/b.sql': 'select 5',
      'models/node_modules/c.sql': 'select 6',
      'target/compiled.sql': 'select 7',
      'README.md': 'not a doc block',
    });
    const raw = await loadProject(dir, { env: {} });
    expect(raw.root).toBe(dir);
    expect(raw.projectFilePath).toBe('project.yml');
    expect(raw.files.map((f) => [f.kind, f.path, f.resourceDir, f.pathInResourceDir])).toEqual([
      ['analysis', 'analyses/revenue.sql', 'analyses', 'revenue.sql'],
      ['macro', 'macros/cents.sql', 'macros', 'cents.sql'],
      ['property', 'macros/macros.yaml', 'macros', 'macros.yaml'],
      ['doc', 'models/overview.md', 'models', 'overview.md'],
      ['property', 'models/staging/_schema.yml', 'models', 'staging/_schema.yml'],
      ['model', 'models/staging/stg_orders.sql', 'models', 'staging/stg_orders.sql'],
      ['seed', 'seeds/countries.csv', 'seeds', 'countries.csv'],
      ['snapshot', 'snapshots/orders_snapshot.sql', 'snapshots', 'orders_snapshot.sql'],
      ['test', 'tests/assert_positive.sql', 'tests', 'assert_positive.sql'],
      ['macro', 'tests/generic/is_even.sql', 'tests', 'generic/is_even.sql'],
    ]);
    const byPath = new Map(raw.files.map((f) => [f.path, f]));
    expect(byPath.get('models/staging/stg_orders.sql')?.contents).toBe('select 1 as id');
    expect(byPath.get('seeds/countries.csv')?.contents).toBe('');
    expect(byPath.get('seeds/countries.csv')?.absolutePath).toBe(`${dir}/seeds/countries.csv`);
    expect(raw.propertyFiles.map((p) => [p.path, p.document.models.length + p.document.macros.length])).toEqual([
      ['macros/macros.yaml', 1],
      ['models/staging/_schema.yml', 1],
    ]);
    expect(raw.propertyFiles[1].positionOf(['models', 0, 'name'])).toEqual({ line: 2, column: 5 });
    expect(raw.notices).toEqual(['models/python_model.py: Python models are not supported by tsdbt; the file is skipped']);
  });

  it('reads dbt_project.yml when project.yml is absent, with custom paths', async () => {
    const dir = await project({
      'dbt_project.yml': 'name: legacy\nmodel-paths: [transform]\ndocs-paths: [docs]\nquery-comment: x\n',
      'transform/a.sql': 'select 1',
      'transform/a.md': 'ignored: not in docs-paths',
      'docs/b.md': '{% docs b %}{% enddocs %}',
      'models/ignored.sql': 'select 2',
    });
    const raw = await loadProject(dir, { env: {} });
    expect(raw.projectFilePath).toBe('dbt_project.yml');
    expect(raw.config.name).toBe('legacy');
    expect(raw.files.map((f) => `${f.kind}:${f.path}`)).toEqual(['doc:docs/b.md', 'model:transform/a.sql']);
    expect(raw.notices).toEqual([
      'dbt_project.yml: `query-comment` is accepted but has no effect (tsdbt does not add query comments)',
    ]);
  });

  it('prefers project.yml when both exist', async () => {
    const dir = await project({ 'project.yml': 'name: new_name\n', 'dbt_project.yml': 'name: old_name\n' });
    expect((await loadProject(dir, { env: {} })).config.name).toBe('new_name');
  });

  it('names both files of a duplicate model', async () => {
    const dir = await project({
      'project.yml': 'name: shop\nmodel-paths: [models, extra]\n',
      'models/a/orders.sql': 'select 1',
      'extra/orders.sql': 'select 2',
      'models/b/customers.sql': 'select 3',
    });
    await expect(loadProject(dir, { env: {} })).rejects.toThrow(
      '2 resources are named `orders`: model extra/orders.sql, model models/a/orders.sql',
    );
  });

  it('collects problems from every file before throwing', async () => {
    const dir = await project({
      'project.yml': 'name: shop\n',
      'models/a.sql': 'select 1',
      'models/x/a.sql': 'select 1',
      'models/one.yml': 'models:\n  - nme: a\n',
      'models/two.yml': 'models: [\n',
      'seeds/three.yml': 'seeds:\n  - name: s\n    description: "{{ env_var(\'NOPE\') }}"\n',
    });
    let caught: unknown;
    try {
      await loadProject(dir, { env: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TsdbtErrors);
    expect((caught as TsdbtErrors).errors.map((e) => `${e.kind} ${e.location} ${e.message}`)).toEqual([
      'config models/one.yml:2:5 models[0]: missing required key `name`',
      'config models/one.yml:2:5 models[0]: unknown key `nme`',
      'yaml models/two.yml:2:1 invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'env seeds/three.yml:3:18 env var `NOPE` is not set and has no default',
      'config models/a.sql 2 resources are named `a`: model models/a.sql, model models/x/a.sql',
    ]);
  });

  it('says what to do when there is no project file', async () => {
    const dir = await project({ 'models/a.sql': 'select 1' });
    const error = (await loadProject(dir).catch((thrown: unknown) => thrown)) as TsdbtError;
    expect(error).toBeInstanceOf(TsdbtError);
    expect([error.message, error.hint]).toEqual([
      `no project.yml or dbt_project.yml in ${dir}`,
      'run `tsdbt init` to create a project, or pass --project-dir',
    ]);
  });

  // Kept small so the suite stays fast.
  it('loads hundreds of models in batches, each with its own contents', async () => {
    const files: Record<string, string> = { 'project.yml': 'name: big\n' };
    for (let index = 0; index < 600; index++) files[`models/f${index % 6}/m${index}.sql`] = `select ${index} as id`;
    const dir = await project(files);
    const started = performance.now();
    const raw = await loadProject(dir, { env: {}, batchSize: 100 });
    const elapsed = performance.now() - started;
    expect(raw.files).toHaveLength(600);
    expect(raw.files.every((f) => f.contents === `select ${f.path.replace(/^.*\/m(\d+)\.sql$/, '$1')} as id`)).toBe(true);
  }, 60_000);
});
