/**
 * `tsdbt generate`: write the reference project's raw feeds and, on a DuckDB target, load
 * them into its `raw` schema so `tsdbt build` can read them as sources.
 */
import { resolve } from 'node:path';
import { generateData, type GenerateProgress, type GenerateSummary } from '../generate/generate-data.js';
import type { GenerateOptions } from '../generate/generate-options.js';
import { loadRawFeeds } from '../generate/load-raw-feeds.js';
import { loadProfile } from '../config/profile-config.js';
import { loadRawProject, type InvocationOptions } from './prepare-invocation.js';

export interface GenerateTaskOptions extends InvocationOptions {
  readonly generate: GenerateOptions;
  /** Load the feeds into the target's `raw` schema (DuckDB targets). */
  readonly load: boolean;
  readonly onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateTaskResult {
  readonly summary: GenerateSummary;
  /** Rows per raw table, when loaded. */
  readonly loaded?: Readonly<Record<string, number>>;
  readonly databasePath?: string;
}

export async function generateTask(options: GenerateTaskOptions): Promise<GenerateTaskResult> {
  const raw = await loadRawProject(options);
  const projectDir = resolve(raw.root, 'project');
  const summary = await generateData({ projectDir, ...options.generate }, options.onProgress);
  if (!options.load) return { summary };
  const profile = await loadProfile({ projectDir: raw.root, profilesDir: options.profilesDir, profileName: raw.config.profile ?? raw.config.name, targetName: options.target, env: options.env });
  if (profile.target.type !== 'duckdb') return { summary };
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const { duckDbTargetOptions } = await import('../adapters/duckdb/duckdb-target-options.js');
  const { mkdir } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  if (profile.target.path !== ':memory:') await mkdir(dirname(profile.target.path), { recursive: true });
  // Opened as the adapter opens it: the raw load may be what creates the file, and
  // config_options (e.g. the storage format) only take effect then.
  const instance = await DuckDBInstance.create(profile.target.path, { ...duckDbTargetOptions(profile.target).configOptions });
  const connection = await instance.connect();
  try {
    const loaded = await loadRawFeeds(connection, summary.outDir);
    return { summary, loaded, databasePath: profile.target.path };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
