/**
 * A temporary project on a DuckDB file: `project.yml` and `profiles.yml` are written for you
 * (override them by passing your own), the database lives at `<dir>/target/dev.duckdb`.
 */
import path from 'node:path';
import { makeProject } from './make-project.js';

export interface DuckDbProject {
  readonly dir: string;
  readonly dbPath: string;
}

export async function makeDuckDbProject(
  files: Readonly<Record<string, string>>,
  options: { readonly name?: string; readonly threads?: number; readonly projectYml?: string } = {},
): Promise<DuckDbProject> {
  const name = options.name ?? 'shop';
  const dir = await makeProject({
    'project.yml': options.projectYml ?? `name: ${name}\nprofile: ${name}\n`,
    'profiles.yml': `${name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/dev.duckdb\n      schema: main\n      threads: ${options.threads ?? 1}\n`,
    ...files,
  });
  return { dir, dbPath: path.join(dir, 'target', 'dev.duckdb') };
}
