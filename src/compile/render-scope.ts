/**
 * The per-node values templates see. Nunjucks macros are compiled once and look names up in
 * the environment's globals at call time, so a render sets these globals, renders
 * synchronously, and puts the previous values back (renders may nest: a hook inside a model).
 */
import type { TemplateEnvironment } from './template-environment.js';

export type ScopeValues = Readonly<Record<string, unknown>>;

export function withScope<T>(env: TemplateEnvironment, values: ScopeValues, render: () => T): T {
  const globals = (env as unknown as { globals: Record<string, unknown> }).globals;
  const keys = Object.keys(values);
  const previous = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    previous[i] = globals[keys[i]];
    globals[keys[i]] = values[keys[i]];
  }
  try {
    return render();
  } finally {
    // Assign rather than `delete`: deleting keys would turn the globals object into a slow
    // dictionary, and an undefined global reads exactly like a missing one in Nunjucks.
    for (let i = 0; i < keys.length; i++) globals[keys[i]] = previous[i];
  }
}
