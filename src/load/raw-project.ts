/**
 * RawProject: what the load stage found on disk, validated but not yet interpreted.
 * Every file is read exactly once here; later stages never touch the file system for sources.
 */
import type { ProjectConfig } from '../config/project-config.js';

export type ProjectFileKind = 'model' | 'analysis' | 'seed' | 'snapshot' | 'test' | 'macro' | 'property' | 'doc';

export interface ProjectFile {
  readonly kind: ProjectFileKind;
  /** Path from the project root with forward slashes, e.g. `models/staging/stg_orders.sql`. */
  readonly path: string;
  readonly absolutePath: string;
  /** Path inside the resource folder it was found in, e.g. `staging/stg_orders.sql`. */
  readonly pathInResourceDir: string;
  /** The resource folder it was found in, e.g. `models`. */
  readonly resourceDir: string;
  /** File text (seeds: empty; the CSV is read by the seed loader). */
  readonly contents: string;
}

/** A YAML property file (schema.yml), already parsed, with positions for every key. */
export interface PropertyFile {
  readonly path: string;
  /** The validated document (see `config/property-schema.ts`). */
  readonly document: import('../config/property-schema.js').PropertyDocument;
  /** Source position of a key path such as `models[2].columns[0].tests` (1-based line/column). */
  positionOf(keyPath: readonly (string | number)[]): { readonly line: number; readonly column: number } | undefined;
}

export interface RawProject {
  readonly root: string;
  /** `project.yml` or `dbt_project.yml`, relative to root. */
  readonly projectFilePath: string;
  readonly config: ProjectConfig;
  readonly files: readonly ProjectFile[];
  readonly propertyFiles: readonly PropertyFile[];
  /** One-line notices for accepted keys that have no meaning in tsdbt (shown once, not errors). */
  readonly notices: readonly string[];
}
