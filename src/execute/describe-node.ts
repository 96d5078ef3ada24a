import type { Dialect } from '../adapters/dialect.js';
import type { ManifestNode } from '../parse/manifest.js';
import type { NodeDescription } from './events.js';

/** The reporter's view of a node: name, kind, where it is built. */
export function describeNode(node: ManifestNode, dialect: Pick<Dialect, 'renderRelation'>): NodeDescription {
  const hasRelation = node.resourceType !== 'test' && node.resourceType !== 'unit_test' && node.resourceType !== 'analysis';
  return {
    uniqueId: node.uniqueId,
    name: node.name,
    resourceType: node.resourceType,
    materialized: String(node.config.materialized),
    relationName: hasRelation ? `${node.relation.schema}.${node.relation.identifier}` : '',
    originalFilePath: node.originalFilePath,
  };
}

/** Render a relation for display (`schema.table`, without quotes). */
export function displayRelation(relation: { readonly schema: string; readonly identifier: string }): string {
  return `${relation.schema}.${relation.identifier}`;
}
