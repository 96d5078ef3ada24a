/**
 * `tsdbt init NAME`: a working project on embedded DuckDB — a view, a table built from it,
 * tests, and a profile — that `tsdbt build` runs green right away.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { TsdbtError } from '../errors/tsdbt-error.js';

export function scaffoldFiles(name: string): Record<string, string> {
  return {
    'project.yml': `name: ${name}\nversion: '1.0.0'\nprofile: ${name}\n\nmodel-paths: [models]\nseed-paths: [seeds]\ntest-paths: [tests]\nmacro-paths: [macros]\nsnapshot-paths: [snapshots]\n\nmodels:\n  ${name}:\n    staging:\n      +materialized: view\n    marts:\n      +materialized: table\n`,
    'profiles.yml': `${name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/${name}.duckdb\n      schema: main\n      threads: 4\n`,
    'seeds/raw_customers.csv': 'id,name,signup_date\n1,Ada,2026-01-02\n2,Grace,2026-01-05\n3,Linus,2026-02-11\n',
    'models/staging/stg_customers.sql': "select id as customer_id, name, cast(signup_date as date) as signup_date\nfrom {{ ref('raw_customers') }}\n",
    'models/marts/customers.sql': "select customer_id, name, signup_date, date_trunc('month', signup_date) as signup_month\nfrom {{ ref('stg_customers') }}\n",
    'models/schema.yml': 'version: 2\nmodels:\n  - name: customers\n    description: One row per customer.\n    columns:\n      - name: customer_id\n        data_tests: [unique, not_null]\n',
    'macros/.gitkeep': '',
    'tests/.gitkeep': '',
    'snapshots/.gitkeep': '',
    '.gitignore': 'target/\n',
  };
}

export async function initTask(name: string, cwd: string): Promise<string> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new TsdbtError({ kind: 'config', message: `'${name}' is not a valid project name`, hint: 'Use letters, digits and underscores, starting with a letter.' });
  }
  const root = resolve(cwd, name);
  if (existsSync(root)) throw new TsdbtError({ kind: 'config', message: `${root} already exists`, hint: 'Choose another name or remove the folder.' });
  for (const [path, contents] of Object.entries(scaffoldFiles(name))) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
  return root;
}
