import { describe, expect, it } from 'vitest';
import nunjucks from 'nunjucks';
import { installJinjaCompat } from './install-jinja-compat.js';
import { translateJinja } from './translate-jinja.js';
import { toTemplateError } from './template-error.js';

function render(source: string): string {
  const env = new nunjucks.Environment(null, { autoescape: false });
  installJinjaCompat(env);
  try {
    return new nunjucks.Template(translateJinja(source), env, 'm.sql', true).render({});
  } catch (error) {
    throw toTemplateError(error, 'm.sql');
  }
}

describe('varargs and kwargs in macros', () => {
  it('fail at their line instead of rendering empty', () => {
    const source = "{% macro cols() %}\nselect\n  {{ varargs | join(', ') }}\n{% endmacro %}\n{{ cols('a', 'b') }}";
    expect(() => render(source)).toThrowError(/'varargs' \(the extra arguments of a Jinja macro call\) is not supported/);
    try {
      render(source);
    } catch (error) {
      expect((error as { line?: number }).line).toBe(3);
      expect((error as { file?: string }).file).toBe('m.sql');
    }
    expect(() => render('{% macro opts() %}{{ kwargs.x }}{% endmacro %}{{ opts(x=1) }}')).toThrowError(/'kwargs'/);
  });

  it('are fine as ordinary parameter names, and other macros are untouched', () => {
    expect(render('{% macro wrap(kwargs) %}[{{ kwargs }}]{% endmacro %}{{ wrap(3) }}')).toBe('[3]');
    expect(render("{% macro pair(a, b='x') %}{{ a }}-{{ b }}{% endmacro %}{{ pair(1) }} {{ pair(1, b=2) }}")).toBe('1-x 1-2');
  });
});

describe('macro calls with more positional arguments than parameters', () => {
  it('fail at the line of the call, as in Jinja, instead of dropping the extra ones', () => {
    const source = "{% macro pair(a, b='x') %}{{ a }}-{{ b }}{% endmacro %}\nselect 1\n{{ pair(1, 2, 3) }}";
    expect(() => render(source)).toThrowError(/called with 3 positional arguments but takes at most 2 \(a, b\)/);
    try {
      render(source);
    } catch (error) {
      expect((error as { line?: number }).line).toBe(3);
    }
    expect(() => render('{% macro today() %}x{% endmacro %}{{ today(1) }}')).toThrowError(/takes no arguments/);
    expect(render("{% macro pair(a, b='x') %}{{ a }}-{{ b }}{% endmacro %}{{ pair(1, 2) }} {{ pair(1, b=3) }}")).toBe('1-2 1-3');
  });
});
