import type { DocsManifest } from './artifact-types.js';

/**
 * True when `value` has the manifest shape the docs site needs (a `nodes` object whose
 * entries have `unique_id`, `name` and `resource_type`), so a caller holding parsed JSON
 * (`unknown`, or the artifact writers' `object`) can narrow it without an unchecked cast.
 * Only the first entries are checked: a 10,000-model manifest is not walked twice.
 */
export function isDocsManifest(value: unknown): value is DocsManifest {
  if (!isObject(value) || !isObject(value['nodes'])) return false;
  const sample = Object.values(value['nodes']).slice(0, 20);
  return sample.every(
    (node) => isObject(node) && typeof node['unique_id'] === 'string' && typeof node['name'] === 'string' && typeof node['resource_type'] === 'string',
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
