/**
 * `target/compiled/<project>/<path>` holds the SQL a model compiles to; `target/run/...` the
 * statements that were sent. Written so a person can open the file an error points at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
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
 * Synchronous on purpose: measured on this project's CI machines, thousands of small blocking
 * writes finish about twice as fast as the same writes through the thread pool. Each folder is
 * created once per process.
 */
export async function writeSqlFile(path: string, sql: string): Promise<void> {
  const dir = dirname(path);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const text = sql.endsWith('\n') ? sql : `${sql}\n`;
  try {
    writeFileSync(path, text);
  } catch (error) {
    // The folder was removed since (tsdbt clean in the same process): make it again.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
  }
}
