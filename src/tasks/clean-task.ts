/**
 * `tsdbt clean`: delete the folders listed in `clean-targets` (default: the target path),
 * refusing anything outside the project.
 */
import { rm } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { loadRawProject, type InvocationOptions } from './prepare-invocation.js';

export async function cleanTask(options: InvocationOptions): Promise<string[]> {
  const raw = await loadRawProject(options);
  const targets = raw.config.cleanTargets.length ? raw.config.cleanTargets : [raw.config.targetPath];
  const removed: string[] = [];
  for (const target of targets) {
    const path = resolve(raw.root, target);
    const inside = relative(raw.root, path);
    if (inside === '' || inside.startsWith('..') || inside.split(sep)[0] === '..') {
      throw new TsdbtError({ kind: 'config', message: `clean-targets entry '${target}' is outside the project`, file: raw.projectFilePath, hint: 'Only folders inside the project can be cleaned.' });
    }
    await rm(path, { recursive: true, force: true });
    removed.push(target);
  }
  return removed;
}
