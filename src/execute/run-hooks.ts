/**
 * `on-run-start` / `on-run-end` hooks from project.yml, run once per invocation
 * (dbt runs them around the nodes, on one connection).
 */
import type { Session } from '../adapters/adapter.js';
import type { ProjectCompiler } from '../compile/project-compiler.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { EventSink } from './events.js';

export interface HookResult {
  readonly name: string;
  readonly status: 'success' | 'error';
  readonly error?: TsdbtError;
}

/**
 * @param scope what hooks may use besides the invocation's globals: `ref`, `source`, `this`
 *   and, for `on-run-end`, dbt's `results` and `schemas`.
 */
export async function runHooks(
  kind: 'on-run-start' | 'on-run-end',
  hooks: readonly string[],
  session: Session,
  compiler: ProjectCompiler,
  sink: EventSink,
  now: () => Date,
  scope: Readonly<Record<string, unknown>> = {},
): Promise<HookResult[]> {
  const results: HookResult[] = [];
  for (const [index, hook] of hooks.entries()) {
    const name = `${compiler.invocation.projectName}.${kind}.${index}`;
    const started = now();
    sink({ type: 'HookStarted', name, index: index + 1, total: hooks.length, at: started });
    try {
      const sql = compiler.renderString(hook, 'project.yml', { ...scope, execute: true });
      if (sql.trim() !== '') await session.execute(sql);
      results.push({ name, status: 'success' });
      sink({ type: 'HookFinished', name, index: index + 1, total: hooks.length, status: 'success', executionTime: (now().getTime() - started.getTime()) / 1000, at: now() });
    } catch (error) {
      const tsdbtError = (error instanceof TsdbtError ? error : new TsdbtError({ kind: 'database', message: String(error), cause: error })).withDefaults({
        file: 'project.yml',
        hint: `The ${kind} hook #${index + 1} failed.`,
      });
      results.push({ name, status: 'error', error: tsdbtError });
      sink({ type: 'HookFinished', name, index: index + 1, total: hooks.length, status: 'error', executionTime: (now().getTime() - started.getTime()) / 1000, error: tsdbtError, at: now() });
    }
  }
  return results;
}
