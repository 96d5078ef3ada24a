/**
 * `profiles.yml`: where it is found, the target schemas (dbt-duckdb's and dbt-snowflake's
 * keys), and redaction of secrets for `tsdbt debug` and artifacts.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { TsdbtError } from '../errors/tsdbt-error.js';
import { loadYaml } from '../load/load-yaml.js';
import type { Environment, YamlFile } from '../load/load-yaml.js';
import { closestMatch } from './closest-match.js';
import { zodIssuesToErrors } from './zod-issues.js';
import { throwIfAny } from '../load/collect-errors.js';

const threads = z.number().int().positive().default(1);
const text = z.string().optional();

/** A DuckDB target, as dbt-duckdb documents it. */
export const duckdbTargetSchema = z.strictObject({
  type: z.literal('duckdb'),
  /** Database file; relative paths resolve against the project directory. `:memory:` by default. */
  path: z.string().default(':memory:'),
  /** Catalog name; by default the file name without extension (`memory` for `:memory:`). */
  database: text,
  schema: z.string().default('main'),
  threads,
  extensions: z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).default([]),
  settings: z.record(z.string(), z.unknown()).default({}),
  attach: z
    .array(
      z.looseObject({
        path: z.string(),
        alias: text,
        type: text,
        read_only: z.boolean().optional(),
      }),
    )
    .default([]),
  external_root: text,
  use_credential_provider: text,
  filesystems: z.array(z.record(z.string(), z.unknown())).optional(),
  plugins: z.array(z.record(z.string(), z.unknown())).optional(),
  secrets: z.array(z.record(z.string(), z.unknown())).optional(),
  module_paths: z.array(z.string()).optional(),
  disable_transactions: z.boolean().optional(),
  keep_open: z.boolean().optional(),
  retries: z.record(z.string(), z.unknown()).optional(),
  config_options: z.record(z.string(), z.unknown()).optional(),
});

/** A Snowflake target, as dbt-snowflake documents it. */
export const snowflakeTargetSchema = z.strictObject({
  type: z.literal('snowflake'),
  account: z.string(),
  user: text,
  password: text,
  private_key_path: text,
  private_key: text,
  private_key_passphrase: text,
  authenticator: text,
  token: text,
  oauth_client_id: text,
  oauth_client_secret: text,
  role: text,
  database: z.string(),
  warehouse: text,
  schema: z.string(),
  threads,
  query_tag: text,
  client_session_keep_alive: z.boolean().default(false),
  connect_retries: z.number().int().nonnegative().default(1),
  connect_timeout: z.number().int().positive().default(10),
  retry_on_database_errors: z.boolean().default(false),
  retry_all: z.boolean().default(false),
  reuse_connections: z.boolean().optional(),
  insecure_mode: z.boolean().optional(),
  host: text,
  port: z.number().int().positive().optional(),
  protocol: z.enum(['https', 'http']).optional(),
  access_url: text,
  proxy_host: text,
  proxy_port: z.number().int().positive().optional(),
});

/** Every supported target shape, told apart by `type`. */
export const profileTargetSchema = z.discriminatedUnion('type', [duckdbTargetSchema, snowflakeTargetSchema]);

export type DuckDbTarget = z.output<typeof duckdbTargetSchema> & { readonly database: string };
export type SnowflakeTarget = z.output<typeof snowflakeTargetSchema>;
export type ProfileTarget = DuckDbTarget | SnowflakeTarget;

const SUPPORTED_TYPES = ['duckdb', 'snowflake'];

/** Target keys whose values are masked by `redactTarget`. */
export const SECRET_PROFILE_KEYS: readonly string[] = [
  'password',
  'private_key',
  'private_key_passphrase',
  'token',
  'oauth_client_secret',
];

/** A copy of the target with every secret set replaced by `****` (for `tsdbt debug` and artifacts). */
export function redactTarget<T extends ProfileTarget>(target: T): T {
  const copy: Record<string, unknown> = { ...target };
  for (const key of SECRET_PROFILE_KEYS) {
    if (copy[key] !== undefined && copy[key] !== null && copy[key] !== '') copy[key] = '****';
  }
  return copy as T;
}

export interface LoadProfileOptions {
  readonly projectDir: string;
  /** `--profiles-dir`; relative paths resolve against the current directory. */
  readonly profilesDir?: string;
  /** `profile:` from the project file (dbt falls back to the project name). */
  readonly profileName: string;
  /** `--target`; defaults to the profile's `target:`. */
  readonly targetName?: string;
  /** For `env_var()` and `$TSDBT_PROFILES_DIR`; defaults to `process.env`. */
  readonly env?: Environment;
  /** The user's home directory, for `~/.tsdbt/`; defaults to `os.homedir()`. */
  readonly homeDir?: string;
}

export interface LoadedProfile {
  readonly profileName: string;
  readonly targetName: string;
  readonly target: ProfileTarget;
  /** Absolute path of the `profiles.yml` that was used. */
  readonly path: string;
}

