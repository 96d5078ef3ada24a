/**
 * The shape of the data the docs site's browser script reads. It is split in two so a
 * 10,000-model project opens fast:
 * - {@link DocsIndex}: one small entry per node (names, edges, search text), loaded on open;
 * - {@link DocsNodeDetail}: descriptions, columns, SQL, run results, in shards loaded when a
 *   node's page is opened.
 * Both are written as `.js` files that assign globals, because browsers refuse to fetch
 * JSON over `file://`.
 */

/** One node (model, source, seed, snapshot, test, analysis or macro) in the index. */
export interface DocsIndexNode {
  readonly id: string;
  readonly name: string;
  /** dbt resource type: `model`, `source`, `seed`, `snapshot`, `test`, `analysis`, `macro`, ... */
  readonly type: string;
  /** `original_file_path`, forward slashes. */
  readonly path: string;
  readonly package: string;
  readonly tags: readonly string[];
  /** `config.materialized`, when set. */
  readonly materialized?: string;
  /** Sources only: the source's name (`source:<sourceName>.<name>`). */
  readonly sourceName?: string;
  /** Dotted fqn, e.g. `shop.staging.stg_orders`. */
  readonly fqn: string;
  /** Indexes into {@link DocsIndex.nodes}. */
  readonly parents: readonly number[];
  readonly children: readonly number[];
  /** Lowercased name, column names and description, for substring search. */
  readonly search: string;
  /** Last run or test status from run_results, when known. */
  readonly status?: string;
  /** Which detail shard holds this node's page data. */
  readonly shard: number;
}

/** The data loaded on open. */
export interface DocsIndex {
  readonly project: {
    readonly name: string;
    readonly generatedAt: string;
    readonly adapterType: string;
    /** Rendered (sanitised) `__overview__` docs block, or ''. */
    readonly overviewHtml: string;
  };
  readonly shardCount: number;
  readonly nodes: readonly DocsIndexNode[];
}

/** The latest result of one node in run_results. */
export interface DocsRunInfo {
  readonly status: string;
  readonly executionTime?: number;
  readonly message?: string;
  readonly failures?: number;
  readonly completedAt?: string;
}

/** A data test attached to a node, with its latest result. */
export interface DocsTestInfo {
  readonly id: string;
  /** Generic test name (`not_null`, `relationships`) or the singular test's name. */
  readonly label: string;
  readonly column?: string;
  readonly run?: DocsRunInfo;
}

/** A column: YAML description and the warehouse's type (catalog first, YAML `data_type` second). */
export interface DocsColumn {
  readonly name: string;
  readonly type: string;
  readonly descriptionHtml: string;
  /** Indexes into the node's {@link DocsNodeDetail.tests}. */
  readonly tests: readonly number[];
}

/** Everything a node's page shows beyond the index entry. */
export interface DocsNodeDetail {
  readonly descriptionHtml: string;
  readonly relationName?: string;
  readonly columns: readonly DocsColumn[];
  readonly config: Readonly<Record<string, unknown>>;
  readonly rawCode?: string;
  readonly compiledCode?: string;
  readonly run?: DocsRunInfo;
  readonly tests: readonly DocsTestInfo[];
  /** Test nodes: the tested node and the test's kwargs. */
  readonly testOf?: { readonly nodeId?: string; readonly column?: string; readonly kwargs?: Readonly<Record<string, unknown>> };
  /** Sources: the source-level description and loader. */
  readonly sourceDescriptionHtml?: string;
  readonly loader?: string;
  /** Macros: the argument list. */
  readonly arguments?: readonly { readonly name: string; readonly type?: string; readonly descriptionHtml: string }[];
  /** Catalog stats worth showing (row count, bytes), as label/value pairs. */
  readonly stats?: readonly { readonly label: string; readonly value: string }[];
}

/** One shard: node id -> detail. */
export type DocsShard = Readonly<Record<string, DocsNodeDetail>>;

/** The index plus every shard, as built in Node before writing. */
export interface DocsData {
  readonly index: DocsIndex;
  readonly shards: readonly DocsShard[];
}
