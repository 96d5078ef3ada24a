/**
 * `project.yml` (or dbt's `dbt_project.yml`): the schema, the defaults dbt uses, and the
 * normalised camelCase `ProjectConfig` the rest of tsdbt reads.
 *
 * Every key dbt documents for `dbt_project.yml` is accepted; keys that mean nothing here
 * produce a one-line notice instead of an error. Unknown keys are errors with a
 * "did you mean" hint.
 */
import { z } from 'zod';
import { TsdbtError } from '../errors/tsdbt-error.js';
import type { YamlFile } from '../load/load-yaml.js';
import { sortByPosition, throwIfAny } from '../load/collect-errors.js';
import { validateFolderConfigTree } from './folder-config.js';
import type { FolderResourceKey } from './folder-config.js';
import { zodIssuesToErrors } from './zod-issues.js';

/** A folder-config tree as written under `models:`, `seeds:` ... (see `folder-config.ts`). */
export type FolderConfigTree = Readonly<Record<string, unknown>>;

export interface QuotingConfig {
  readonly database?: boolean;
  readonly schema?: boolean;
  readonly identifier?: boolean;
  readonly snowflake_ignore_case?: boolean;
}

export interface DispatchConfig {
  readonly macroNamespace: string;
  readonly searchOrder: readonly string[];
}

export interface ProjectConfig {
  readonly name: string;
  readonly version?: string;
  /** The profile in `profiles.yml`; defaults to the project name when absent. */
  readonly profile?: string;
  readonly configVersion: number;
  readonly modelPaths: readonly string[];
  readonly seedPaths: readonly string[];
  readonly snapshotPaths: readonly string[];
  readonly testPaths: readonly string[];
  readonly macroPaths: readonly string[];
  readonly analysisPaths: readonly string[];
  /** Where `{% docs %}` blocks are looked for; by default every resource path. */
  readonly docsPaths: readonly string[];
  readonly assetPaths: readonly string[];
  readonly targetPath: string;
  readonly logPath: string;
  readonly packagesInstallPath: string;
  readonly cleanTargets: readonly string[];
  readonly vars: Readonly<Record<string, unknown>>;
  readonly onRunStart: readonly string[];
  readonly onRunEnd: readonly string[];
  readonly requireDbtVersion?: string | readonly string[];
  readonly quoting: QuotingConfig;
  readonly dispatch: readonly DispatchConfig[];
  readonly flags: Readonly<Record<string, unknown>>;
  readonly queryComment?: unknown;
  readonly restrictAccess?: boolean;
  readonly models: FolderConfigTree;
  readonly seeds: FolderConfigTree;
  readonly snapshots: FolderConfigTree;
  /** `tests:` or dbt ≥ 1.8's `data_tests:`. */
  readonly tests: FolderConfigTree;
  readonly sources: FolderConfigTree;
  readonly unitTests: FolderConfigTree;
  readonly metrics: FolderConfigTree;
  readonly semanticModels: FolderConfigTree;
  readonly savedQueries: FolderConfigTree;
  readonly exposures: FolderConfigTree;
}

/** The result of validating a project file. */
export interface ParsedProjectConfig {
  readonly config: ProjectConfig;
  /** One line per accepted key that has no effect in tsdbt. */
  readonly notices: readonly string[];
}

const orNull = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const pathList = orNull(z.union([z.string(), z.array(z.string())]));
const tree = orNull(z.record(z.string(), z.unknown()));

