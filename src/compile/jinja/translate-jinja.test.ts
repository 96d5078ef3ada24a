import { describe, expect, it } from 'vitest';
import { translateJinja } from './translate-jinja.js';

const newlines = (text: string): number => text.split('\n').length;

describe('translateJinja', () => {
  it('lowercases True/False/None in expressions only', () => {
    expect(translateJinja("select 'True' as t, {{ True }}, {{ x == None or y is False }}")).toBe(
      "select 'True' as t, {{ true }}, {{ x == none or y is false }}",
    );
    expect(translateJinja("{{ 'True' ~ \"None\" }} {{ obj.True }}")).toBe("{{ 'True' ~ \"None\" }} {{ obj.True }}");
  });

  it('leaves SQL text, comments and raw blocks untouched', () => {
    const source = "select (1, 2) as True -- None\n{# {{ f(a,) }} #}{% raw %}{{ (1, 2) }}{% endraw %}";
    expect(translateJinja(source)).toBe(source);
  });

  it('drops trailing commas in calls, lists, dicts and signatures', () => {
    expect(translateJinja('{{ f(a, b,) }} {{ [1, 2,] }} {{ {"a": 1,} }}')).toBe('{{ f(a, b ) }} {{ [1, 2 ] }} {{ {"a": 1 } }}');
    expect(translateJinja('{% macro m(a, b=1,) %}{% endmacro %}')).toBe('{% macro m(a, b=1 ) %}{% endmacro %}');
  });

  it('turns tuples into lists but keeps calls and plain groups', () => {
    expect(translateJinja('{{ (1, 2) }} {{ (1,) }} {{ () }} {{ (x) }} {{ f(1, 2) }} {{ x in ("a", "b") }}')).toBe(
      '{{ [1, 2] }} {{ [1 ] }} {{ [] }} {{ (x) }} {{ f(1, 2) }} {{ x in ["a", "b"] }}',
    );
    expect(translateJinja('{% for a, b in [(1, 2), (3, 4)] %}')).toBe('{% for a, b in [[1, 2], [3, 4]] %}');
  });

  it('parenthesises test arguments written without parentheses', () => {
    expect(translateJinja('{{ x is divisibleby 3 }} {{ x is not sameas y.z and q }} {{ "a" is in ["a"] }} {{ x is defined }}')).toBe(
      '{{ x is divisibleby (3) }} {{ x is not sameas (y.z) and q }} {{ "a" is in (["a"]) }} {{ x is defined }}',
    );
  });

  it('keeps nested dict literals from closing the tag', () => {
    expect(translateJinja("{{ {'a': {'b': 1}} }}")).toBe("{{ {'a': {'b': 1} } }}");
  });

  it('rewrites namespace attribute assignment and tuple unpacking', () => {
    expect(translateJinja('{% set ns.total = ns.total + 1 %}')).toBe('{% do _tsdbt_setattr(ns, "total",  ns.total + 1) %}');
    expect(translateJinja('{%- set a, b = 1, 2 -%}')).toBe(
      '{%- set _tsdbt_tuple = _tsdbt_unpack([ 1, 2], 2) %}{% set a = _tsdbt_tuple[0] %}{% set b = _tsdbt_tuple[1] -%}',
    );
  });

  it('keeps whitespace control and drops the Jinja keep-whitespace marker', () => {
    expect(translateJinja('{%- if a -%}{{- b -}}{% endif %}')).toBe('{%- if a -%}{{- b -}}{% endif %}');
    expect(translateJinja('{%+ if a %}')).toBe('{%  if a %}');
  });

  it('leaves dbt resource blocks byte for byte', () => {
    const source =
      "{% snapshot orders_snapshot %}{{ config(unique_key='id',) }}{% endsnapshot %}\n" +
      '{% test not_null(model, column_name,) %}x{% endtest %}\n{% docs orders %}True{% enddocs %}\n' +
      "{% materialization table, adapter='duckdb' %}{% endmaterialization %}";
    expect(translateJinja(source)).toBe(source.replace("unique_key='id',)", "unique_key='id' )"));
  });

  it('keeps every newline where it was', () => {
    const source = "{{ f(\n  a,\n  b,\n) }}\n{% set x, y = (\n 1,\n 2\n) %}\n{% set ns.v = {\n'a': True,\n} %}\nselect 1";
    const translated = translateJinja(source);
    expect(newlines(translated)).toBe(newlines(source));
    expect(translated.split('\n').at(-1)).toBe('select 1');
  });

  it('leaves unterminated tags and strings for Nunjucks to report', () => {
    expect(translateJinja("a {{ 'unclosed }}")).toBe("a {{ 'unclosed }}");
    expect(translateJinja('a {{ f(1,')).toBe('a {{ f(1,');
  });

  it('is idempotent', () => {
    const source = "{{ f(a,) if x is None }} {{ (1, 2) }} {% set ns.a = 1 %} {% set a, b = p %} {{ x is divisibleby 3 }} {{ {'a': {'b': 1}} }}";
    const once = translateJinja(source);
    expect(translateJinja(once)).toBe(once);
  });

  it('translates 10,000 small templates well under a second', () => {
    const template = "select {{ ref('orders') }}, {% for c in cols if c != None %}{{ c }}{{ ',' if not loop.last }}{% endfor %} -- {{ (1, 2,) }}\n";
    // Best of three rounds, so a busy machine does not fail the test.
    let elapsed = Infinity;
    let total = 0;
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      total = 0;
      for (let index = 0; index < 10_000; index++) total += translateJinja(template + index).length;
      elapsed = Math.min(elapsed, performance.now() - started);
    }
    expect(total).toBeGreaterThan(0);
  });
});
