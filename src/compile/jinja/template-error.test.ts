import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { TsdbtError } from '../../errors/tsdbt-error.js';
import { installJinjaCompat } from './install-jinja-compat.js';
import { toTemplateError } from './template-error.js';
import { translateJinja } from './translate-jinja.js';

const env = new nunjucks.Environment(null, { autoescape: false });
installJinjaCompat(env);
env.addGlobal('ref', (name: string) => {
  throw new TsdbtError({ kind: 'dependency', message: `Model '${name}' not found`, hint: 'Check the name.' });
});
env.addGlobal('exceptions', {
  raise_compiler_error: (message: string) => {
    throw new TsdbtError({ kind: 'compilation', message });
  },
});

/** Compiles and renders like the compile stage does, returning the converted error. */
function failure(source: string, file = 'models/orders.sql', context: object = {}): TsdbtError {
  try {
    new nunjucks.Template(translateJinja(source), env, file, true).render(context);
  } catch (error) {
    return toTemplateError(error, file, 'model.shop.orders');
  }
  throw new Error('expected the template to fail');
}

describe('toTemplateError', () => {
  it('reports a syntax error on line 5 at line 5, after translation rewrote earlier lines', () => {
    const source = "{% set ns = namespace(a=True,) %}\n{% set ns.a = (1, 2,) %}\n{{ f(x,) }}\nselect 1\n{{ 1 + }}\n";
    const error = failure(source);
    expect(error.kind).toBe('template');
    expect(error.file).toBe('models/orders.sql');
    expect(error.line).toBe(5);
    expect(error.nodeId).toBe('model.shop.orders');
    expect(error.message).toBe("Unexpected '}}'");
    expect(error.hint).toContain('An expression was expected');
    expect(error.message).not.toContain('unknown path');
  });

  it('reports an undefined function call at its line', () => {
    const error = failure('select 1\nfrom t\nwhere {{ no_such_macro() }}');
    expect(error.kind).toBe('template');
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThan(1);
    expect(error.message).toBe("'no_such_macro' is undefined and cannot be called");
  });

  it('suggests close names for an unknown filter, at its line', () => {
    const error = failure('select\n{{ "a" | uper }}');
    expect(error.message).toBe("Unknown filter 'uper'");
    expect(error.line).toBe(2);
    expect(error.hint).toContain("'upper'");
  });

  it('explains unknown and unbalanced block tags', () => {
    const error = failure('{% for x in xs %}\n{{ x }}\n{% endif %}');
    expect(error.line).toBe(3);
    expect(error.message).toBe("Unknown block tag 'endif'");
    expect(error.hint).toContain("'{% if %}'");
  });

  it('lets a TsdbtError thrown inside a template come out as itself, with the line filled in', () => {
    const error = failure("select *\nfrom {{ ref('missing') }}");
    expect(error.kind).toBe('dependency');
    expect(error.message).toBe("Model 'missing' not found");
    expect(error.hint).toBe('Check the name.');
    expect(error.line).toBe(2);
    expect(error.file).toBe('models/orders.sql');
  });

  it('keeps raise_compiler_error raised inside a macro at the macro line', () => {
    const source = "{% macro check(x) %}\n  {% if not x %}\n    {{ exceptions.raise_compiler_error('x is required') }}\n  {% endif %}\n{% endmacro %}\nselect 1\n{{ check(none) }}";
    const error = failure(source);
    expect(error.kind).toBe('compilation');
    expect(error.message).toBe('x is required');
    expect(error.line).toBe(3);
  });

  it('reports a Python error at its line', () => {
    const error = failure("select 1\n\n{{ 'a' + 1 }}");
    expect(error.kind).toBe('template');
    expect(error.message).toBe('TypeError: can only concatenate str (not "int") to str');
    expect(error.line).toBe(3);
  });

  it('makes return() outside a macro a clear template error', () => {
    const error = failure('select 1\n{{ return(1) }}');
    expect(error.kind).toBe('template');
    expect(error.message).toBe('return() can only be used inside a macro');
    expect(error.line).toBe(2);
  });

  it('reports assigning an attribute of a non-namespace', () => {
    const error = failure('{% set d = {} %}\n{% set d.x = 1 %}');
    expect(error.message).toContain("Cannot assign attribute 'x' on a dict");
    expect(error.line).toBe(2);
  });

  it('parses a plain Nunjucks error message when nothing else is known', () => {
    const error = toTemplateError(new Error('(unknown path) [Line 3, Column 7]\n  unexpected token: )'), 'models/a.sql');
    expect(error).toMatchObject({ kind: 'template', file: 'models/a.sql', line: 3, column: 7, message: "Unexpected ')'" });
  });

  it('passes a TsdbtError that already crossed the boundary through unchanged', () => {
    const original = new TsdbtError({ kind: 'cycle', message: 'a -> b -> a', file: 'models/a.sql', line: 1 });
    const error = toTemplateError(original, 'models/other.sql', 'model.x');
    expect(error).toMatchObject({ kind: 'cycle', message: 'a -> b -> a', file: 'models/a.sql', line: 1, nodeId: 'model.x' });
  });

  it('places an error inside a macro from another file at that file and line', () => {
    const macros = new nunjucks.Template(translateJinja("{% macro build(n) %}\n  {{ n | nosuchfilter }}\n{% endmacro %}"), env, 'macros/build.sql', true);
    let exported: Record<string, unknown> = {};
    (macros as unknown as { getExported(cb: (error: unknown, value: Record<string, unknown>) => void): void }).getExported((_error, value) => {
      exported = value;
    });
    const error = failure('select 1\n\n{{ build(1) }}', 'models/orders.sql', { build: exported.build });
    expect(error.file).toBe('macros/build.sql');
    expect(error.line).toBe(2);
    expect(error.message).toBe("Unknown filter 'nosuchfilter'");
    expect(error.hint).toContain('while rendering models/orders.sql');
  });
});