/** Directories searched for `profiles.yml`, in order. */
export function profileSearchDirs(options: LoadProfileOptions): string[] {
  const env = options.env ?? process.env;
  const dirs = [
    options.profilesDir === undefined ? undefined : path.resolve(options.profilesDir),
    env.TSDBT_PROFILES_DIR ? path.resolve(env.TSDBT_PROFILES_DIR) : undefined,
    path.resolve(options.projectDir),
    path.resolve(options.projectDir, 'project'),
    path.join(options.homeDir ?? homedir(), '.tsdbt'),
  ];
  return [...new Set(dirs.filter((dir): dir is string => dir !== undefined))];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Finds `profiles.yml`, picks the profile and target, renders `env_var()` in that target
 * only, and validates it.
 *
 * @example await loadProfile({ projectDir: '.', profileName: 'shop', targetName: 'ci' })
 *   // { profileName: 'shop', targetName: 'ci', target: { type: 'duckdb', path: '/abs/ci.duckdb', ... }, path }
 */
export async function loadProfile(options: LoadProfileOptions): Promise<LoadedProfile> {
  const candidates = profileSearchDirs(options).map((dir) => path.join(dir, 'profiles.yml'));
  const profilesPath = candidates.find((candidate) => existsSync(candidate));
  if (profilesPath === undefined) {
    throw new TsdbtError({
      kind: 'profile',
      message: `could not find profiles.yml; looked in: ${candidates.join(', ')}`,
      hint: 'create profiles.yml in the project directory, or pass --profiles-dir',
    });
  }
  const file = displayPath(profilesPath, options.projectDir);
  const contents = await readFile(profilesPath, 'utf8');
  const env = options.env ?? process.env;
  const { profileName } = options;

  // First pass: only `target:` is rendered, since it may itself be `{{ env_var('TARGET', 'dev') }}`.
  const outline = loadYaml(contents, { file, env, envVarScopes: [[profileName, 'target']] });
  const profile = findProfile(outline, profileName);
  const targetName = options.targetName ?? stringOr(profile.target, 'default');
  const outputs = profile.outputs;
  if (!isRecord(outputs) || !isRecord(outputs[targetName])) {
    const targets = isRecord(outputs) ? Object.keys(outputs) : [];
    const near = closestMatch(targetName, targets);
    throw new TsdbtError({
      kind: 'profile',
      message: `target \`${targetName}\` not found in profile \`${profileName}\``,
      file,
      ...outline.nearestPositionOf([profileName, 'outputs']),
      hint:
        targets.length === 0
          ? `add \`outputs:\` with a \`${targetName}:\` target to the profile`
          : `targets in this profile: ${targets.join(', ')}${near && near !== targetName ? ` (did you mean \`${near}\`?)` : ''}`,
    });
  }

  const targetPath = [profileName, 'outputs', targetName];
  const rendered = loadYaml(contents, { file, env, envVarScopes: [targetPath] });
  const raw = (((rendered.value as Record<string, unknown>)[profileName] as Record<string, unknown>).outputs as Record<
    string,
    unknown
  >)[targetName] as Record<string, unknown>;
  checkType(raw, rendered, targetPath);
  const result = profileTargetSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    throwIfAny(
      zodIssuesToErrors(result.error.issues, {
        yaml: rendered,
        schema: raw.type === 'duckdb' ? duckdbTargetSchema : snowflakeTargetSchema,
        kind: 'profile',
        pathPrefix: targetPath,
      }),
    );
  }
  const target = finishTarget((result as { data: z.output<typeof profileTargetSchema> }).data, options.projectDir);
  return { profileName, targetName, target, path: profilesPath };
}

function findProfile(yaml: YamlFile, profileName: string): Record<string, unknown> {
  const document = isRecord(yaml.value) ? yaml.value : {};
  const profile = document[profileName];
  if (isRecord(profile)) return profile;
  // `config:` at the top level holds global settings in old dbt profiles, not a profile.
  const profiles = Object.keys(document).filter((key) => key !== 'config');
  const near = closestMatch(profileName, profiles);
  throw new TsdbtError({
    kind: 'profile',
    message:
      profile === undefined
        ? `profile \`${profileName}\` not found in ${yaml.file}`
        : `profile \`${profileName}\` in ${yaml.file} must be a mapping with \`target:\` and \`outputs:\``,
    file: yaml.file,
    ...(profile === undefined ? {} : yaml.nearestPositionOf([profileName])),
    hint:
      profiles.length === 0
        ? `add a \`${profileName}:\` profile, or set \`profile:\` in project.yml`
        : `profiles in this file: ${profiles.join(', ')}${near ? ` (did you mean \`${near}\`?)` : ''}`,
  });
}

function checkType(raw: Record<string, unknown>, yaml: YamlFile, targetPath: readonly string[]): void {
  if (typeof raw.type === 'string' && SUPPORTED_TYPES.includes(raw.type)) return;
  const at = raw.type === undefined ? targetPath : [...targetPath, 'type'];
  throw new TsdbtError({
    kind: 'profile',
    message:
      raw.type === undefined
        ? `target \`${targetPath[2]}\` has no \`type\``
        : `target type \`${String(raw.type)}\` is not supported`,
    hint: `use one of: ${SUPPORTED_TYPES.join(', ')}`,
    file: yaml.file,
    ...yaml.nearestPositionOf(at),
  });
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** Resolves what depends on the project directory (DuckDB paths, the default database name). */
function finishTarget(target: z.output<typeof profileTargetSchema>, projectDir: string): ProfileTarget {
  if (target.type !== 'duckdb') return target;
  const inMemory = target.path === ':memory:';
  // `md:` (MotherDuck) and other URLs are not file paths.
  const isUrl = /^[a-z]+:/i.test(target.path) && !/^[a-z]:[\\/]/i.test(target.path);
  const resolved = inMemory || isUrl ? target.path : path.resolve(projectDir, target.path);
  const database = target.database ?? (inMemory ? 'memory' : path.basename(resolved).replace(/\.[^.]*$/, ''));
  return { ...target, path: resolved, database };
}

function displayPath(absolute: string, projectDir: string): string {
  const relative = path.relative(path.resolve(projectDir), absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative.split(path.sep).join('/');
}
