/**
 * A previous run's state, as the `state:`, `result:` and `source_status:` selectors compare
 * against it. Deliberately independent of dbt's JSON artifacts: the artifacts code converts
 * `manifest.json`, `run_results.json` and `sources.json` into this shape.
 */
import { createHash } from 'node:crypto';
import type { Manifest, ManifestNode, SourceDefinition } from '../parse/manifest.js';
import { comparableConfig } from './comparable-config.js';

/** What `state:modified` compares for one node or source. */
export interface NodeFingerprint {
  /** sha256 of the raw file (`state:modified.body`). */
  readonly checksum: string;
  /** Stable hash of the resolved config in its comparable shape (`state:modified.configs`, see `comparableConfig`). */
  readonly configHash: string;
  /** Unique ids of the macros the node calls, sorted (`state:modified.macros`). */
  readonly macros: readonly string[];
  /** Hash of the column names and types when a contract is enforced (`state:modified.contract`). */
  readonly contractHash?: string;
}

/** One source's freshness from a previous `source freshness` run. */
export interface PreviousSourceFreshness {
  /** ISO timestamp of the newest row. */
  readonly maxLoadedAt: string;
  /** `pass`, `warn`, `error` or `runtime error`. */
  readonly status: string;
}

/** A previous run, as `--state <dir>` provides it. */
export interface PreviousState {
  /** Node unique id → fingerprint at the time of the previous run. */
  readonly nodes: Readonly<Record<string, NodeFingerprint>>;
  /**
   * Source unique id → fingerprint. Optional: without it sources are never considered new or
   * modified (otherwise a state without sources would make every source look new).
   */
  readonly sources?: Readonly<Record<string, NodeFingerprint>>;
  /** Macro unique id → checksum of its body. */
  readonly macroChecksums: Readonly<Record<string, string>>;
  /** Node unique id → status of its last result (`success`, `error`, `fail`, `pass`, ...). */
  readonly results?: Readonly<Record<string, string>>;
  /** Source unique id → freshness at the previous `source freshness` run. */
  readonly sourceFreshness?: Readonly<Record<string, PreviousSourceFreshness>>;
}

/** Computes what `state:modified` compares for a node. */
export function nodeFingerprint(node: ManifestNode): NodeFingerprint {
  const contractHash = node.config.contract?.enforced === true ? contractColumnsHash(Object.values(node.columns)) : undefined;
  return {
    checksum: node.checksum,
    configHash: stableHash(comparableConfig(node.config, node.resourceType)),
    macros: [...new Set(node.dependsOn.macros)].sort(),
    ...(contractHash !== undefined ? { contractHash } : {}),
  };
}

/**
 * Computes the fingerprint of a source. Sources have no body: their "checksum" covers the
 * relation and the loaded-at field, their config hash the config, freshness, tags and meta.
 */
export function sourceFingerprint(source: SourceDefinition): NodeFingerprint {
  return {
    checksum: stableHash({ relation: source.relation, loadedAtField: source.loadedAtField ?? null }),
    configHash: stableHash({ config: source.config, freshness: source.freshness ?? null, tags: source.tags, meta: source.meta }),
    macros: [],
  };
}

/** sha256 of every macro's body, keyed by macro unique id. */
export function macroChecksums(manifest: Manifest): Record<string, string> {
  const checksums: Record<string, string> = {};
  for (const [id, macro] of Object.entries(manifest.macros)) checksums[id] = sha256(macro.macroSql);
  return checksums;
}

/**
 * Captures a manifest as a `PreviousState`, e.g. to compare the next invocation with this one.
 */
export function captureState(
  manifest: Manifest,
  extras: Pick<PreviousState, 'results' | 'sourceFreshness'> = {},
): PreviousState {
  const nodes: Record<string, NodeFingerprint> = {};
  for (const [id, node] of Object.entries(manifest.nodes)) nodes[id] = nodeFingerprint(node);
  const sources: Record<string, NodeFingerprint> = {};
  for (const [id, source] of Object.entries(manifest.sources)) sources[id] = sourceFingerprint(source);
  return { nodes, sources, macroChecksums: macroChecksums(manifest), ...extras };
}

/**
 * sha256 of a canonical JSON rendering: object keys sorted, `undefined` members dropped, so the
 * same config gives the same hash whatever order its keys were set in.
 */
export function stableHash(value: unknown): string {
  return sha256(canonicalJson(value));
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
}

/**
 * Hash of a contract: column names and data types, case-insensitive and in any order.
 * Exported so a state read from `manifest.json` hashes its columns the same way.
 */
export function contractColumnsHash(columns: readonly { readonly name: string; readonly dataType?: string | null }[]): string {
  // A contract is about names and types only; descriptions and tests may change freely.
  const shape = columns
    .map((column) => [column.name.toLowerCase(), column.dataType?.toLowerCase() ?? null] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return stableHash(shape);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
