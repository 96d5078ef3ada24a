/**
 * The part of an adapter that needs no connection: its name (the dispatch prefix), its
 * capabilities and how it writes identifiers. `tsdbt compile` and `ls` use a dialect alone.
 */
import type { RelationName } from '../parse/manifest.js';
import type { AdapterCapabilities } from './capabilities.js';
import { duckdbCapabilities } from './duckdb/duckdb-capabilities.js';
import { quoteDuckDbIdentifier, renderDuckDbRelation } from './duckdb/duckdb-quoting.js';
import { snowflakeDialect } from './snowflake/snowflake-dialect.js';

export interface Dialect {
  readonly type: string;
  readonly capabilities: AdapterCapabilities;
  quote(identifier: string): string;
  renderRelation(relation: RelationName): string;
  /** How the database stores an unquoted identifier (Snowflake: upper case). */
  normalizeIdentifier(identifier: string): string;
}

export const duckdbDialect: Dialect = {
  type: 'duckdb',
  capabilities: duckdbCapabilities,
  quote: quoteDuckDbIdentifier,
  renderRelation: renderDuckDbRelation,
  normalizeIdentifier: (identifier) => identifier,
};

const dialects: Readonly<Record<string, Dialect>> = { duckdb: duckdbDialect, snowflake: snowflakeDialect };

export function dialectFor(type: string): Dialect {
  const dialect = dialects[type];
  if (!dialect) throw new Error(`No dialect for adapter type '${type}'`);
  return dialect;
}
