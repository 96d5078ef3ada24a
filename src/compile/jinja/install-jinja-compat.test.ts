import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { installJinjaCompat } from './install-jinja-compat.js';
import { translateJinja } from './translate-jinja.js';

const env = new nunjucks.Environment(null, { autoescape: false });
installJinjaCompat(env);
installJinjaCompat(env); // idempotent

function render(source: string, context: object = {}): string {
  return new nunjucks.Template(translateJinja(source), env, 'models/test.sql', true).render(context);
}

describe('installJinjaCompat: statements', () => {
  it('runs {% do %} for its side effect and prints nothing', () => {
    expect(render('{% set cols = [] %}{% for c in ["a", "b"] %}{% do cols.append(c) %}{% endfor %}[{{ cols | join(",") }}]')).toBe('[a,b]');
    expect(render('{% set d = {"a": 1} %}{% do d.update({"b": 2}) %}{{ d | tojson }}')).toBe('{"a": 1, "b": 2}');
  });

  it('return() hands back a list, dict, bool or number and stops the macro', () => {
    const source = `
{%- macro columns() -%}{% do seen.append('before') %}{{ return(['id', 'name']) }}{% do seen.append('after') %}never{%- endmacro -%}
{%- macro settings() -%}{{ return({'materialized': 'table'}) }}{%- endmacro -%}
{%- macro flag() -%}{{ return(False) }}{%- endmacro -%}
{%- macro count() -%}{{ return(41 + 1) }}{%- endmacro -%}
{{ columns() | length }}|{{ columns()[1] }}|{{ settings().materialized }}|{{ flag() is false }}|{{ count() * 2 }}|{{ seen }}`;
    expect(render(source, { seen: [] })).toBe("2|name|table|True|84|['before', 'before']");
  });

  it('return() inside a loop of a macro ends the whole macro, and the caller continues normally', () => {
    const source = `{% macro first_big(xs) %}{% for x in xs %}{% if x > 2 %}{{ return(x) }}{% endif %}{% endfor %}{{ return(none) }}{% endmacro %}
{%- set outer = 'kept' -%}
{%- for y in [1] %}{{ first_big([1, 5, 7]) }}-{{ first_big([1]) }}-{{ outer }}-{{ y }}{% endfor %}`;
    expect(render(source)).toBe('5-None-kept-1');
  });

  it('return() works through nested macro calls and for macros called from TypeScript', () => {
    const source = `{% macro inner(n) %}{{ return(n * 10) }}{% endmacro %}{% macro outer(n) %}{{ return([inner(n), inner(n + 1)]) }}{% endmacro %}{{ outer(1) }}`;
    expect(render(source)).toBe('[10, 20]');
    const template = new nunjucks.Template(translateJinja('{% macro pair(a, b=2) %}{{ return({"a": a, "b": b}) }}{% endmacro %}'), env, 'macros/m.sql', true);
    let exported: Record<string, (...args: unknown[]) => unknown> = {};
    (template as unknown as { getExported(cb: (error: unknown, value: typeof exported) => void): void }).getExported((_error, value) => {
      exported = value;
    });
    expect(exported.pair(1)).toEqual({ a: 1, b: 2 });
  });

  it('a macro without return() still renders to its text', () => {
    expect(render('{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m(1) }}{{ m(2) ~ "!" }}')).toBe('<1><2>!');
  });

  it('namespace() attributes survive a loop', () => {
    const source = '{% set ns = namespace(total=0, names=[]) %}{% for i in [1, 2, 3] %}{% set ns.total = ns.total + i %}{% do ns.names.append(i) %}{% endfor %}{{ ns.total }} {{ ns.names }}';
    expect(render(source)).toBe('6 [1, 2, 3]');
  });

  it('set a, b = ... unpacks', () => {
    expect(render('{% set a, b = 1, 2 %}{% set c, d = ["x", "y"] %}{{ a }}{{ b }}{{ c }}{{ d }}')).toBe('12xy');
  });

  it('for ... if filters the items, and loop.* counts only the kept ones', () => {
    const source = '{% for c in cols if c not in exclude %}{{ loop.index }}:{{ c }}{{ "," if not loop.last }}{% endfor %}';
    expect(render(source, { cols: ['id', 'secret', 'name'], exclude: ['secret'] })).toBe('1:id,2:name');
    expect(render('{% for k, v in d.items() if v %}{{ k }}{% endfor %}', { d: { a: 1, b: 0, c: 2 } })).toBe('ac');
  });

  it('loop.first, loop.last, loop.index, loop.length and loop.revindex', () => {
    const source = '{% for c in ["a", "b", "c"] %}{{ loop.index }}/{{ loop.length }}/{{ loop.revindex }}{{ "F" if loop.first }}{{ "L" if loop.last }} {% endfor %}';
    expect(render(source)).toBe('1/3/3F 2/3/2 3/3/1L ');
    expect(render('select {% for c in cols %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %} from t', { cols: ['id', 'name', 'total'] })).toBe(
      'select id, name, total from t',
    );
  });

  it('call/caller passes the block, with arguments', () => {
    expect(render('{% macro wrap() %}({{ caller() }}){% endmacro %}{% call wrap() %}inner{% endcall %}')).toBe('(inner)');
    expect(render('{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}{% call(v) each([1, 2]) %}<{{ v }}>{% endcall %}')).toBe('<1><2>');
  });

  it('keeps whitespace control and comments', () => {
    expect(render('a\n{%- if true -%}\n  b\n{%- endif %}{# note #}')).toBe('ab');
  });
});

describe('installJinjaCompat: values and operators', () => {
  it('prints True/False/None and containers as Python does', () => {
    expect(render('{{ True }} {{ False }} {{ None }} {{ [1, "a", none] }} {{ {"k": True} }} {{ undefined_name }}.')).toBe(
      "True False None [1, 'a', None] {'k': True} .",
    );
  });

  it('uses Python truthiness in conditions, not and or', () => {
    expect(render('{% if [] %}y{% else %}n{% endif %}{% if {} %}y{% else %}n{% endif %}{{ [] or "d" }}{{ "a" and "b" }}{{ not [] }}')).toBe('nndbTrue');
  });

  it('follows Python for ~ + * % and ==', () => {
    expect(render('{{ x ~ "-" ~ 1 }}|{{ [1] + [2] }}|{{ "-" * 3 }}|{{ -7 % 3 }}|{{ "%s=%05.1f" % ("a", 3.14159) }}|{{ "1" == 1 }}|{{ [1, 2] == [1, 2] }}')).toBe(
      "-1|[1, 2]|---|2|a=003.1|False|True",
    );
  });

  it('slices strings and lists', () => {
    expect(render('{{ "abcdef"[1:3] }} {{ "abc"[::-1] }} {{ [1, 2, 3][-2:] }}')).toBe('bc cba [2, 3]');
  });

  it('supports tuples and trailing commas', () => {
    expect(render('{{ (1, 2) }} {{ ("a",) | length }} {{ [1, 2,] | sum }} {{ {"a": 1,}.a }} {{ "x" in ("x", "y") }}')).toBe('[1, 2] 1 3 1 True');
  });

  it('has the Jinja tests', () => {
    expect(render('{{ x is none }} {{ x is not none }} {{ y is defined }} {{ 3 is divisibleby 3 }} {{ "a" is in ["a"] }} {{ 2 is integer }} {{ "s" is string }}', { x: null })).toBe(
      'True False False True True True True',
    );
  });
});
