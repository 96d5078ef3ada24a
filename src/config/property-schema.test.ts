import { describe, expect, it } from 'vitest';
import { TsdbtError, TsdbtErrors } from '../errors/tsdbt-error.js';
import { loadYaml } from '../load/load-yaml.js';
import { parsePropertyFile } from './property-schema.js';

const parse = (text: string) => parsePropertyFile(loadYaml(text, { file: 'models/schema.yml', env: {} }));

function problems(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    const errors = error instanceof TsdbtErrors ? error.errors : [error as TsdbtError];
    return errors.map((e) => `${e.location} ${e.message}${e.hint ? ` (${e.hint})` : ''}`);
  }
  throw new Error('expected an error');
}

describe('parsePropertyFile', () => {
  it('normalises every way of writing a test', () => {
    const { document } = parse(`
version: 2
models:
  - name: orders
    description: "{{ doc('orders') }}"
    config: {materialized: table, tags: [core]}
    data_tests:
      - dbt_utils.expression_is_true:
          arguments: {expression: "total >= 0"}
          config: {severity: warn}
    columns:
      - name: id
        data_type: integer
        tests: [unique, not_null]
      - name: status
        tests:
          - accepted_values: {values: [placed, shipped], quote: false, severity: warn, name: status_ok}
          - name: status_not_null
            test_name: not_null
            where: "status is not null"
      - name: customer_id
        constraints: [{type: not_null}]
        meta: {pii: false}
        tags: fk
`);
    const [orders] = document.models;
    expect(orders.description).toBe("{{ doc('orders') }}");
    expect(orders.config).toEqual({ materialized: 'table', tags: ['core'] });
    expect(orders.tests).toEqual([
      {
        testName: 'dbt_utils.expression_is_true',
        arguments: { expression: 'total >= 0' },
        config: { severity: 'warn' },
        keyPath: ['data_tests', 0],
      },
    ]);
    expect(orders.columns[0].tests.map((t) => t.testName)).toEqual(['unique', 'not_null']);
    expect(orders.columns[1].tests).toEqual([
      {
        testName: 'accepted_values',
        name: 'status_ok',
        arguments: { values: ['placed', 'shipped'], quote: false },
        config: { severity: 'warn' },
        keyPath: ['tests', 0],
      },
      {
        testName: 'not_null',
        name: 'status_not_null',
        arguments: {},
        config: { where: 'status is not null' },
        keyPath: ['tests', 1],
      },
    ]);
    expect(orders.columns[2]).toMatchObject({ constraints: [{ type: 'not_null' }], meta: { pii: false }, tags: 'fk' });
  });

  it('reads sources, seeds, snapshots, macros, exposures and unit tests', () => {
    const { document, notices } = parse(`
sources:
  - name: raw
    schema: raw_shop
    loaded_at_field: _loaded_at
    freshness: {warn_after: {count: 12, period: hour}, error_after: {count: 1, period: day}, filter: "x > 1"}
    tables:
      - name: orders
        identifier: orders_v2
        freshness: null
        columns: [{name: id, data_tests: [unique]}]
seeds:
  - name: countries
    config: {column_types: {code: varchar}}
snapshots:
  - name: orders_snapshot
    relation: ref('orders')
    config: {strategy: timestamp, unique_key: id, updated_at: updated_at}
macros:
  - name: cents_to_dollars
    arguments: [{name: column, type: string}]
exposures:
  - name: weekly
    type: dashboard
    owner: {email: a@b.c}
    depends_on: ["ref('orders')"]
unit_tests:
  - name: test_totals
    model: orders
    given:
      - input: ref('stg_orders')
        rows: [{id: 1, total: 5}]
      - input: source('raw', 'orders')
        format: csv
        rows: |
          id,total
          1,5
    expect: {rows: [{id: 1, total: 5}]}
metrics:
  - name: revenue
`);
    expect(document.sources[0]).toMatchObject({
      name: 'raw',
      schema: 'raw_shop',
      freshness: { warn_after: { count: 12, period: 'hour' }, error_after: { count: 1, period: 'day' }, filter: 'x > 1' },
    });
    expect(document.sources[0].tables[0]).toMatchObject({ identifier: 'orders_v2', freshness: null });
    expect(document.sources[0].tables[0].columns[0].tests[0].keyPath).toEqual(['data_tests', 0]);
    expect(document.seeds[0].config).toEqual({ column_types: { code: 'varchar' } });
    expect(document.snapshots[0].relation).toBe("ref('orders')");
    expect(document.macros[0].arguments).toEqual([{ name: 'column', type: 'string' }]);
    expect(document.exposures[0].depends_on).toEqual(["ref('orders')"]);
    expect(document.unit_tests[0].given[1]).toEqual({
      input: "source('raw', 'orders')",
      format: 'csv',
      rows: 'id,total\n1,5\n',
    });
    expect(notices).toEqual([
      'models/schema.yml: `metrics` is accepted but has no effect (the semantic layer is not part of tsdbt)',
    ]);
  });

  it('treats an empty file as an empty document', () => {
    expect(parse('').document.models).toEqual([]);
  });

  it('reports every problem with its key path and position', () => {
    expect(
      problems(`version: 2
models:
  - name: a
  - name: b
  - name: c
    colums: []
    columns:
      - name: id
        tests: unique
      - description: no name
      - name: x
        tests:
          - accepted_values: [a, b]
          - {unique: {}, not_null: {}}
          - 42
`),
    ).toEqual([
      'models/schema.yml:6:5 models[2]: unknown key `colums` (did you mean `columns`?)',
      'models/schema.yml:9:9 models[2].columns[0].tests: expected a list (found a string (`unique`))',
      'models/schema.yml:10:9 models[2].columns[1]: missing required key `name`',
      'models/schema.yml:13:13 models[2].columns[2].tests[0].accepted_values: the arguments of `accepted_values` must be a mapping, found a list',
      'models/schema.yml:14:13 models[2].columns[2].tests[1]: a test is a name (`unique`) or a mapping with one key (`accepted_values: {values: [...]}`), found a mapping with keys `unique`, `not_null`',
      'models/schema.yml:15:13 models[2].columns[2].tests[2]: a test is a name (`unique`) or a mapping with one key (`accepted_values: {values: [...]}`), found a number (42)',
    ]);
  });

  it('rejects tests and data_tests together, and bad enums', () => {
    expect(
      problems(`models:
  - name: a
    tests: [unique]
    data_tests: [not_null]
sources:
  - name: s
    freshness: {warn_after: {count: 1, period: week}}
`),
    ).toEqual([
      'models/schema.yml:4:5 models[0].data_tests: use either `tests:` or `data_tests:`, not both',
      'models/schema.yml:7:40 sources[0].freshness.warn_after.period: expected one of `minute`, `hour`, `day`',
    ]);
  });

  it('rejects a file that is not a mapping', () => {
    expect(problems('- name: a\n')).toEqual([
      'models/schema.yml:1:1 a property file must be a mapping with keys such as `models:` or `sources:`, found a list',
    ]);
  });
});
