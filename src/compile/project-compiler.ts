/**
 * The template machinery of one invocation: the environment, the macro registry and a cache of
 * compiled node templates, so each file is compiled once and rendered once per phase
 * (parse with `execute = false`, compile with `execute = true`).
 */
import type nunjucks from 'nunjucks';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dialect } from '../adapters/dialect.js';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { installBuiltinGlobals, type InvocationContext } from './builtin-globals.js';
import { MacroRegistry } from './macro-registry.js';
import { withScope, type ScopeValues } from './render-scope.js';
import { compileTemplate, createTemplateEnvironment, renderTemplate, type TemplateEnvironment } from './template-environment.js';
import { parseStaticTemplate, renderStaticTemplate, type StaticTemplate } from './static-template.js';
import { toTemplateError } from './jinja/template-error.js';

/** Built-in macro files. `src/` from both `src/compile` and `dist/compile` (templates are not compiled by tsc). */
const BUILTIN_MACRO_DIR = fileURLToPath(new URL('../../src/materializations/', import.meta.url));

function listSqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSqlFiles(path));
    else if (entry.name.endsWith('.sql')) out.push(path);
  }
  return out.sort();
}

export class ProjectCompiler {
  readonly env: TemplateEnvironment;
  readonly macros: MacroRegistry;
  private readonly templates = new Map<string, { static?: StaticTemplate; compiled?: nunjucks.Template }>();

  constructor(
    readonly dialect: Dialect,
    readonly invocation: InvocationContext,
  ) {
    this.env = createTemplateEnvironment();
    this.macros = new MacroRegistry(this.env);
    installBuiltinGlobals(this.env, invocation, dialect, this.macros);
    this.env.addGlobal('var', (name: string, fallback?: unknown) => {
      if (Object.prototype.hasOwnProperty.call(invocation.vars, name)) return invocation.vars[name];
      if (fallback !== undefined) return fallback;
      throw new TsdbtError({
        kind: 'compilation',
        message: `Required var '${name}' not found in config`,
        hint: `Pass it with --vars '{${name}: ...}' or set it under vars: in project.yml.`,
      });
    });
    for (const file of listSqlFiles(BUILTIN_MACRO_DIR)) {
      const relative = 'tsdbt/' + file.slice(BUILTIN_MACRO_DIR.length).replaceAll('\\', '/');
      this.macros.addFile(readFileSync(file, 'utf8'), relative, 'tsdbt');
    }
  }

  /**
   * Compile (once) and render a node's template with per-node globals. Templates whose Jinja
   * is only literal-argument calls take the static fast path; the rest go through Nunjucks.
   */
  render(key: string, source: string, file: string, scope: ScopeValues, nodeId?: string): string {
    let entry = this.templates.get(key);
    if (!entry) {
      const fast = parseStaticTemplate(source);
      entry = fast ? { static: fast } : { compiled: compileTemplate(this.env, source, file, nodeId) };
      this.templates.set(key, entry);
    }
    const cached = entry;
    return withScope(this.env, scope, () => {
      if (cached.static) {
        const globals = (this.env as unknown as { globals: Record<string, unknown> }).globals;
        try {
          const text = renderStaticTemplate(cached.static, (name) => globals[name], file, nodeId);
          if (text !== undefined) return text;
        } catch (error) {
          throw toTemplateError(error, file, nodeId);
        }
        // A name that is not a function: let Nunjucks render it and report what is wrong.
        cached.compiled ??= compileTemplate(this.env, source, file, nodeId);
      }
      return renderTemplate(cached.compiled!, {}, file, nodeId);
    });
  }

  /** Render a one-off snippet (hooks, test arguments); not cached. */
  renderString(source: string, file: string, scope: ScopeValues, nodeId?: string): string {
    const template = compileTemplate(this.env, source, file, nodeId);
    return withScope(this.env, scope, () => renderTemplate(template, {}, file, nodeId));
  }

  /** Run a function (usually a macro call) with per-node globals set. */
  withScope<T>(scope: ScopeValues, work: () => T): T {
    return withScope(this.env, scope, work);
  }
}
