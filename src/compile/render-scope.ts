/**
 * The per-node values templates see. Nunjucks macros are compiled once and look names up in
 * the environment's globals at call time, so a render sets these globals, renders
 * synchronously, and puts the previous values back (renders may nest: a hook inside a model).
 */
import type { TemplateEnvironment } from './template-environment.js';

export type ScopeValues = Readonly<Record<string, unknown>>;

export function withScope<T>(env: TemplateEnvironment, values: ScopeValues, render: () => T): T {
  const globals = (env as unknown as { globals: Record<string, unknown> }).globals;
  const previous = new Map<string, unknown>();
  for (const key of Object.keys(values)) {
    previous.set(key, Object.prototype.hasOwnProperty.call(globals, key) ? globals[key] : undefined);
    globals[key] = values[key];
  }
  try {
    return render();
  } finally {
    for (const [key, value] of previous) {
      if (value === undefined) delete globals[key];
      else globals[key] = value;
    }
  }
}
