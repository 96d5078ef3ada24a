/**
 * Everything a command needs before it touches a database: the loaded project, the profile
 * and target, the compiler with macros, the parsed manifest and the DAG.
 * Stages run in order (load → parse → graph); each returns a new artifact.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { loadProject } from '../load/load-project.js';
import { loadProfile, type LoadedProfile } from '../config/profile-config.js';
import { parseCliVars } from '../config/cli-vars.js';
import { dialectFor, type Dialect } from '../adapters/dialect.js';
import { ProjectCompiler } from '../compile/project-compiler.js';
import type { TargetInfo } from '../compile/builtin-globals.js';
import { parseProject } from '../parse/parse-project.js';
import { buildDag } from '../graph/build-dag.js';
import type { RawProject } from '../load/raw-project.js';
import type { Manifest } from '../parse/manifest.js';
import type { Dag } from '../graph/dag.js';
import { SECRET_PROFILE_KEYS } from '../config/profile-config.js';

export interface InvocationOptions {
  readonly projectDir: string;
  readonly profilesDir?: string;
  readonly target?: string;
  /** `--vars` text (YAML or JSON). */
  readonly vars?: string;
  readonly threads?: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now?: () => Date;
  readonly invocationId?: string;
  /** Messages from templates (`log()`) and accepted-but-ignored config keys. */
  readonly onNotice?: (message: string) => void;
}

export interface PreparedInvocation {
  readonly raw: RawProject;
  readonly profile: LoadedProfile;
  readonly targetInfo: TargetInfo;
  readonly dialect: Dialect;
  readonly compiler: ProjectCompiler;
  readonly manifest: Manifest;
  readonly dag: Dag;
  readonly targetDir: string;
  readonly threads: number;
  readonly invocationId: string;
  readonly startedAt: Date;
}

/** Target fields templates may read (`target.warehouse`, ...); secrets are left out. */
function targetInfoOf(profile: LoadedProfile, threads: number): TargetInfo {
  const target = profile.target as unknown as Record<string, unknown>;
  const info: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) if (!SECRET_PROFILE_KEYS.includes(key)) info[key] = value;
  return {
    ...info,
    name: profile.targetName,
    type: String(target.type),
    schema: String(target.schema ?? 'main'),
    database: String(target.database ?? ''),
    threads,
    profile_name: profile.profileName,
  };
}

export async function loadRawProject(options: InvocationOptions): Promise<RawProject> {
  return loadProject(resolve(options.projectDir), { env: options.env });
}

export async function prepareInvocation(options: InvocationOptions): Promise<PreparedInvocation> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const raw = await loadRawProject(options);
  for (const notice of raw.notices) options.onNotice?.(notice);
  const profile = await loadProfile({
    projectDir: raw.root,
    profilesDir: options.profilesDir,
    profileName: raw.config.profile ?? raw.config.name,
    targetName: options.target,
    env: options.env,
  });
  const threads = options.threads ?? Number((profile.target as { threads?: number }).threads ?? 1);
  const targetInfo = targetInfoOf(profile, threads);
  const vars = { ...(raw.config.vars as Record<string, unknown>), ...(options.vars ? parseCliVars(options.vars) : {}) };
  const dialect = dialectFor(profile.target.type);
  const invocationId = options.invocationId ?? randomUUID();
  const compiler = new ProjectCompiler(dialect, {
    target: targetInfo,
    vars,
    env: options.env,
    runStartedAt: startedAt,
    invocationId,
    projectName: raw.config.name,
    onLog: options.onNotice,
  });
  const manifest = parseProject(raw, compiler);
  const dag = buildDag(manifest);
  return {
    raw, profile, targetInfo, dialect, compiler, manifest, dag, threads, invocationId, startedAt,
    targetDir: resolve(raw.root, raw.config.targetPath),
  };
}
