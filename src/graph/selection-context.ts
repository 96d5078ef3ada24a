/**
 * What evaluating a selector needs besides the AST: the manifest, its graph, and the optional
 * previous state and current measurements the `state:`, `result:` and `source_status:` methods
 * compare against.
 */
import type { Manifest, ManifestNode, SourceDefinition } from '../parse/manifest.js';
import type { Dag } from './dag.js';
import type { PreviousState } from './state.js';

/** Current freshness of one source, as measured by this invocation's `source freshness`. */
export interface CurrentSourceFreshness {
  /** ISO timestamp of the newest row. */
  readonly maxLoadedAt: string;
}

export interface SelectionContext {
  readonly manifest: Manifest;
  readonly dag: Dag;
  readonly state?: PreviousState;
  /** Macro unique id → checksum now; computed from the manifest's macros when absent. */
  readonly currentMacroChecksums?: Readonly<Record<string, string>>;
  readonly currentSourceFreshness?: Readonly<Record<string, CurrentSourceFreshness>>;
}

/** Enabled nodes of the manifest (disabled ones are never selectable). */
export function* enabledNodes(manifest: Manifest): Iterable<ManifestNode> {
  for (const node of Object.values(manifest.nodes)) if (node.config.enabled !== false) yield node;
}

/** Enabled sources of the manifest. */
export function* enabledSources(manifest: Manifest): Iterable<SourceDefinition> {
  for (const source of Object.values(manifest.sources)) if (source.config.enabled !== false) yield source;
}
