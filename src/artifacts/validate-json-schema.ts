/**
 * A small JSON Schema validator, enough for the artifact schemas in `schemas/`: `type`
 * (including `integer` and type lists), `required`, `properties`, `additionalProperties`,
 * `items`, `enum`, `const`, `pattern`, `anyOf` and `$ref` to `#/definitions/<name>`.
 * Tests use it to check that every artifact keeps the shape dbt tools expect.
 */

/** The subset of JSON Schema this validator understands. */
export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly anyOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly [annotation: string]: unknown;
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/**
 * Every place `value` breaks `schema`, as `<path>: <problem>` (path like `$.nodes["model.a"].fqn[0]`).
 * An empty list means the value is valid.
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown): readonly string[] {
  const errors: string[] = [];
  check(schema, value, '$', schema, errors);
  return errors;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function matchesType(expected: JsonType, actual: JsonType): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  const prefix = '#/definitions/';
  const definition = ref.startsWith(prefix) ? root.definitions?.[ref.slice(prefix.length)] : undefined;
  if (definition === undefined) throw new Error(`Unresolvable $ref ${ref}`);
  return definition;
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function check(schema: JsonSchema, value: unknown, path: string, root: JsonSchema, errors: string[]): void {
  if (schema.$ref !== undefined) {
    check(resolveRef(root, schema.$ref), value, path, root, errors);
    return;
  }
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const expected: readonly JsonType[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!expected.some((type) => matchesType(type, actual))) {
      errors.push(`${path}: expected ${expected.join(' or ')}, got ${actual}`);
      return;
    }
  }
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  }
  if (schema.enum !== undefined && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    errors.push(`${path}: expected one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}, got ${JSON.stringify(value)}`);
  }
  if (schema.pattern !== undefined && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (schema.anyOf !== undefined && !schema.anyOf.some((option) => validateAgainst(option, value, root))) {
    errors.push(`${path}: matches none of the allowed shapes`);
  }
  if (actual === 'object') checkObject(schema, value as Readonly<Record<string, unknown>>, path, root, errors);
  if (actual === 'array' && schema.items !== undefined) {
    const items = schema.items;
    (value as readonly unknown[]).forEach((item, index) => check(items, item, `${path}[${index}]`, root, errors));
  }
}

function validateAgainst(schema: JsonSchema, value: unknown, root: JsonSchema): boolean {
  const errors: string[] = [];
  check(schema, value, '$', root, errors);
  return errors.length === 0;
}

function checkObject(schema: JsonSchema, value: Readonly<Record<string, unknown>>, path: string, root: JsonSchema, errors: string[]): void {
  for (const key of schema.required ?? []) {
    if (!Object.hasOwn(value, key)) errors.push(`${path}: missing required property "${key}"`);
  }
  const properties = schema.properties ?? {};
  for (const [key, inner] of Object.entries(value)) {
    const propertySchema = properties[key];
    if (propertySchema !== undefined) {
      check(propertySchema, inner, childPath(path, key), root, errors);
    } else if (schema.additionalProperties === false) {
      errors.push(`${path}: unexpected property "${key}"`);
    } else if (typeof schema.additionalProperties === 'object') {
      check(schema.additionalProperties, inner, childPath(path, key), root, errors);
    }
  }
}
