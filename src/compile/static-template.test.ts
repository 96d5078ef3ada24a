import { describe, expect, it } from 'vitest';
import nunjucks from 'nunjucks';
import { parseStaticTemplate, renderStaticTemplate } from './static-template.js';
import { createTemplateEnvironment, compileTemplate, renderTemplate } from './template-environment.js';
import { keywordArgs } from './call-args.js';

const functions: Record<string, unknown> = {
  ref: (name: string) => `"db"."main"."${name}"`,
  source: (a: string, b: string) => `"raw"."${a}_${b}"`,
  config: () => '',
  scale: (column: string, ...rest: unknown[]) => {
    const last = rest[rest.length - 1] as Record<string, unknown> | undefined;
    const factor = last && typeof last === 'object' && '__keywords' in last ? last.factor : (rest[0] ?? 2);
    return `(${column} * ${String(factor)})`;
  },
};

function viaNunjucks(source: string): string {
  const env = createTemplateEnvironment();
  for (const [name, fn] of Object.entries(functions)) env.addGlobal(name, fn);
  return renderTemplate(compileTemplate(env, source, 'x.sql'), {}, 'x.sql');
}

describe('the static template fast path', () => {
  const cases = [
    "select * from {{ ref('orders') }}",
    "{{ config(materialized='table', tags=['a', 'b'], enabled=true) }}\nselect id\nfrom {{ source('shop', 'orders') }} as o\njoin {{ ref('customers') }} c on c.id = o.customer_id",
    "select {{ scale('amount') }} as a, {{ scale('amount', factor=10) }} as b, {{ scale('x', 3) }} as c",
    "select 1\n{{- ref('trimmed') -}}\n  where true",
    'select "{{ ref("double_quoted") }}"',
  ];
  for (const source of cases) {
    it(`renders like Nunjucks: ${JSON.stringify(source.slice(0, 40))}`, () => {
      const parsed = parseStaticTemplate(source);
      expect(parsed).toBeDefined();
      expect(renderStaticTemplate(parsed!, (name) => functions[name], 'x.sql')).toBe(viaNunjucks(source));
    });
  }

  it('leaves anything beyond literal calls to Nunjucks', () => {
    for (const source of [
      '{% if true %}x{% endif %}',
      '{# note #} select 1',
      "select {{ ref('a') | upper }}",
      "select {{ 'a' ~ 'b' }}",
      'select {{ x }}',
      "select {{ ref(name) }}",
      "select {{ adapter.quote('x') }}",
      "select {{ ref('a\\'b') }}",
      "select {{ f(a=1, 2) }}",
    ]) {
      expect(parseStaticTemplate(source), source).toBeUndefined();
    }
  });

  it('gives up (for Nunjucks to report) when a name is not a function', () => {
    const parsed = parseStaticTemplate("select {{ missing_macro('x') }}")!;
    expect(renderStaticTemplate(parsed, () => undefined, 'x.sql')).toBeUndefined();
  });

  it('records the line and column of each call for errors', () => {
    const parsed = parseStaticTemplate("select 1\n\n  from {{ ref('a') }}")!;
    const call = parsed.parts.find((part) => typeof part !== 'string');
    expect(call).toMatchObject({ name: 'ref', line: 3, column: 14 });
  });

  it('passes keyword arguments the way Nunjucks does', () => {
    const seen: unknown[] = [];
    const parsed = parseStaticTemplate("{{ config(materialized='table', unique_key=['a', 'b'], cluster_by=none) }}")!;
    renderStaticTemplate(parsed, () => (...args: unknown[]) => seen.push(...args), 'x.sql');
    expect(seen).toEqual([keywordArgs({ materialized: 'table', unique_key: ['a', 'b'], cluster_by: null })]);
    void nunjucks;
  });
});
