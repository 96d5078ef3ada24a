import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { installJinjaCompat } from './install-jinja-compat.js';
import { translateJinja } from './translate-jinja.js';

const env = new nunjucks.Environment(null, { autoescape: false });
installJinjaCompat(env);
const render = (source: string, context: object = {}): string => env.renderString(translateJinja(source), context);

const people = [
  { name: 'ann', age: 30, team: 'b', active: true },
  { name: 'bob', age: 20, team: 'a', active: false },
  { name: 'cy', age: 40, team: 'b', active: true, nick: null },
];

describe('Jinja filters', () => {
  it('tojson sorts keys, writes Python spacing and escapes HTML characters', () => {
    expect(render('{{ {"b": {"y": 1, "x": [1, 2]}, "a": none, "s": "it\'s <b>"} | tojson }}')).toBe(
      '{"a": null, "b": {"x": [1, 2], "y": 1}, "s": "it\\u0027s \\u003cb\\u003e"}',
    );
    expect(render('{{ {"a": [1]} | tojson(indent=2) }}')).toBe('{\n  "a": [\n    1\n  ]\n}');
  });

  it('selectattr / rejectattr with and without tests, then map(attribute=)', () => {
    expect(render('{{ people | selectattr("active") | map(attribute="name") | join(",") }}', { people })).toBe('ann,cy');
    expect(render('{{ people | rejectattr("active") | map(attribute="name") | list }}', { people })).toBe("['bob']");
    expect(render('{{ people | selectattr("team", "equalto", "b") | map(attribute="name") | join(",") }}', { people })).toBe('ann,cy');
    expect(render('{{ people | selectattr("age", ">", 25) | map(attribute="name") | join(",") }}', { people })).toBe('ann,cy');
    expect(render('{{ people | selectattr("nick", "defined") | map(attribute="name") | join(",") }}', { people })).toBe('cy');
    expect(render('{{ people | selectattr("nick", "none") | map(attribute="name") | join(",") }}', { people })).toBe('cy');
    expect(render('{{ people | selectattr("team", "in", ["a"]) | map(attribute="name") | join(",") }}', { people })).toBe('bob');
  });

  it('map by filter name, select/reject by test', () => {
    expect(render('{{ ["a", "b"] | map("upper") | join(",") }}')).toBe('A,B');
    expect(render('{{ [1, 2, 3, 4] | select("odd") | list }} {{ [1, 2, 3, 4] | reject("odd") | list }} {{ [0, 1, "", "x"] | select | list }}')).toBe(
      "[1, 3] [2, 4] [1, 'x']",
    );
  });

  it('unique, list, join(attribute=), length, sum, min, max, first, last', () => {
    expect(render('{{ ["a", "A", "b"] | unique | list }} {{ "ab" | list }} {{ people | join("/", attribute="name") }}', { people })).toBe(
      "['a', 'b'] ['a', 'b'] ann/bob/cy",
    );
    expect(render('{{ [1, none] | join(",") }} {{ {"a": 1, "b": 2} | length }} {{ people | sum(attribute="age") }}', { people })).toBe('1,None 2 90');
    expect(render('{{ ["b", "A", "c"] | min }} {{ [3, 9, 2] | max }} {{ (people | max(attribute="age")).name }}', { people })).toBe('A 9 cy');
    expect(render('{{ [3, 9, 2] | first }} {{ "xyz" | last }} {{ [] | first }}.')).toBe('3 z .');
  });

  it('default with Jinja semantics', () => {
    expect(render('{{ missing | default("d") }} {{ none | default("d") }} {{ "" | default("d") }} {{ "" | default("d", true) }} {{ [] | d("e", boolean=true) }}')).toBe(
      'd None  d e',
    );
  });

  it('string and number filters', () => {
    expect(render('{{ none | lower }} {{ "ab" | upper }} {{ "a.b.c" | replace(".", "_", 1) }} {{ "xxaxx" | trim("x") }} {{ 5 | string ~ "!" }}')).toBe('none AB a_b.c a 5!');
    expect(render('{{ "3.7" | int }} {{ "abc" | int }} {{ "abc" | int(7) }} {{ "0x1A" | int(base=16) }} {{ "1.5" | float + 1 }} {{ -3 | abs }}')).toBe('3 0 7 26 2.5 3');
    expect(render('{{ 2.5 | round }} {{ 3.5 | round }} {{ 2.345 | round(2, "floor") }} {{ 2.1 | round(method="ceil") }}')).toBe('2 4 2.34 3');
  });

  it('batch, items, sort, groupby, format, indent', () => {
    expect(render('{{ [1, 2, 3] | batch(2, 0) | list }} {{ {"a": 1} | items | list }}')).toBe('[[1, 2], [3, 0]] [[\'a\', 1]]');
    expect(render('{{ people | sort(attribute="age", reverse=true) | map(attribute="name") | join(",") }}', { people })).toBe('cy,ann,bob');
    expect(render('{% for g in people | groupby("team") %}{{ g.grouper }}={{ g.list | map(attribute="name") | join("+") }};{% endfor %}', { people })).toBe(
      'a=bob;b=ann+cy;',
    );
    expect(render('{{ "%s-%d" | format("a", 3) }}|{{ "a\nb" | indent(2) }}')).toBe('a-3|a\n  b');
  });

  it('Nunjucks filters kept as they are refuse keyword arguments instead of misreading them', () => {
    expect(() => render('{{ "abc" | truncate(length=2) }}')).toThrow("The filter 'truncate' does not take keyword arguments here");
  });
});
