/**
 * The slices of dbt's artifact formats the docs site reads. They are deliberately loose
 * (every field optional except ids) because artifacts may come from tsdbt or from dbt itself:
 * manifest v12, catalog v1 and run-results v6 as documented at
 * https://docs.getdbt.com/reference/artifacts/dbt-artifacts.
 */

/** A column as declared in YAML (`manifest.nodes[id].columns[name]`). */
export interface ManifestColumn {
  readonly name?: string;
  readonly description?: string;
  readonly data_type?: string | null;
}

/** A test's `test_metadata`: the generic test name and its kwargs. */
export interface TestMetadata {
  readonly name?: string;
  /** `object`, not a Record, so a writer's own interface types are assignable. */
  readonly kwargs?: object;
  readonly namespace?: string | null;
}

/** A model, seed, snapshot, test, analysis or source entry of the manifest. */
export interface ManifestNode {
  readonly unique_id: string;
  readonly name: string;
  readonly resource_type: string;
  readonly package_name?: string;
  readonly original_file_path?: string;
  readonly path?: string;
  readonly description?: string;
  readonly columns?: Readonly<Record<string, ManifestColumn>>;
  /** `object`, not a Record, so a writer's own config interface is assignable. */
  readonly config?: object;
  readonly raw_code?: string;
  readonly compiled_code?: string;
  readonly depends_on?: { readonly nodes?: readonly string[]; readonly macros?: readonly string[] };
  readonly tags?: readonly string[];
  readonly relation_name?: string | null;
  readonly database?: string | null;
  readonly schema?: string;
  readonly alias?: string;
  readonly test_metadata?: TestMetadata | null;
  readonly attached_node?: string | null;
  readonly column_name?: string | null;
  readonly fqn?: readonly string[];
  /** Sources only. */
  readonly source_name?: string;
  readonly identifier?: string;
  readonly loader?: string;
  readonly source_description?: string;
}

/** A macro entry of the manifest. */
export interface ManifestMacro {
  readonly unique_id: string;
  readonly name: string;
  readonly package_name?: string;
  readonly macro_sql?: string;
  readonly description?: string;
  readonly original_file_path?: string;
  readonly path?: string;
  readonly arguments?: readonly { readonly name?: string; readonly type?: string | null; readonly description?: string }[];
}

/** The dbt manifest (v12 layout); only the fields the docs site uses. */
export interface DocsManifest {
  readonly metadata?: {
    readonly dbt_schema_version?: string;
    readonly generated_at?: string;
    readonly project_name?: string;
    readonly adapter_type?: string;
    readonly invocation_id?: string;
  };
  readonly nodes: Readonly<Record<string, ManifestNode>>;
  readonly sources?: Readonly<Record<string, ManifestNode>>;
  readonly macros?: Readonly<Record<string, ManifestMacro>>;
  readonly docs?: Readonly<Record<string, { readonly name?: string; readonly block_contents?: string }>>;
  readonly parent_map?: Readonly<Record<string, readonly string[]>>;
  readonly child_map?: Readonly<Record<string, readonly string[]>>;
}

/** A catalog column (`catalog.nodes[id].columns[NAME]`). */
export interface CatalogColumn {
  readonly name: string;
  readonly type?: string;
  readonly index?: number;
  readonly comment?: string | null;
}

/** One catalog table entry. */
export interface CatalogTable {
  readonly unique_id?: string;
  readonly metadata?: { readonly type?: string; readonly schema?: string; readonly name?: string; readonly database?: string | null };
  readonly columns?: Readonly<Record<string, CatalogColumn>>;
  readonly stats?: Readonly<Record<string, { readonly label?: string; readonly value?: unknown; readonly include?: boolean }>>;
}

/** The dbt catalog (v1): what the warehouse says about each relation. */
export interface DocsCatalog {
  readonly metadata?: { readonly generated_at?: string };
  readonly nodes?: Readonly<Record<string, CatalogTable>>;
  readonly sources?: Readonly<Record<string, CatalogTable>>;
}

/** One entry of `run_results.results`. */
export interface RunResultEntry {
  readonly unique_id: string;
  readonly status: string;
  readonly execution_time?: number;
  readonly message?: string | null;
  readonly failures?: number | null;
  readonly timing?: readonly { readonly name?: string; readonly started_at?: string; readonly completed_at?: string }[];
}

/** dbt run results (v6). */
export interface DocsRunResults {
  readonly metadata?: { readonly generated_at?: string };
  readonly results: readonly RunResultEntry[];
  readonly elapsed_time?: number;
}
