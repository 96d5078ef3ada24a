/**
 * The lineage graph: nodes and sources as vertices, `depends_on` as edges.
 * Output of the graph stage; the selector and the runner read it, nobody mutates it.
 */
export interface Dag {
  /** Every vertex id (node and source unique ids), in a stable topological order (parents first). */
  readonly order: readonly string[];
  /** id -> ids it depends on. */
  readonly parents: ReadonlyMap<string, readonly string[]>;
  /** id -> ids that depend on it. */
  readonly children: ReadonlyMap<string, readonly string[]>;
}
