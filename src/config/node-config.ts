/**
 * The resolved configuration of one node, after precedence
 * (`config()` in the file > YAML properties > folder config in project.yml > defaults).
 *
 * Keys keep dbt's spelling (`materialized`, `unique_key`, `pre-hook`, ...) so artifacts and
 * templates read the same as dbt's. Known keys are typed; adapter-specific keys pass through.
 */
export interface Hook {
  readonly sql: string;
  /** Hooks run inside the model's transaction unless `transaction: false` (dbt's `before_begin`/`after_commit`). */
  readonly transaction: boolean;
}

export type OnSchemaChange = 'ignore' | 'fail' | 'append_new_columns' | 'sync_all_columns';

export interface NodeConfig {
  readonly enabled: boolean;
  readonly materialized: string;
  readonly tags: readonly string[];
  readonly 'pre-hook': readonly Hook[];
  readonly 'post-hook': readonly Hook[];
  readonly schema?: string;
  readonly database?: string;
  readonly alias?: string;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly unique_key?: string | readonly string[];
  readonly incremental_strategy?: string;
  readonly on_schema_change?: OnSchemaChange;
  readonly cluster_by?: string | readonly string[];
  readonly full_refresh?: boolean | null;
  readonly persist_docs?: Readonly<Record<string, boolean>>;
  readonly contract?: { readonly enforced: boolean };
  readonly [key: string]: unknown;
}

/** Defaults every node starts from before folder, YAML and in-file config are applied. */
export function defaultNodeConfig(materialized: string): NodeConfig {
  return { enabled: true, materialized, tags: [], 'pre-hook': [], 'post-hook': [], meta: {} };
}
