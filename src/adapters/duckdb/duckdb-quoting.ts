import type { RelationName } from '../../parse/manifest.js';

/** DuckDB identifiers: double quotes, inner quotes doubled. The only quoting function for DuckDB. */
export function quoteDuckDbIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** `"db"."schema"."table"`. */
export function renderDuckDbRelation(relation: RelationName): string {
  const parts = [relation.database, relation.schema, relation.identifier].filter((part) => part !== '');
  return parts.map(quoteDuckDbIdentifier).join('.');
}
