/**
 * `target/compiled/<project>/<path>` holds the SQL a model compiles to; `target/run/...` the
 * statements that were sent. Written so a person can open the file an error points at.
 */
import { mkdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

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

const madeDirs = new Set<string>();

/**
 * Each folder is created once per process; the file write itself is asynchronous so a caller
 * writing thousands of files (`tsdbt compile`) can keep several in flight on the thread pool,
 * which is several times faster than one blocking write after another on slow file systems.
 */
export async function writeSqlFile(path: string, sql: string): Promise<void> {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const text = sql.endsWith('\n') ? sql : `${sql}\n`;
  try {
    await writeFile(path, text);
  } catch (error) {
    // The folder was removed since (tsdbt clean in the same process): make it again.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(dir, { recursive: true });
    await writeFile(path, text);
  }
}
