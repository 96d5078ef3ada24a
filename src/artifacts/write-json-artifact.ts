/**
 * Writes one artifact file so that a reader never sees half of it: the JSON goes to a
 * temporary file in the same directory, which is then renamed over the target (rename is
 * atomic on one file system).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { TsdbtError } from '../errors/tsdbt-error.js';

/**
 * Writes `value` as `<targetDir>/<name>` (compact JSON, as dbt writes its artifacts: a
 * 10,000-model manifest is tens of megabytes, and indentation would add a third), creating the directory.
 * Returns the path written.
 *
 * @example await writeJsonArtifact('target', 'run_results.json', runResults)
 */
export async function writeJsonArtifact(targetDir: string, name: string, value: object): Promise<string> {
  const finalPath = join(targetDir, name);
  const temporaryPath = join(targetDir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(targetDir, { recursive: true });
    await writeFile(temporaryPath, `${JSON.stringify(value)}\n`, 'utf8');
    await rename(temporaryPath, finalPath);
    return finalPath;
  } catch (cause) {
    // Best effort: when the directory itself is the problem there is nothing to clean up.
    await rm(temporaryPath, { force: true }).catch(() => undefined);
    throw new TsdbtError({
      kind: 'runtime',
      message: `Could not write ${finalPath}: ${cause instanceof Error ? cause.message : String(cause)}`,
      hint: 'Check that the target directory is writable.',
      cause,
    });
  }
}
