/**
 * `catalog.json` (dbt catalog v1): the columns and types the database reports for every
 * built relation, written by `tsdbt docs generate`.
 */
import { artifactMetadata, type ArtifactMeta } from './artifact-metadata.js';

/** One relation as the adapter described it. */
export interface CatalogEntry {
  readonly uniqueId: string;
  /** `model`, `seed`, `snapshot`, `source` ... Sources go to `sources`, everything else to `nodes`. */
  readonly resourceType: string;
  readonly relation: { readonly database: string; readonly schema: string; readonly identifier: string };
  /** `BASE TABLE`, `VIEW` ... as the database names it. */
  readonly relationType: string;
  /** In the database's column order. */
  readonly columns: readonly { readonly name: string; readonly dataType: string }[];
  readonly comment?: string;
}

export const CATALOG_SCHEMA_PATH = 'catalog/v1.json';

/** dbt always writes this stat, even when the adapter collects no statistics. */
const NO_STATS = {
  has_stats: { id: 'has_stats', label: 'Has Stats?', value: false, include: false, description: 'Indicates whether there are statistics for this table' },
};

function catalogTableJson(entry: CatalogEntry): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  entry.columns.forEach((column, position) => {
    columns[column.name] = { type: column.dataType, index: position + 1, name: column.name, comment: null };
  });
  return {
    metadata: {
      type: entry.relationType,
      schema: entry.relation.schema,
      name: entry.relation.identifier,
      database: entry.relation.database,
      comment: entry.comment ?? null,
      owner: null,
    },
    columns,
    stats: NO_STATS,
    unique_id: entry.uniqueId,
  };
}

/** Builds the catalog v1 object; `errors` lists relations the adapter could not describe (none: null). */
export function buildCatalogJson(entries: readonly CatalogEntry[], meta: ArtifactMeta, errors: readonly string[] = []): object {
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  for (const entry of [...entries].sort((a, b) => a.uniqueId.localeCompare(b.uniqueId))) {
    (entry.resourceType === 'source' ? sources : nodes)[entry.uniqueId] = catalogTableJson(entry);
  }
  return { metadata: artifactMetadata(CATALOG_SCHEMA_PATH, meta), nodes, sources, errors: errors.length === 0 ? null : [...errors] };
}
