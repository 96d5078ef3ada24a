/**
 * Property YAML files (`schema.yml`, `_sources.yml`, ...) under any resource path:
 * the zod schema, with dbt's keys, and the validated `PropertyDocument`.
 *
 * Test lists are normalised to `TestDefinition`s (`tests:` and dbt ≥ 1.8's `data_tests:`
 * both end up in `tests`); everything else keeps dbt's spelling. Jinja inside values
 * (`{{ doc('orders') }}`) is kept as text for later stages.
 */
import { z } from 'zod';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { YamlFile } from '../load/load-yaml.js';
import { describeValue, zodIssuesToErrors } from './zod-issues.js';
import { throwIfAny } from '../load/collect-errors.js';

/** One data test, however it was written in YAML. */
export interface TestDefinition {
  /** Generic test to run: `unique`, `accepted_values`, `dbt_utils.expression_is_true`. */
  readonly testName: string;
  /** A custom node name (`- unique: {name: orders_id_unique}`). */
  readonly name?: string;
  readonly description?: string;
  /** Arguments passed to the test macro (`values`, `to`, `field`, `column_name`, ...). */
  readonly arguments: Readonly<Record<string, unknown>>;
  /** Config written on the test (`severity`, `where`, ... or under `config:`). */
  readonly config: Readonly<Record<string, unknown>>;
  /** Where the entry is in its owner: `[key, index]` to append to the owner's key path. */
  readonly keyPath: readonly ['tests' | 'data_tests', number];
}

/** Keys on a test entry that dbt treats as config rather than test arguments. */
const TEST_CONFIG_KEYS = new Set([
  'severity', 'where', 'limit', 'warn_if', 'error_if', 'store_failures', 'store_failures_as', 'fail_calc',
  'enabled', 'tags', 'meta', 'alias', 'schema', 'database',
]);

const orNull = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
/** A list that may be absent or empty (`columns:` with nothing under it) → always an array. */
const listOf = <T extends z.ZodType>(schema: T) =>
  z
    .array(schema)
    .nullable()
    .optional()
    .transform((value) => value ?? []);
const text = orNull(z.string());
const record = orNull(z.record(z.string(), z.unknown()));
const tags = orNull(z.union([z.string(), z.array(z.string())]));
const docs = orNull(z.strictObject({ show: z.boolean().optional(), node_color: z.string().optional() }));
const constraints = orNull(z.array(z.looseObject({ type: z.string() })));

const TEST_SHAPE_MESSAGE =
  'a test is a name (`unique`) or a mapping with one key (`accepted_values: {values: [...]}`)';