/** The project file as written (dbt's kebab-case keys). */
export const projectFileSchema = z.strictObject({
  name: z
    .string({ error: (issue) => (issue.input === undefined ? undefined : 'expected a string') })
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
      error: 'project names may contain only letters, digits and underscores, and must not start with a digit',
    }),
  version: orNull(z.union([z.string(), z.number()])),
  profile: orNull(z.string()),
  'config-version': orNull(z.literal(2)),
  'model-paths': pathList,
  'seed-paths': pathList,
  'snapshot-paths': pathList,
  'test-paths': pathList,
  'macro-paths': pathList,
  'analysis-paths': pathList,
  'docs-paths': pathList,
  'asset-paths': pathList,
  'function-paths': pathList,
  'target-path': orNull(z.string()),
  'log-path': orNull(z.string()),
  'packages-install-path': orNull(z.string()),
  'clean-targets': pathList,
  vars: tree,
  'on-run-start': pathList,
  'on-run-end': pathList,
  'require-dbt-version': orNull(z.union([z.string(), z.array(z.string())])),
  quoting: orNull(
    z.strictObject({
      database: z.boolean().optional(),
      schema: z.boolean().optional(),
      identifier: z.boolean().optional(),
      snowflake_ignore_case: z.boolean().optional(),
    }),
  ),
  dispatch: orNull(z.array(z.strictObject({ macro_namespace: z.string(), search_order: z.array(z.string()) }))),
  flags: tree,
  'query-comment': z.unknown().optional(),
  'restrict-access': orNull(z.boolean()),
  'dbt-cloud': tree,
  models: tree,
  seeds: tree,
  snapshots: tree,
  tests: tree,
  data_tests: tree,
  sources: tree,
  unit_tests: tree,
  metrics: tree,
  'semantic-models': tree,
  'saved-queries': tree,
  exposures: tree,
  functions: tree,
});

type ProjectFile = z.output<typeof projectFileSchema>;

/** Keys dbt accepts that tsdbt reads but does not act on, and why. */
const NO_EFFECT: Readonly<Record<string, string>> = {
  'packages-install-path': 'tsdbt does not install packages',
  'query-comment': 'tsdbt does not add query comments',
  'restrict-access': 'tsdbt does not enforce model group access',
  'dbt-cloud': 'dbt Cloud settings do not apply to tsdbt',
  metrics: 'the semantic layer is not part of tsdbt',
  'semantic-models': 'the semantic layer is not part of tsdbt',
  'saved-queries': 'the semantic layer is not part of tsdbt',
  'function-paths': 'user-defined functions are not supported',
  functions: 'user-defined functions are not supported',
};

/** Keys dbt itself renamed; a plain "unknown key" would not help the user. */
const RENAMED: Readonly<Record<string, string>> = {
  'source-paths': 'model-paths',
  'data-paths': 'seed-paths',
  'modules-path': 'packages-install-path',
};

const FOLDER_TREES: readonly (readonly [keyof ProjectFile, FolderResourceKey])[] = [
  ['models', 'models'],
  ['seeds', 'seeds'],
  ['snapshots', 'snapshots'],
  ['tests', 'tests'],
  ['data_tests', 'tests'],
  ['sources', 'sources'],
  ['unit_tests', 'unit_tests'],
];

/**
 * Validates a loaded project file and applies dbt's defaults.
 * Throws every problem found (`TsdbtErrors` when more than one).
 */
export function parseProjectConfig(yaml: YamlFile): ParsedProjectConfig {
  const value = yaml.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TsdbtError({
      kind: 'config',
      message: 'the project file must be a mapping of keys such as `name:` and `model-paths:`',
      file: yaml.file,
      line: 1,
      column: 1,
    });
  }
  const errors = renamedKeyErrors(yaml, value as Record<string, unknown>);
  const withoutRenamed = Object.fromEntries(Object.entries(value).filter(([key]) => RENAMED[key] === undefined));
  const result = projectFileSchema.safeParse(withoutRenamed, { reportInput: true });
  if (!result.success) errors.push(...zodIssuesToErrors(result.error.issues, { yaml, schema: projectFileSchema }));
  if (result.success) {
    if (result.data.tests && result.data.data_tests) {
      const position = yaml.nearestPositionOf(['data_tests']);
      errors.push(
        new TsdbtError({
          kind: 'config',
          message: 'use either `tests:` or `data_tests:`, not both',
          file: yaml.file,
          ...position,
        }),
      );
    }
    for (const [key, resourceKey] of FOLDER_TREES) {
      const folderTree = result.data[key];
      if (folderTree && typeof folderTree === 'object') {
        errors.push(...validateFolderConfigTree(folderTree as Record<string, unknown>, resourceKey, yaml, [key]));
      }
    }
  }
  throwIfAny(sortByPosition(errors));
  const data = (result as { data: ProjectFile }).data;
  const notices = Object.keys(NO_EFFECT)
    .filter((key) => data[key as keyof ProjectFile] !== undefined)
    .map((key) => `${yaml.file}: \`${key}\` is accepted but has no effect (${NO_EFFECT[key]})`);
  return { config: normalise(data), notices };
}

