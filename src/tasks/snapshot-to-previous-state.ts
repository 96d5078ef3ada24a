/**
 * Turn the state manifest (as read from JSON) into the shape the `state:` selectors compare.
 * Both sides must be computed alike: the config goes through the same `comparableConfig` as
 * the current parse (the JSON config carries dbt's defaults and indexed hooks), and the
 * contract hash is computed from the JSON columns exactly as `nodeFingerprint` does.
 */
import type { ManifestSnapshot, SnapshotNodeState } from '../artifacts/read-manifest-snapshot.js';
import { comparableConfig } from '../graph/comparable-config.js';
import { contractColumnsHash, stableHash, type NodeFingerprint, type PreviousState } from '../graph/state.js';

/** The previous state of `--state DIR`: fingerprints from its manifest, statuses from its run results. */
export function snapshotToPreviousState(snapshot: ManifestSnapshot, results: Readonly<Record<string, string>> | undefined): PreviousState {
  const nodes: Record<string, NodeFingerprint> = {};
  for (const [id, node] of snapshot.nodes) nodes[id] = snapshotFingerprint(node);
  const macroChecksums: Record<string, string> = {};
  for (const [id, macro] of snapshot.macros) macroChecksums[id] = macro.checksum;
  return { nodes, macroChecksums, results };
}

function snapshotFingerprint(node: SnapshotNodeState): NodeFingerprint {
  const contract = node.config.contract;
  const enforced = typeof contract === 'object' && contract !== null && (contract as { enforced?: unknown }).enforced === true;
  return {
    checksum: node.checksum,
    configHash: stableHash(comparableConfig(node.config, node.resourceType)),
    macros: [...new Set(node.macros)].sort(),
    ...(enforced ? { contractHash: contractColumnsHash(node.columns) } : {}),
  };
}
