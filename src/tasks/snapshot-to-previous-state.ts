/**
 * Turn the state manifest (as read from JSON) into the shape the `state:` selectors compare.
 */
import type { ManifestSnapshot } from '../artifacts/read-manifest-snapshot.js';
import { stableHash, type PreviousState, type NodeFingerprint } from '../graph/state.js';

export function snapshotToPreviousState(snapshot: ManifestSnapshot, results: Readonly<Record<string, string>> | undefined): PreviousState {
  const nodes: Record<string, NodeFingerprint> = {};
  for (const [id, node] of snapshot.nodes) {
    nodes[id] = { checksum: node.checksum, configHash: stableHash(node.config), macros: [...node.macros].sort() };
  }
  const macroChecksums: Record<string, string> = {};
  for (const [id, macro] of snapshot.macros) macroChecksums[id] = macro.checksum;
  return { nodes, macroChecksums, results };
}
