import type { Manifest } from '../parse/manifest.js';

/** What the header's "Found 24 models, 61 data tests, ..." counts (enabled nodes, project macros). */
export function countResources(manifest: Manifest): Record<string, number> {
  const counts: Record<string, number> = { model: 0, snapshot: 0, seed: 0, test: 0, unit_test: 0, analysis: 0, source: 0, macro: 0 };
  for (const node of Object.values(manifest.nodes)) counts[node.resourceType] = (counts[node.resourceType] ?? 0) + 1;
  counts.source = Object.keys(manifest.sources).length;
  counts.macro = Object.values(manifest.macros).filter((macro) => macro.packageName === manifest.projectName).length;
  return counts;
}