const testEntry = z.unknown().superRefine((value, context) => {
  if (typeof value === 'string') return;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if ('test_name' in value) {
      if (typeof (value as { test_name: unknown }).test_name === 'string') return;
      context.addIssue({ code: 'custom', message: '`test_name` must be a string', path: ['test_name'] });
      return;
    }
    if (keys.length === 1) {
      const body = (value as Record<string, unknown>)[keys[0]];
      if (body === null || (typeof body === 'object' && !Array.isArray(body))) return;
      context.addIssue({
        code: 'custom',
        message: `the arguments of \`${keys[0]}\` must be a mapping, found ${describeValue(body)}`,
        path: [keys[0]],
      });
      return;
    }
    context.addIssue({
      code: 'custom',
      message: `${TEST_SHAPE_MESSAGE}, found a mapping with keys ${keys.map((key) => `\`${key}\``).join(', ')}`,
    });
    return;
  }
  context.addIssue({ code: 'custom', message: `${TEST_SHAPE_MESSAGE}, found ${describeValue(value)}` });
});

/** Turns one validated test entry into a `TestDefinition`. */
function toTestDefinition(entry: unknown, keyPath: TestDefinition['keyPath']): TestDefinition {
  if (typeof entry === 'string') return { testName: entry, arguments: {}, config: {}, keyPath };
  const fields = entry as Record<string, unknown>;
  let testName: string;
  let body: Record<string, unknown>;
  if (typeof fields.test_name === 'string') {
    testName = fields.test_name;
    const { test_name: _ignored, ...rest } = fields;
    body = rest;
  } else {
    testName = Object.keys(fields)[0];
    body = (fields[testName] as Record<string, unknown> | null) ?? {};
  }
  const argumentsOut: Record<string, unknown> = {};
  let config: Record<string, unknown> = {};
  let name: string | undefined;
  let description: string | undefined;
  for (const [key, value] of Object.entries(body)) {
    if (key === 'name' && typeof value === 'string') name = value;
    else if (key === 'description' && typeof value === 'string') description = value;
    else if (key === 'config' && value !== null && typeof value === 'object') config = { ...config, ...value };
    else if (key === 'arguments' && value !== null && typeof value === 'object') Object.assign(argumentsOut, value);
    else if (TEST_CONFIG_KEYS.has(key)) config[key] = value;
    else argumentsOut[key] = value;
  }
  return { testName, name, description, arguments: argumentsOut, config, keyPath };
}

/** An object schema that also takes `tests:`/`data_tests:` and outputs `tests: TestDefinition[]`. */
function withTests<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .strictObject({ ...shape, tests: orNull(z.array(testEntry)), data_tests: orNull(z.array(testEntry)) })
    .transform((value, context): TestOwner<Shape> => {
      const { tests, data_tests: dataTests, ...rest } = value as Record<string, unknown> & {
        readonly tests?: readonly unknown[] | null;
        readonly data_tests?: readonly unknown[] | null;
      };
      if (tests && dataTests) {
        context.issues.push({
          code: 'custom',
          message: 'use either `tests:` or `data_tests:`, not both',
          input: value,
          path: ['data_tests'],
        });
      }
      const definitions = [
        ...(tests ?? []).map((entry, index) => toTestDefinition(entry, ['tests', index])),
        ...(dataTests ?? []).map((entry, index) => toTestDefinition(entry, ['data_tests', index])),
      ];
      return { ...rest, tests: definitions } as unknown as TestOwner<Shape>;
    });
}

/** The output of `withTests`: the owner's own fields plus normalised tests. */
type TestOwner<Shape extends z.ZodRawShape> = z.output<z.ZodObject<Shape>> & { readonly tests: readonly TestDefinition[] };

const columnSchema = withTests({
  name: z.string(),
  description: text,
  data_type: text,
  quote: orNull(z.boolean()),
  constraints,
  meta: record,
  tags,
  config: record,
  granularity: text,
  policy_tags: orNull(z.array(z.string())),
  docs,
});

const freshnessThreshold = orNull(
  z.strictObject({
    count: orNull(z.number().int().positive()),
    period: orNull(z.enum(['minute', 'hour', 'day'])),
  }),
);
const freshness = orNull(
  z.strictObject({ warn_after: freshnessThreshold, error_after: freshnessThreshold, filter: text }),
);
const quoting = orNull(
  z.strictObject({
    database: z.boolean().optional(),
    schema: z.boolean().optional(),
    identifier: z.boolean().optional(),
    column: z.boolean().optional(),
  }),
);

const modelSchema = withTests({
  name: z.string(),
  description: text,
  config: record,
  columns: listOf(columnSchema),
  docs,
  meta: record,
  constraints,
  access: orNull(z.enum(['private', 'protected', 'public'])),
  group: text,
  latest_version: orNull(z.union([z.number(), z.string()])),
  versions: listOf(z.looseObject({ v: z.union([z.number(), z.string()]) })),
  deprecation_date: orNull(z.union([z.string(), z.date()])),
  time_spine: record,
});

const sourceTableSchema = withTests({
  name: z.string(),
  identifier: text,
  description: text,
  loaded_at_field: text,
  loaded_at_query: text,
  freshness,
  columns: listOf(columnSchema),
  external: record,
  meta: record,
  tags,
  quoting,
  config: record,
  docs,
});

const sourceSchema = z.strictObject({
  name: z.string(),
  description: text,
  database: text,
  schema: text,
  loader: text,
  loaded_at_field: text,
  loaded_at_query: text,
  freshness,
  quoting,
  meta: record,
  tags,
  config: record,
  overrides: text,
  tables: listOf(sourceTableSchema),
});

const seedSchema = withTests({
  name: z.string(),
  description: text,
  config: record,
  columns: listOf(columnSchema),
  docs,
  meta: record,
});

const snapshotSchema = withTests({
  name: z.string(),
  description: text,
  relation: text,
  config: record,
  columns: listOf(columnSchema),
  docs,
  meta: record,
});

const analysisSchema = z.strictObject({
  name: z.string(),
  description: text,
  config: record,
  columns: listOf(columnSchema),
  docs,
});

const macroSchema = z.strictObject({
  name: z.string(),
  description: text,
  arguments: listOf(z.strictObject({ name: z.string(), type: text, description: text })),
  docs,
  meta: record,
});

const exposureSchema = z.strictObject({
  name: z.string(),
  label: text,
  type: z.enum(['dashboard', 'notebook', 'analysis', 'ml', 'application']),
  owner: z.strictObject({ name: text, email: text }),
  depends_on: listOf(z.string()),
  description: text,
  maturity: orNull(z.enum(['high', 'medium', 'low'])),
  url: text,
  meta: record,
  tags,
  config: record,
});

const fixtureRows = orNull(z.union([z.array(z.record(z.string(), z.unknown())), z.string()]));
const fixtureFormat = orNull(z.enum(['dict', 'csv', 'sql']));

const unitTestSchema = z.strictObject({
  name: z.string(),
  model: z.string(),
  description: text,
  given: listOf(z.strictObject({ input: z.string(), rows: fixtureRows, format: fixtureFormat, fixture: text })),
  expect: z.strictObject({ rows: fixtureRows, format: fixtureFormat, fixture: text }),
  config: record,
  overrides: orNull(z.strictObject({ macros: record, vars: record, env_vars: record })),
  versions: record,
});

/** The whole property file. */
export const propertyDocumentSchema = z.strictObject({
  version: orNull(z.union([z.number(), z.string()])),
  models: listOf(modelSchema),
  sources: listOf(sourceSchema),
  seeds: listOf(seedSchema),
  snapshots: listOf(snapshotSchema),
  analyses: listOf(analysisSchema),
  macros: listOf(macroSchema),
  exposures: listOf(exposureSchema),
  unit_tests: listOf(unitTestSchema),
  groups: listOf(z.unknown()),
  metrics: listOf(z.unknown()),
  semantic_models: listOf(z.unknown()),
  saved_queries: listOf(z.unknown()),
});

export type PropertyDocument = z.output<typeof propertyDocumentSchema>;
export type ModelProperties = PropertyDocument['models'][number];
export type ColumnProperties = ModelProperties['columns'][number];
export type SourceProperties = PropertyDocument['sources'][number];
export type SourceTableProperties = SourceProperties['tables'][number];
export type SeedProperties = PropertyDocument['seeds'][number];
export type SnapshotProperties = PropertyDocument['snapshots'][number];
export type AnalysisProperties = PropertyDocument['analyses'][number];
export type MacroProperties = PropertyDocument['macros'][number];
export type ExposureProperties = PropertyDocument['exposures'][number];
export type UnitTestProperties = PropertyDocument['unit_tests'][number];

/** Keys accepted for dbt compatibility that tsdbt does not act on. */
const NO_EFFECT: Readonly<Record<string, string>> = {
  metrics: 'the semantic layer is not part of tsdbt',
  semantic_models: 'the semantic layer is not part of tsdbt',
  saved_queries: 'the semantic layer is not part of tsdbt',
  groups: 'tsdbt does not enforce model group access',
};

export interface ParsedPropertyFile {
  readonly document: PropertyDocument;
  readonly notices: readonly string[];
}

/**
 * Validates a loaded property file. Throws every problem found, each placed at its key
 * (`models/marts/schema.yml:14:7 models[2].columns[0].tests: expected a list`).
 */
export function parsePropertyFile(yaml: YamlFile): ParsedPropertyFile {
  const value = yaml.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TsdbtError({
      kind: 'config',
      message: `a property file must be a mapping with keys such as \`models:\` or \`sources:\`, found ${describeValue(value)}`,
      file: yaml.file,
      line: 1,
      column: 1,
    });
  }
  const result = propertyDocumentSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    throwIfAny(zodIssuesToErrors(result.error.issues, { yaml, schema: propertyDocumentSchema }));
  }
  const document = (result as { data: PropertyDocument }).data;
  const notices = Object.keys(NO_EFFECT)
    .filter((key) => (document[key as keyof PropertyDocument] as unknown[]).length > 0)
    .map((key) => `${yaml.file}: \`${key}\` is accepted but has no effect (${NO_EFFECT[key]})`);
  return { document, notices };
}
