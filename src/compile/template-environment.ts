/**
 * The Nunjucks environment every template renders in: SQL (no autoescape), Jinja compatibility
 * installed, and the globals every model/macro/hook sees. Per-node values (`this`, `ref`,
 * `config`, `execute`, ...) are set on the environment's globals for the duration of one
 * synchronous render (see `render-scope.ts`), so macros compiled once see the current node.
 */
import nunjucks from 'nunjucks';
import { installJinjaCompat } from './jinja/install-jinja-compat.js';
import { translateJinja } from './jinja/translate-jinja.js';
import { toTemplateError } from './jinja/template-error.js';

export type TemplateEnvironment = nunjucks.Environment;

export function createTemplateEnvironment(): TemplateEnvironment {
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: false });
  installJinjaCompat(env);
  return env;
}

/** Compile once (translate Jinja idioms, then Nunjucks), mapping syntax errors to file:line. */
export function compileTemplate(env: TemplateEnvironment, source: string, file: string, nodeId?: string): nunjucks.Template {
  try {
    return new nunjucks.Template(translateJinja(source), env, file, true);
  } catch (error) {
    const mapped = toTemplateError(error, file, nodeId);
    // Nunjucks reports an unclosed block at end of file without a position: point at the last line.
    if (mapped.line === undefined && /end of file/.test(mapped.message)) {
      throw mapped.withDefaults({
        line: source.split('\n').length,
        hint: 'A block is not closed: check that every {% if %}, {% for %}, {% macro %} and {% call %} has its end tag.',
      });
    }
    throw mapped;
  }
}

/** Render a compiled template synchronously; errors become TsdbtErrors at the template line. */
export function renderTemplate(template: nunjucks.Template, context: object, file: string, nodeId?: string): string {
  try {
    return template.render(context);
  } catch (error) {
    throw toTemplateError(error, file, nodeId);
  }
}
