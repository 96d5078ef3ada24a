/**
 * `target/compiled/<project>/<path>` holds the SQL a model compiles to; `target/run/...` the
 * statements that were sent. Written so a person can open the file an error points at.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';

/** Generic tests live in YAML: their SQL goes under `<schema.yml>/<test_name>.sql`, as dbt does. */
export function compiledPathOf(
  targetDir: string,
  projectName: string,
  node: { readonly originalFilePath: string; readonly name: string },
  kind: 'compiled' | 'run',
): string {
  const path = node.originalFilePath.endsWith('.sql') ? node.originalFilePath : `${node.originalFilePath}/${node.name}.sql`;
  return join(targetDir, kind, projectName, path);
}

export async function writeSqlFile(path: string, sql: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, sql.endsWith('\n') ? sql : `${sql}\n`);
}

/**
 * A path as people read it in the output and artifacts: relative to the project root
 * (`target/run/shop/models/orders.sql`), or absolute when it lies outside the project.
 */
export function displayPathOf(projectRoot: string, path: string): string {
  const shown = relative(projectRoot, path);
  return shown.startsWith('..') || isAbsolute(shown) ? path : shown.split('\\').join('/');
}
