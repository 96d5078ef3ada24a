/**
 * `tsdbt retry`: re-run what failed (or was skipped because of a failure) in the last
 * invocation, with the same command, reading `target/run_results.json`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { loadRawProject, type InvocationOptions } from './prepare-invocation.js';
import { runTask, type RunCommand, type RunTaskOptions, type RunTaskResult } from './run-task.js';

const RETRYABLE: readonly RunCommand[] = ['run', 'build', 'test', 'seed', 'snapshot'];

export async function retryTask(options: InvocationOptions & Omit<RunTaskOptions, 'command' | keyof InvocationOptions>): Promise<RunTaskResult> {
  const raw = await loadRawProject(options);
  const targetDir = resolve(raw.root, raw.config.targetPath);
  let previous: { args?: { which?: string } };
  try {
    previous = JSON.parse(await readFile(join(targetDir, 'run_results.json'), 'utf8')) as typeof previous;
  } catch {
    throw new TsdbtError({ kind: 'runtime', message: `No previous run to retry: ${join(targetDir, 'run_results.json')} is missing`, hint: 'Run tsdbt run or tsdbt build first.' });
  }
  const which = previous.args?.which as RunCommand | undefined;
  const command = which && RETRYABLE.includes(which) ? which : 'build';
  return runTask({
    ...options,
    command,
    state: targetDir,
    // result:error also matches "runtime error" results (see match-state.ts); a selector
    // cannot contain a space, so 'result:runtime error' would split into two terms.
    select: ['result:error', 'result:fail', 'result:skipped'],
  });
}
