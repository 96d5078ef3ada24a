import { describe, expect, it } from 'vitest';

import { validateJsonSchema, type JsonSchema } from './validate-json-schema.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['id', 'kind'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^model\\.' },
    kind: { enum: ['view', 'table'] },
    version: { const: 12 },
    count: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' } },
    child: { $ref: '#/definitions/child' },
    either: { anyOf: [{ type: 'null' }, { type: 'boolean' }] },
  },
  definitions: { child: { type: ['object', 'null'], required: ['name'] } },
};

describe('validateJsonSchema', () => {
  it('accepts a valid value', () => {
    expect(validateJsonSchema(schema, { id: 'model.a', kind: 'view', version: 12, count: 3, tags: ['x'], child: null, either: true })).toEqual([]);
  });

  it('reports every problem with its path', () => {
    expect(
      validateJsonSchema(schema, { id: 'seed.a', kind: 'cube', version: 11, count: 1.5, tags: ['x', 2], child: {}, either: 'no', extra: 1 }),
    ).toEqual([
      '$.id: "seed.a" does not match ^model\\.',
      '$.kind: expected one of "view", "table", got "cube"',
      '$.version: expected 12',
      '$.count: expected integer, got number',
      '$.tags[1]: expected string, got integer',
      '$.child: missing required property "name"',
      '$.either: matches none of the allowed shapes',
      '$: unexpected property "extra"',
    ]);
  });

  it('reports missing required properties and wrong top-level types', () => {
    expect(validateJsonSchema(schema, { id: 'model.a' })).toEqual(['$: missing required property "kind"']);
    expect(validateJsonSchema(schema, [])).toEqual(['$: expected object, got array']);
  });

  it('quotes keys that are not identifiers', () => {
    const map: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
    expect(validateJsonSchema(map, { 'model.shop.a': 1 })).toEqual(['$["model.shop.a"]: expected string, got integer']);
  });
});
