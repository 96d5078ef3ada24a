/**
 * Types of what the site's browser scripts publish on `globalThis.tsdbtDocs`, for the Node
 * unit tests that load `select-nodes.js` and `search-nodes.js` with a side-effect import.
 * Not copied into the generated site.
 */

/** The index fields the selection syntax reads (a subset of `DocsIndexNode`). */
interface TsdbtSelectableNode {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly path: string;
  readonly package: string;
  readonly tags: readonly string[];
  readonly materialized?: string;
  readonly sourceName?: string;
  readonly fqn: string;
  readonly parents: readonly number[];
  readonly children: readonly number[];
}

/** One parsed selector atom such as `2+tag:nightly+1`. */
interface TsdbtSelectorAtom {
  readonly at: boolean;
  readonly upDepth: number | undefined;
  readonly downDepth: number | undefined;
  readonly method: string;
  readonly value: string;
}

interface TsdbtDocsBrowserApi {
  /** select-nodes.js: evaluates a `--select` expression; '' selects everything. */
  selectNodes(nodes: readonly TsdbtSelectableNode[], expression: string): Set<number>;
  parseAtom(text: string): TsdbtSelectorAtom;
  readonly selectorMethods: readonly string[];
  /** search-nodes.js: substring search, best first. */
  searchNodes(
    nodes: readonly { readonly name: string; readonly type: string; readonly search: string }[],
    query: string,
    limit?: number,
  ): { total: number; results: number[] };
}

// eslint-disable-next-line no-var
declare var tsdbtDocs: Partial<TsdbtDocsBrowserApi> | undefined;