function renamedKeyErrors(yaml: YamlFile, value: Record<string, unknown>): TsdbtError[] {
  return Object.keys(value)
    .filter((key) => RENAMED[key] !== undefined)
    .map(
      (key) =>
        new TsdbtError({
          kind: 'config',
          message: `unknown key \`${key}\``,
          hint: `\`${key}\` was renamed to \`${RENAMED[key]}\` in dbt 1.0`,
          file: yaml.file,
          ...yaml.nearestPositionOf([key]),
        }),
    );
}

const list = (value: string | readonly string[] | null | undefined, fallback: readonly string[]): readonly string[] =>
  value === undefined || value === null ? fallback : typeof value === 'string' ? [value] : value;

const record = (value: Record<string, unknown> | null | undefined): Readonly<Record<string, unknown>> => value ?? {};

function normalise(data: ProjectFile): ProjectConfig {
  const modelPaths = list(data['model-paths'], ['models']);
  const seedPaths = list(data['seed-paths'], ['seeds']);
  const snapshotPaths = list(data['snapshot-paths'], ['snapshots']);
  const testPaths = list(data['test-paths'], ['tests']);
  const macroPaths = list(data['macro-paths'], ['macros']);
  const analysisPaths = list(data['analysis-paths'], ['analyses']);
  const targetPath = data['target-path'] ?? 'target';
  return {
    name: data.name,
    version: data.version === undefined || data.version === null ? undefined : String(data.version),
    profile: data.profile ?? undefined,
    configVersion: data['config-version'] ?? 2,
    modelPaths,
    seedPaths,
    snapshotPaths,
    testPaths,
    macroPaths,
    analysisPaths,
    docsPaths: list(data['docs-paths'], [
      ...new Set([...modelPaths, ...seedPaths, ...snapshotPaths, ...analysisPaths, ...macroPaths, ...testPaths]),
    ]),
    assetPaths: list(data['asset-paths'], []),
    targetPath,
    logPath: data['log-path'] ?? 'logs',
    packagesInstallPath: data['packages-install-path'] ?? 'dbt_packages',
    cleanTargets: list(data['clean-targets'], [targetPath]),
    vars: record(data.vars),
    onRunStart: list(data['on-run-start'], []),
    onRunEnd: list(data['on-run-end'], []),
    requireDbtVersion: data['require-dbt-version'] ?? undefined,
    quoting: data.quoting ?? {},
    dispatch: (data.dispatch ?? []).map((entry) => ({
      macroNamespace: entry.macro_namespace,
      searchOrder: entry.search_order,
    })),
    flags: record(data.flags),
    queryComment: data['query-comment'],
    restrictAccess: data['restrict-access'] ?? undefined,
    models: record(data.models),
    seeds: record(data.seeds),
    snapshots: record(data.snapshots),
    tests: record(data.tests ?? data.data_tests),
    sources: record(data.sources),
    unitTests: record(data.unit_tests),
    metrics: record(data.metrics),
    semanticModels: record(data['semantic-models']),
    savedQueries: record(data['saved-queries']),
    exposures: record(data.exposures),
  };
}
