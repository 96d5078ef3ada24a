import type { RelationName } from '../../parse/manifest.js';
import { defaultCapabilities, type AdapterCapabilities } from '../capabilities.js';

/** Snowflake's capabilities (see docs: transient tables, cluster keys, no transactional DDL). */
export const snowflakeCapabilities: AdapterCapabilities = {
  ...defaultCapabilities,
  transactionalDdl: false,
  merge: true,
  clusterBy: true,
  transientTables: true,
  concurrentWrites: true,
  upperCaseIdentifiers: true,
  usesDatabase: true,
};

/** Snowflake identifiers: double quotes, inner quotes doubled. */
export function quoteSnowflakeIdentifier(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * Unquoted identifiers are stored upper-cased by Snowflake; names tsdbt writes from plain
 * model names are folded the same way, so `show objects` finds what `create` made.
 * Names that are not plain (mixed case with symbols) are kept as written.
 */
export function normalizeSnowflakeIdentifier(identifier: string): string {
  return /^[A-Za-z_][A-Za-z0-9_$]*$/.test(identifier) ? identifier.toUpperCase() : identifier;
}

export function renderSnowflakeRelation(relation: RelationName): string {
  return [relation.database, relation.schema, relation.identifier]
    .filter((part) => part !== '')
    .map((part) => quoteSnowflakeIdentifier(normalizeSnowflakeIdentifier(part)))
    .join('.');
}

export const snowflakeDialect = {
  type: 'snowflake',
  capabilities: snowflakeCapabilities,
  quote: quoteSnowflakeIdentifier,
  renderRelation: renderSnowflakeRelation,
  normalizeIdentifier: normalizeSnowflakeIdentifier,
} as const;
